import { OTHER_FEATURE, type DayRollup, type FeatureCount } from '../rollup/day-rollup';
import { keepsName } from '../rollup/feature-policy';

/**
 * The copy of a day that leaves the device: every name the config mentions (a feature, a
 * funnel step, a milestone's event...) and every widget count (`hb:`) as it is, every other name folded into one 'other'
 * total (its first use kept as the earliest of them). `configured` is computed once per batch.
 */
export function outgoingDay(day: DayRollup, configured: Set<string>): DayRollup {
  const features: Record<string, FeatureCount> = {};
  const firsts: Record<string, number> = {};
  let other: FeatureCount | undefined;
  let otherFirst: number | undefined;
  for (const name in day.features) {
    const f = day.features[name];
    const first = day.firsts[name];
    if (name !== OTHER_FEATURE && keepsName(configured, name)) {
      features[name] = { n: f.n, value: f.value };
      if (first !== undefined) firsts[name] = first;
      continue;
    }
    other = { n: (other?.n ?? 0) + f.n, value: (other?.value ?? 0) + f.value };
    if (first !== undefined && (otherFirst === undefined || first < otherFirst)) otherFirst = first;
  }
  if (other) features[OTHER_FEATURE] = other;
  if (otherFirst !== undefined) firsts[OTHER_FEATURE] = otherFirst;
  return { v: 1, day: day.day, tz: day.tz, rev: day.rev, activeMs: day.activeMs, features, firsts };
}
