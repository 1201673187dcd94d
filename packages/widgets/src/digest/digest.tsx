import { useEffect, useState } from 'preact/hooks';
import { addDays, safeHref, type DigestMetric, type EngagementState, type ValueSummary } from '@habitual/core';
import { minutes, wallTime } from '../host/day-time';
import { useHub } from '../host/hub';
import { useSlot } from '../host/slot';
import { Sparkline } from './sparkline';

interface DigestState {
  /** Local day the digest was dismissed. */
  day?: string;
  /** The user's own time of day for it, over `widgets.digest.at`. */
  at?: string;
  /** The user's choice: the one-line quick glance, or the details (the default). */
  glance?: boolean;
}

/** Yesterday has something to show: value delivered, or a qualified day. */
const hadYesterday = (state: EngagementState | null) =>
  !!state && (state.value.features.some((f) => f.yesterday > 0) || state.qualifiedDays.includes(addDays(state.today, -1)));

/**
 * The coffee-stat card: first visit of the local day (or from `widgets.digest.at`) when
 * yesterday has something to show and the attention budget allows, until dismissed for the
 * day. Inline (`<habitual-digest>`) it always shows. Everything it sums comes from the
 * engine's state (`state.value`); only the host's own metrics are fetched.
 */
export function Digest({ inline }: { inline?: boolean }) {
  const [{ state, config, t, tx, fmt, today, on }, hub] = useHub();
  const [metrics, setMetrics] = useState<DigestMetric[] | null>(null);
  const [, tick] = useState(0);
  const w = config.widgets?.digest ?? {};
  const saved = hub.widget<DigestState>('digest') ?? {};
  const at = saved.at ?? w.at;
  const now = wallTime(hub.host);
  const wait = at ? (minutes(at) - now.minutes) * 60e3 - now.seconds * 1e3 : 0;
  const waiting = !inline && (saved.day === today || wait > 0 || !hadYesterday(state));
  const granted = useSlot(inline || waiting ? null : 'digest', hub.priority('digest'));
  const hidden = !inline && !granted;

  useEffect(() => void (!hidden && !inline && state && hub.count('digest', 'opened')), [hidden || !state]);
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => tick((n) => n + 1), wait);
    return () => clearTimeout(id);
  }, [wait > 0]);

  useEffect(() => {
    if (hidden) return;
    let live = true;
    const provider = hub.host.digestProvider();
    // The host's provider may throw or reject: its metrics are left out, the card still shows.
    Promise.resolve()
      .then(() => provider?.() ?? [])
      .catch(() => [])
      .then((m) => live && setMetrics(m));
    return () => {
      live = false;
    };
  }, [hidden, state]);

  if (hidden || !state || !metrics) return null;
  const line = (pick: (f: ValueSummary['features'][number]) => number) =>
    state.value.features
      .filter((f) => pick(f))
      .map((f) => `${fmt.num(pick(f))} ${tx(config.features?.[f.feature]?.value, pick(f)) || f.unit}`)
      .join(', ') || t('noValue');
  const streak = state.streak;
  const streakText = streak.current > 0 ? t(streak.period === 'week' ? 'streakWeek' : 'streakDay', { n: streak.current }) : '';
  const glance = !!saved.glance;
  const link = w.link && safeHref(w.link.href);
  const value = (m: DigestMetric) => {
    try {
      return fmt.num(
        m.value,
        m.format === 'currency' ? { style: 'currency', currency: m.currency ?? 'USD' } : m.format === 'percent' ? { style: 'percent' } : undefined,
      );
    } catch {
      return fmt.num(m.value); // an unknown currency code
    }
  };

  return (
    <section class={inline ? 'card' : 'card fixed digest'} aria-label={t('digestTitle')} data-habitual-interruptive={inline ? undefined : ''}>
      <div class="row">
        <h2>{t('digestTitle')}</h2>
        {!inline && (
          <button
            class="x"
            aria-label={t('dismiss')}
            onClick={() => (hub.count('digest', 'dismissed'), hub.setWidget('digest', { ...saved, day: today }), hub.attention.mark('digest', 'dismissed'))}
          >
            ×
          </button>
        )}
      </div>
      {/* Quick glance or details: the user's choice, kept with their widget state (so it follows them into the export). */}
      <fieldset class="seg">
        <legend class="sr">{t('digestView')}</legend>
        {[false, true].map((g) => (
          <button
            key={String(g)}
            aria-pressed={glance === g}
            onClick={() => g !== glance && (hub.count('digest', g ? 'glance' : 'details'), hub.setWidget('digest', { ...saved, glance: g }))}
          >
            {t(g ? 'quickGlance' : 'details')}
          </button>
        ))}
      </fieldset>
      {glance ? (
        <p data-glance>{[t('glance', { value: line((f) => f.yesterday) }), streakText].filter(Boolean).join(' · ')}</p>
      ) : (
        <>
          <div class="row">
            <div>
              <p class="mu">{t('yesterday')}</p>
              <p data-yesterday>{line((f) => f.yesterday)}</p>
            </div>
            <div>
              <p class="mu">{t('thisWeek')}</p>
              <p data-week>{line((f) => f.week)}</p>
            </div>
          </div>
          {streakText && (
            <p class="big" data-streak>
              {streakText}
            </p>
          )}
          <Sparkline values={state.value.daily} label={t('lastDays', { n: state.value.daily.length })} />
          {metrics.map((m) => (
            <div key={m.label} data-metric>
              <div class="row">
                <span>{m.label}</span>
                <b>{value(m)}</b>
              </div>
              {m.series && m.series.length > 1 && <Sparkline values={m.series} label={m.label} />}
            </div>
          ))}
        </>
      )}
      <div class="acts row">
        <label class="mu">
          {t('showAt')}{' '}
          <input type="time" value={at ?? ''} onChange={(e) => hub.setWidget('digest', { ...saved, at: (e.target as HTMLInputElement).value || undefined })} />
        </label>
        {link ? (
          <a href={link} onClick={() => hub.count('digest', 'clicked')}>
            {tx(w.link!.text)}
          </a>
        ) : (
          on('records') && (
            <button class="p" onClick={() => (hub.count('digest', 'clicked'), hub.set({ panel: 'records' }))}>
              {t('seeRecords')}
            </button>
          )
        )}
      </div>
    </section>
  );
}
