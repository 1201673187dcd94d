import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useHub } from '../host/hub';
import { NoteEditor } from './note-editor';
import { readNotes } from './notes';
import { ReviewCard } from './review-card';
import { TeamList } from './team-list';
import { teamNotes } from './team-notes';

/** Notes listed under the editor, newest first. */
const LISTED = 30;

/**
 * The journal: a private note per day (the profile's widget state: in the export, gone with
 * forget), optionally shared with the team, the teammates' shared notes, and the month in
 * review. Every text the user or a teammate wrote renders as text.
 */
export function Journal({ inline }: { inline?: boolean }) {
  const [{ t, fmt, today, config }, hub] = useHub();
  useLayoutEffect(() => hub.count('journal', 'shown'), []);
  const notes = readNotes(hub.widget('journal'));
  const [day, setDay] = useState(today);
  const focus = useRef(false);
  const client = useMemo(() => teamNotes(hub.host), [hub]);
  const team = client.available() ? client : undefined;
  const offer = !!(team && config.widgets?.journal?.team);
  const days = Object.keys(notes).sort().reverse().slice(0, LISTED);
  return (
    // Inline it is a landmark of its own; in the panel the dialog already carries the name.
    <section aria-label={inline ? t('journal') : undefined} class="jr">
      <h2>{t('journal')}</h2>
      <p class="mu">{t('private')}</p>
      <NoteEditor key={day} day={day} setDay={setDay} notes={notes} team={team} offer={offer} focus={focus} />
      {days.length > 0 && (
        <>
          <h3>{t('notes')}</h3>
          <ul data-notes>
            {days.map((d) => (
              <li key={d}>
                <span class="row">
                  <time dateTime={d}>{fmt.day(d)}</time>
                  <button
                    type="button"
                    aria-label={t('editFor', { day: fmt.day(d) })}
                    onClick={(e) => (d === day ? e.currentTarget.closest('section')?.querySelector('textarea')?.focus() : ((focus.current = true), setDay(d)))}
                  >
                    {t('edit')}
                  </button>
                </span>
                {notes[d].shared && <span class="mu">{t('shared')}</span>}
                <p>{notes[d].text}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {offer && team && <TeamList team={team} />}
      <ReviewCard notes={notes} />
    </section>
  );
}
