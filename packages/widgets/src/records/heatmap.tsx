import { addDays } from '@habitual/core';
import { weekStart } from '../host/day-time';
import type { Format } from '../host/format';

/**
 * Active-day calendar: one column per week (Monday on top), `weeks` weeks ending with `today`'s;
 * a dot on each day in `noted` (a journal note).
 */
export function Heatmap({
  active,
  noted,
  today,
  weeks,
  label,
  fmt,
}: {
  active: Set<string>;
  noted?: object;
  today: string;
  weeks: number;
  label: string;
  fmt: Format;
}) {
  const first = addDays(weekStart(today), -7 * (weeks - 1));
  const cells = [];
  for (let i = 0; i < weeks * 7; i++) {
    const day = addDays(first, i);
    if (day > today) break;
    const [x, y] = [Math.floor(i / 7) * 12, (i % 7) * 12];
    cells.push(
      <rect key={day} x={x} y={y} width="10" height="10" rx="2" class={active.has(day) ? 'on' : undefined}>
        <title>{fmt.day(day)}</title>
      </rect>,
    );
    if (noted && day in noted) cells.push(<circle key={`n${day}`} cx={x + 5} cy={y + 5} r="2" data-note={day} />);
  }
  return (
    <svg class="heat" viewBox={`0 0 ${weeks * 12} 84`} role="img" aria-label={label}>
      {cells}
    </svg>
  );
}
