import { useLayoutEffect, useState } from 'preact/hooks';
import type { TeamWeek } from '@habitual/core';
import { useHub, type View } from '../host/hub';
import { useTeam } from './use-team';

// What the collector accepts as a display name (team/team-schema.ts): checked here first, so the
// user learns it at once.
const NAME = /^[\p{L}\p{M}\p{N} '-]{1,60}$/u;

/** Team progress: the account's week, the opt-in leaderboard and a teammate's most used feature. */
export function Team() {
  const [view, hub] = useHub();
  const { t } = view;
  const { who, copy, failed, busy, change } = useTeam(true);
  useLayoutEffect(() => void (who && hub.count('team', 'shown')), [!!who]);
  // No verified user of an account: nothing to show, and nothing is wrong.
  if (!who) return null;
  const week = copy?.week;
  return (
    <section aria-label={t('teamTitle')} class="team">
      <h2>{t('teamTitle')}</h2>
      {week && <Week view={view} week={week} />}
      {week &&
        (week.me.optedIn ? (
          <div class="acts">
            <button disabled={busy} onClick={() => (hub.count('team', 'click', 'leave'), change({ optIn: false }))}>
              {t('leave')}
            </button>
          </div>
        ) : (
          <Join view={view} busy={busy} join={(displayName) => (hub.count('team', 'click', 'join'), change({ optIn: true, displayName }))} />
        ))}
      {copy && (
        <p class="mu" role="status" data-age>
          {t(failed ? 'offline' : 'updated', { ago: ago(view, copy.at, hub.host.now()) })}
        </p>
      )}
    </section>
  );
}

/** The buddy line: the teammate's feature this user has used least lately, then the most used (undefined when `buddies` is off). */
export function buddyLine({ t, tx, config, state }: View, week: TeamWeek): { key: string; text: string } | undefined {
  const used = (feature: string) => state?.uses28[feature] ?? 0;
  const b = config.widgets?.team?.buddies === false ? undefined : [...week.buddies].sort((x, y) => used(x.feature) - used(y.feature) || y.n - x.n)[0];
  const label = b && (tx(config.features?.[b.feature]?.label) || b.feature);
  return b && { key: `${week.week.from}.${b.name}.${b.feature}`, text: t('buddyUsed', { name: b.name, feature: label!, n: b.n }) };
}

function Week({ view, week }: { view: View; week: TeamWeek }) {
  const { t, tx, fmt, config } = view;
  const features = config.features ?? {};
  const units = (feature: string, n: number, unit: string) => `${fmt.num(n)} ${tx(features[feature]?.value, n) || unit}`;
  const totals = week.totals.filter((f) => f.week > 0);
  const buddy = buddyLine(view, week);
  const one = totals.length === 1 ? totals[0] : undefined;
  return (
    <>
      <p data-active>{t('teamActive', { n: week.active, total: week.members })}</p>
      {totals.length ? (
        <ul data-totals>
          {totals.map((f) => (
            <li key={f.feature}>{t('teamSent', { value: units(f.feature, f.week, f.unit) })}</li>
          ))}
        </ul>
      ) : (
        <p class="mu">{t('teamNothing')}</p>
      )}
      {buddy && <p data-buddy>{buddy.text}</p>}
      {week.me.optedIn && (
        <>
          <h3>{t('board')}</h3>
          <ol data-board>
            {week.leaderboard.map((r, i) => (
              <li key={i} class="row" data-me={r.me ? '' : undefined}>
                <span>
                  {r.name}
                  {r.me && ` ${t('you')}`}
                </span>
                <span class="mu">
                  {one ? units(one.feature, r.units, one.unit) : fmt.num(r.units)} · {t('boardDays', { n: r.days })}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

function Join({ view, busy, join }: { view: View; busy: boolean; join(name: string): void }) {
  const { t } = view;
  const [, hub] = useHub();
  const suggested = hub.host.user()?.traits?.name;
  const [name, setName] = useState(typeof suggested === 'string' ? suggested.slice(0, 60) : '');
  const bad = name.trim() !== '' && !NAME.test(name.trim());
  return (
    <form
      class="acts"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() && !bad) join(name.trim());
      }}
    >
      <p>{t('joinWhy')}</p>
      <label>
        {t('displayName')} <input name="displayName" value={name} maxLength={60} required aria-invalid={bad} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      {bad && <p role="alert">{t('nameProblem')}</p>}
      <button class="p" type="submit" disabled={busy}>
        {t('join')}
      </button>
    </form>
  );
}

/** "5 minutes ago", in the user's language. */
function ago({ locale }: View, at: number, now: number): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const minutes = Math.max(0, Math.round((now - at) / 60_000));
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  return hours < 48 ? rtf.format(-hours, 'hour') : rtf.format(-Math.round(hours / 24), 'day');
}
