import type { DayRollup, FeatureSpec } from '@habitual/core';
import { addDays } from './days';

// A use without a `value` prop still delivered one unit (one invoice sent).
const units = (day: DayRollup | undefined, name: string) => {
  const count = day?.features[name];
  return count ? count.value || count.n : 0;
};

/** Value units per configured value feature over the local days `from`..`to`. */
export function valueUnits(days: DayRollup[], features: Record<string, FeatureSpec>, from: string, to: string) {
  const inRange = days.filter((d) => d.day >= from && d.day <= to);
  return Object.keys(features)
    .filter((name) => features[name].value)
    .map((name) => ({ unit: features[name].value!, n: inRange.reduce((sum, d) => sum + units(d, name), 0) }));
}

/** All value units per day for the `count` days ending `to`, oldest first. */
export function dailyValue(days: DayRollup[], features: Record<string, FeatureSpec>, to: string, count = 14): number[] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const names = Object.keys(features).filter((name) => features[name].value);
  return Array.from({ length: count }, (_, i) => {
    const day = byDay.get(addDays(to, i - count + 1));
    return names.reduce((sum, name) => sum + units(day, name), 0);
  });
}
