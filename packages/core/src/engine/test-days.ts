import type { HabitualConfig } from '../config/types';
import { SIM_CONFIG } from '../sim/cohorts';
import type { DayRollup } from '../rollup/day-rollup';
import { dayIndex, dayKey } from './day-keys';

/** Test helpers: rollups by day key, and a config like the one in DESIGN.md. */

export function roll(
  day: string,
  features: Record<string, number | [n: number, value: number]> = {},
  activeMinutes = 0,
  firsts: Record<string, number> = {},
): DayRollup {
  const f: DayRollup['features'] = {};
  for (const k in features) {
    const v = features[k];
    f[k] = Array.isArray(v) ? { n: v[0], value: v[1] } : { n: v, value: 0 };
  }
  return { v: 1, day, tz: 'UTC', rev: 1, activeMs: activeMinutes * 60_000, features: f, firsts };
}

/** Rollups on the days `offsets` before `today` (0 = today), each with the same features. */
export function onDays(today: string, offsets: Iterable<number>, features: Record<string, number | [number, number]> = { 'invoice.sent': 1 }): DayRollup[] {
  const t = dayIndex(today);
  return [...offsets].map((o) => roll(dayKey(t - o), features));
}

export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Noon UTC of a day key: a `now` that is safely inside that day in UTC. */
export const noon = (day: string): number => dayIndex(day) * 86_400_000 + 12 * 3_600_000;

/** The simulator's invoicing app, with one more milestone to test. */
export const CONFIG: HabitualConfig = {
  ...SIM_CONFIG,
  milestones: [...(SIM_CONFIG.milestones ?? []), { id: 'active-10', activeDays: 10, title: 'Ten active days' }],
};
