import { emptyDelta, mergeDelta, type DayRollup } from '../rollup/day-rollup';
import { dayIndex, dayKey, weekdayOf } from '../engine/day-keys';
import { createRandom, type Random } from './create-random';

/** One tracked event, as the tracker would see it. */
export interface SimEvent {
  day: string;
  name: string;
  value: number;
  /** Epoch ms. */
  at: number;
}

/** How one kind of user behaves, day by day. */
export interface Cohort {
  id: string;
  /** Days of history before today, drawn uniformly from this range per user. */
  days: [min: number, max: number];
  /**
   * What the user does on a day: events as [name, value] and active minutes, or null when
   * they do not show up. `ago` counts days before today, `age` days since their first.
   */
  day(ctx: {
    ago: number;
    age: number;
    weekday: number;
    span: number;
    r: Random;
    user: Record<string, number>;
  }): { events: Array<[string, number]>; activeMinutes: number } | null;
  /** Per-user constants (fade start, gap length...), drawn once. */
  traits?(r: Random, span: number): Record<string, number>;
}

export interface SimUser {
  cohort: string;
  events: SimEvent[];
  /** Active milliseconds per day. */
  active: Map<string, number>;
  rollups: DayRollup[];
}

/**
 * Months of one synthetic user's event stream, ending `today` in UTC, and the day rollups
 * the tracker would have stored from it. Deterministic for a seed.
 */
export function simulateUser(cohort: Cohort, seed: number, today: string, timeZone = 'UTC'): SimUser {
  const r = createRandom(seed);
  const T = dayIndex(today);
  const span = r.int(cohort.days[0], cohort.days[1]);
  const user = cohort.traits?.(r, span) ?? {};
  const events: SimEvent[] = [];
  const active = new Map<string, number>();
  const rollups: DayRollup[] = [];
  for (let age = 0; age <= span; age++) {
    const ago = span - age;
    const idx = T - ago;
    const got = cohort.day({ ago, age, weekday: weekdayOf(idx), span, r, user });
    if (!got) continue;
    const day = dayKey(idx);
    // UTC keeps local days aligned with epoch days here; events fall between 08:00 and 18:00.
    const start = idx * 86_400_000 + 8 * 3_600_000;
    const delta = emptyDelta(day, timeZone);
    let at = start + r.int(0, 3_600_000);
    for (const [name, value] of got.events) {
      at += r.int(1_000, 1_200_000);
      events.push({ day, name, value, at });
      const f = (delta.features[name] ??= { n: 0, value: 0 });
      f.n += 1;
      f.value += value;
      if (!(name in delta.firsts)) delta.firsts[name] = at;
    }
    const ms = Math.round(got.activeMinutes * 60_000);
    if (ms > 0) active.set(day, ms);
    delta.activeMs = ms;
    rollups.push(mergeDelta(undefined, delta));
  }
  return { cohort: cohort.id, events, active, rollups };
}
