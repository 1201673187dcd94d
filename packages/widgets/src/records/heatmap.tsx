import { addDays } from '@habitual/core';
import { weekStart } from '../host/day-time';
import type { Format } from '../host/format';

/** Active-day calendar: one column per week (Monday on top), `weeks` weeks ending with `today`'s. */
export function Heatmap({ active, today, weeks, label, fmt }: { active: Set<string>; today: string; weeks: number; label: string; fmt: Format }) {
  const first = addDays(weekStart(today), -7 * (weeks - 1));
  const cells = [];
  for (let i = 0; i < weeks * 7; i++) {
    const day = addDays(first, i);
    if (day > today) break;
    cells.push(
      <rect key={day} x={Math.floor(i / 7) * 12} y={(i % 7) * 12} width="10" height="10" rx="2" class={active.has(day) ? 'on' : undefined}>
        <title>{fmt.day(day)}</title>
      </rect>,
    );
  }
  return (
    <svg class="heat" viewBox={`0 0 ${weeks * 12} 84`} role="img" aria-label={label}>
      {cells}
    </svg>
  );
}
