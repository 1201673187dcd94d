import type { EngineDay } from './engine-day';

/** Days of per-feature use counts the state carries: the longest `when.withinDays`. */
export const USE_DAYS = 90;

/** Adds one day's uses into `uses` at `ago` days before today (0 = today); older days are skipped. */
export function addUses(uses: Record<string, number[]>, day: EngineDay, ago: number): void {
  if (ago < 0 || ago >= USE_DAYS) return;
  for (const name in day.features) {
    const n = day.features[name].n;
    if (!(n > 0)) continue;
    const row = (uses[name] ??= []);
    while (row.length <= ago) row.push(0);
    row[ago] += n;
  }
}

/**
 * The state's uses: the history's rows (built relative to today, today's slot empty) with
 * today's counts added. Rows today did not touch are shared, not copied.
 */
export function usesWithToday(before: Record<string, number[]>, today: EngineDay | undefined): Record<string, number[]> {
  if (!today) return before;
  const out = { ...before };
  for (const name in today.features) {
    const n = today.features[name].n;
    if (!(n > 0)) continue;
    const row = (out[name] = before[name] ? before[name].slice() : [0]);
    row[0] += n;
  }
  return out;
}

/** Uses of `feature` over the last `withinDays` days, today included. */
export function usesWithin(uses: Record<string, number[]> | undefined, feature: string, withinDays: number): number {
  const row = uses?.[feature];
  let n = 0;
  if (row) for (let i = 0; i < row.length && i < withinDays; i++) n += row[i];
  return n;
}
