import { useEffect, useRef, useState } from 'preact/hooks';
import type { DayRollup } from '@habitual/core';
import { download } from '../host/download';
import { useHub } from '../host/hub';
import { milestoneTitle } from '../host/milestone-title';
import { monthReview, shiftMonth } from './month-review';
import type { JournalNotes } from './notes';
import { reviewImage } from './review-image';

const TARGETS = { slack: 'Slack', discord: 'Discord' } as const;

/** The month in review: its calendar of active days (days with a note marked), value totals and milestones; as a PNG, or shared to Slack/Discord. */
export function ReviewCard({ notes }: { notes: JournalNotes }) {
  const [view, hub] = useHub();
  const { state, today, t, tx, fmt, config, dir } = view;
  const [month, setMonth] = useState(today.slice(0, 7));
  const [stored, setStored] = useState<DayRollup[]>([]);
  const [status, setStatus] = useState('');
  const card = useRef<HTMLDivElement>(null);
  // The stored days carry the value units; the state says which days qualified and which features count value.
  useEffect(() => {
    hub.instance.exportData().then(
      (d) => setStored(d.days),
      () => {},
    ); // storage errors go to onError
  }, [state]);
  const r = monthReview(state, stored, month, today);
  const title = `${t('review')}: ${fmt.day(`${month}-01`, { month: 'long', year: 'numeric' })}`;
  const values = r.values.map((v) => `${fmt.num(Math.round(v.units))} ${tx(config.features?.[v.feature]?.value, Math.round(v.units)) || v.unit}`);
  const lines = [
    t('activeDays', { n: r.active.length }),
    ...values,
    t('reached', { n: r.milestones.length }),
    ...r.milestones.map((m) => milestoneTitle(view, m)),
  ];
  const active = new Set(r.active);
  const rows = r.days.reduce((n, d) => Math.max(n, d.row + 1), 1);

  const save = () => {
    const style = getComputedStyle(card.current!);
    const v = (name: string, or: string) => style.getPropertyValue(name).trim() || or;
    reviewImage(hub.doc, {
      review: r,
      title,
      lines,
      dir,
      colors: { bg: v('--bg', '#fff'), fg: style.color || '#1f2330', muted: v('--mu', '#5f6675'), accent: v('--a', '#4f46e5'), cell: v('--bd', '#dfe2e8') },
    }).then(
      (png) => (download(hub.doc, `habitual-${month}.png`, png, 'image/png'), hub.count('journal', 'downloaded', 'image')),
      () => setStatus(t('shareFailed')),
    );
  };
  const share = (target: keyof typeof TARGETS) => {
    hub.count('journal', 'shared', 'review');
    // Numbers only: the collector words the message itself.
    const review = {
      month,
      activeDays: r.active.length,
      milestones: r.milestones.length,
      values: Object.fromEntries(r.values.map((v) => [v.feature, v.units])),
    };
    hub.host.share({ target, review }).then(
      () => setStatus(t('sharedTo')),
      () => setStatus(t('shareFailed')),
    );
  };

  return (
    <div ref={card} data-review>
      <div class="row">
        <h3>{title}</h3>
        <span class="nav">
          <button type="button" aria-label={t('prevMonth')} onClick={() => setMonth(shiftMonth(month, -1))}>
            {dir === 'rtl' ? '›' : '‹'}
          </button>
          <button type="button" aria-label={t('nextMonth')} disabled={month >= today.slice(0, 7)} onClick={() => setMonth(shiftMonth(month, 1))}>
            {dir === 'rtl' ? '‹' : '›'}
          </button>
        </span>
      </div>
      <svg class="cal" viewBox={`0 0 98 ${rows * 14}`} role="img" aria-label={`${title}: ${t('activeDays', { n: r.active.length })}`}>
        {r.days.map((d) => (
          <g key={d.day}>
            <rect x={(dir === 'rtl' ? 6 - d.col : d.col) * 14} y={d.row * 14} width="12" height="12" rx="2" class={active.has(d.day) ? 'on' : undefined}>
              <title>{notes[d.day] ? `${fmt.day(d.day)}: ${t('hasNote')}` : fmt.day(d.day)}</title>
            </rect>
            {notes[d.day] && <circle cx={(dir === 'rtl' ? 6 - d.col : d.col) * 14 + 6} cy={d.row * 14 + 6} r="2" data-note={d.day} />}
          </g>
        ))}
      </svg>
      <ul data-totals>
        {lines.map((line, i) => (
          <li key={i} class={i ? 'mu' : undefined}>
            {line}
          </li>
        ))}
      </ul>
      <div class="acts">
        <button type="button" onClick={save}>
          {t('download')}
        </button>
        {(config.widgets?.journal?.share ?? []).map((target) => (
          <button type="button" key={target} data-share={target} onClick={() => share(target)}>
            {t('shareTo', { target: TARGETS[target] })}
          </button>
        ))}
      </div>
      <p role="status" class="mu">
        {status}
      </p>
    </div>
  );
}
