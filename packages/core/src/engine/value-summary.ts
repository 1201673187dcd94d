import type { EngineDay } from './engine-day';
import type { FeatureIndex } from './feature-index';
import { unitsOf } from './qualified-days';
import { weekdayOf } from './day-keys';
import type { ValueSummary } from './types';

/** Days of per-feature value units the state carries: the digest's sparkline. */
export const RECENT_DAYS = 14;

/** Rows of per-value-feature units for the `RECENT_DAYS` days ending today (today last). */
export const recentRows = (fx: FeatureIndex): Float64Array => new Float64Array(RECENT_DAYS * fx.valueNames.length);

/** Adds one day's value units into `rows` at `row` (0 = 13 days ago ... 13 = today). */
export function addRecentUnits(day: EngineDay, fx: FeatureIndex, rows: Float64Array, row: number): void {
  const width = fx.valueNames.length;
  if (!width || row < 0 || row >= RECENT_DAYS) return;
  for (const name in day.features) {
    const f = day.features[name];
    const pos = f.n > 0 ? (fx.info.get(name)?.valuePos ?? -1) : -1;
    if (pos >= 0) rows[row * width + pos] += unitsOf(f);
  }
}

/** Yesterday, this week (Monday first) and the daily series, from the recent rows. */
export function valueSummary(rows: Float64Array, todayIdx: number, fx: FeatureIndex): ValueSummary {
  const width = fx.valueNames.length;
  const last = RECENT_DAYS - 1;
  const weekFrom = last - weekdayOf(todayIdx);
  const daily = new Array<number>(RECENT_DAYS).fill(0);
  const features = fx.valueNames.map((feature, pos) => {
    let week = 0;
    for (let r = 0; r < RECENT_DAYS; r++) {
      const units = rows[r * width + pos];
      daily[r] += units;
      if (r >= weekFrom) week += units;
    }
    return { feature, unit: fx.valueUnits[pos], yesterday: rows[(last - 1) * width + pos], week };
  });
  return { features, daily };
}
