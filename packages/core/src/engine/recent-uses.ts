import { isReserved } from '../rollup/reserved';
import type { FeatureCount } from '../rollup/day-rollup';
import type { EngineDay } from './engine-day';

/** Days of per-feature use counts the state carries: the longest `when.withinDays`. */
export const USE_DAYS = 90;

/**
 * Uses per feature over the last `USE_DAYS` local days, as the state carries them: `today`
 * holds today's counts; `days[name][k]` the uses k days ago (k >= 1; slot 0 is unused), built
 * once with the history and shared by every state of the day, so a state change copies
 * nothing but today's counts.
 */
export interface RecentUses {
  today: Record<string, number>;
  days: Record<string, number[]>;
}

/**
 * Adds one day's uses into `days` at `ago` days before today; days out of the window are
 * skipped, and so are the widgets' own `hb:` counters (using our widgets is not using the product).
 */
export function addUseRow(days: Record<string, number[]>, day: EngineDay, ago: number): void {
  if (ago < 1 || ago >= USE_DAYS) return;
  for (const name in day.features) {
    const n = day.features[name].n;
    if (!(n > 0) || isReserved(name)) continue;
    const row = (days[name] ??= []);
    while (row.length <= ago) row.push(0);
    row[ago] += n;
  }
}

/** The state's uses: the history's rows and today's counts. */
export function recentUses(days: Record<string, number[]>, today: EngineDay | undefined): RecentUses {
  const counts: Record<string, number> = {};
  if (today) for (const name in today.features) if (today.features[name].n > 0 && !isReserved(name)) counts[name] = today.features[name].n;
  return { today: counts, days };
}

/** Uses of `feature` over the last `withinDays` days, today included. */
export function usesWithin(uses: RecentUses | undefined, feature: string, withinDays: number): number {
  if (!uses) return 0;
  let n = uses.today[feature] ?? 0;
  const row = uses.days[feature];
  if (row) for (let k = 1; k < row.length && k < withinDays; k++) n += row[k];
  return n;
}

/** Adds a day's uses per feature into `into` (the 28-day sums the drivers model reads); `hb:` counters are not usage. */
export function sumUses(into: Record<string, number>, features: Record<string, FeatureCount>): void {
  for (const name in features) if (!isReserved(name)) into[name] = (into[name] ?? 0) + features[name].n;
}
