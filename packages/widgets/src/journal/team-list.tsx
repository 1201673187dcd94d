import { useEffect, useState } from 'preact/hooks';
import { useHub } from '../host/hub';
import type { TeamNote, teamNotes } from './team-notes';

/** "From your team": the notes teammates of the account shared, as text. */
export function TeamList({ team }: { team: ReturnType<typeof teamNotes> }) {
  const [{ t, fmt }] = useHub();
  const [notes, setNotes] = useState<TeamNote[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    team.list().then(setNotes, () => setFailed(true));
  }, []);
  return (
    <>
      <h3>{t('team')}</h3>
      {failed ? (
        <p class="mu">{t('teamFailed')}</p>
      ) : (
        <ul data-team>
          {notes?.length ? (
            notes.map((n, i) => (
              <li key={`${n.day}-${i}`}>
                <span class="row">
                  <span>{n.name || t('teammate')}</span>
                  <time class="mu" dateTime={n.day}>
                    {fmt.day(n.day)}
                  </time>
                </span>
                <p>{n.text}</p>
              </li>
            ))
          ) : notes ? (
            <li class="mu">{t('noTeamNotes')}</li>
          ) : null}
        </ul>
      )}
    </>
  );
}
