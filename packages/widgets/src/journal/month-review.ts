import { addDays, dayIndex, unitsOf, weekdayOf, type DayRollup, type EngagementState, type ReachedMilestone } from '@habitual/core';

/** One month of the user's own record, as the month-in-review card and its image show it. */
export interface MonthReview {
  /** `YYYY-MM`. */
  month: string;
  /** The month's days up to today, with their place in a Monday-first calendar. */
  days: Array<{ day: string; col: number; row: number }>;
  /** Days that qualified (the engine's rule), ascending. */
  active: string[];
  /** Value units per value feature (the engine's value features, core's `unitsOf` rule). */
  values: Array<{ feature: string; unit: string; units: number }>;
  /** Milestones reached this month, in order. */
  milestones: ReachedMilestone[];
}

/** The month `by` months after `month` (`YYYY-MM`). */
export function shiftMonth(month: string, by: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  const m = (i % 12) + 1;
  return `${Math.floor(i / 12)}-${m < 10 ? '0' : ''}${m}`;
}

/**
 * The month in review from the engine's state (qualified days, value features, milestones)
 * and the stored days (value units summed with core's rule, the one the engine uses).
 */
export function monthReview(state: EngagementState | null, stored: DayRollup[], month: string, today: string): MonthReview {
  const inMonth = (day: string) => day.slice(0, 7) === month && day <= today;
  const days: MonthReview['days'] = [];
  const first = weekdayOf(dayIndex(`${month}-01`));
  for (let day = `${month}-01`, i = first; inMonth(day); day = addDays(day, 1), i++) days.push({ day, col: i % 7, row: Math.floor(i / 7) });
  const mine = stored.filter((d) => inMonth(d.day));
  return {
    month,
    days,
    active: (state?.qualifiedDays ?? []).filter(inMonth),
    values: (state?.value.features ?? []).map(({ feature, unit }) => ({
      feature,
      unit,
      units: mine.reduce((sum, d) => {
        const f = d.features[feature];
        return f && f.n > 0 ? sum + unitsOf(f) : sum;
      }, 0),
    })),
    milestones: (state?.milestones ?? []).filter((m) => inMonth(m.day)).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
  };
}
