import type { FeatureCount } from '../rollup/day-rollup';
import { isReserved } from '../rollup/reserved';
import type { EngineDay } from './engine-day';
import type { FeatureIndex } from './feature-index';

/** Scratch result of `scanDay`, reused so the per-day loop allocates nothing. */
export interface DayScan {
  qualified: boolean;
  /** Value units delivered that day. */
  units: number;
}

/** Value units of one day's use of a value feature; a use without a numeric value is one unit. */
export const unitsOf = (f: FeatureCount): number => (f.value > 0 ? f.value : f.n);

/**
 * The hot loop: one pass over a day's features that decides whether the day qualifies (a
 * core value event, or `activeMinutes` of active time; an unconfigured event never does,
 * and a widget's own count (`hb:`) is no use of the product at all: not even in the totals),
 * sums its value units, and moves the running totals, key-feature last use and the
 * count thresholds of activation steps and milestones forward (and, when given, the last
 * day each activation step's event was used).
 */
export function scanDay(
  day: EngineDay,
  fx: FeatureIndex,
  totals: Map<string, FeatureCount>,
  keyLast: Int32Array,
  reached: Int32Array,
  out: DayScan,
  stepLast?: Int32Array,
): DayScan {
  let qualified = day.activeMs >= fx.activeMs && day.activeMs > 0;
  let units = 0;
  const features = day.features;
  for (const name in features) {
    const f = features[name];
    if (!(f.n > 0) || isReserved(name)) continue;
    let t = totals.get(name);
    if (t) (t.n += f.n), (t.value += f.value);
    else totals.set(name, (t = { n: f.n, value: f.value }));
    const info = fx.info.get(name);
    if (info === undefined) continue;
    if (info.core) qualified = true;
    if (info.keyPos >= 0) keyLast[info.keyPos] = day.idx;
    if (info.value) units += unitsOf(f);
    const w = info.watch;
    for (let i = 0; i < w.length; i++) {
      const slot = w[i][0];
      if (reached[slot] < 0 && t.n >= w[i][1]) reached[slot] = day.idx;
      // Activation slots come first: remember the last use towards each step.
      if (stepLast !== undefined && slot < stepLast.length) stepLast[slot] = day.idx;
    }
  }
  out.qualified = qualified;
  out.units = units;
  return out;
}
