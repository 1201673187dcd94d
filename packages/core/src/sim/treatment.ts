import { addDays, dayIndex } from '../engine/day-keys';
import { emptyDelta, mergeDelta, type DayRollup } from '../rollup/day-rollup';
import type { Random } from './create-random';

/**
 * A treatment effect for simulated experiments: a treated user has `extraDays` more qualified
 * days in the 28 from `firstDay`, as if the widget brought them back on days they would have
 * skipped: that many days of the window with no record at all (picked at random) get one use
 * of the core value `event`. The effect is exact while the window has that many empty days.
 */
export function applyTreatment(rollups: readonly DayRollup[], firstDay: string, extraDays: number, r: Random, event = 'invoice.sent'): DayRollup[] {
  const had = new Set(rollups.map((d) => d.day));
  const empty: string[] = [];
  for (let k = 0; k < 28; k++) if (!had.has(addDays(firstDay, k))) empty.push(addDays(firstDay, k));
  const added: DayRollup[] = [];
  for (let i = 0; i < extraDays && empty.length; i++) {
    const day = empty.splice(Math.floor(r.next() * empty.length), 1)[0];
    const delta = emptyDelta(day, rollups[0]?.tz ?? 'UTC');
    // UTC days in the simulator: noon of the day.
    const at = dayIndex(day) * 86_400_000 + 43_200_000;
    delta.features[event] = { n: 1, value: 1 };
    delta.firsts[event] = at;
    added.push(mergeDelta(undefined, delta));
  }
  return [...rollups, ...added].sort((a, b) => (a.day < b.day ? -1 : 1));
}
