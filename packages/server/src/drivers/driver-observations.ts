import { addDays, computeState, dayIndex, driverInputs, resolveConfig } from '@habitual/core';
import type { DayRollup, EngagementState, HabitualConfig, ScoreMeasure } from '@habitual/core';
import type { Outcome } from '../accounts/outcome';

/** One user with their days merged over devices, ascending. */
export interface DriverUser {
  id: string;
  accountId: string | null;
  tz: string;
  days: DayRollup[];
}

export interface ObserveInput {
  /** Sorted by id, so the rows come in the same order run after run. */
  users: DriverUser[];
  outcomes: { accounts: Map<string, Outcome>; users: Map<string, Outcome> };
  config: HabitualConfig;
  /** The collector's today (UTC day). */
  today: string;
  horizonDays: number;
  /** Without any recorded outcome, churn is this many days without a qualified day (0: never inferred). */
  inferChurnDays: number;
  dates: number;
  spacingDays: number;
  /** Awaited between groups of users, so a big app never holds the event loop for long. @default none */
  pause?: () => Promise<void>;
}

/** One user at one observation date: the model's inputs and whether they stayed. */
export interface Observation {
  user: number;
  /** Index into the observation dates. */
  date: number;
  stayed: 0 | 1;
  /** The inputs, in the order of `names`. */
  x: Float64Array;
  /** The score under the given config, and L28, on that date. */
  score: number;
  l28: number;
  uses: Record<string, number>;
}

/** The measures' inputs to the model (see `driverInputs`), after the features. */
const MEASURE_INPUTS = ['frequency', 'breadth', 'intensity', 'momentum', 'activation', 'volume'] as const;

const noonOf = (day: string) => dayIndex(day) * 86_400_000 + 43_200_000;

/** Each measure's raw value, as the engine scores it (null when the measure has no data). */
function measureRaws(s: EngagementState): Record<Exclude<ScoreMeasure, 'drivers'>, number | null> {
  let volume = 0;
  for (const k in s.uses28) volume += s.uses28[k];
  return {
    frequency: s.l28,
    breadth: s.breadth,
    intensity: s.valueUnits28,
    momentum: s.momentum,
    activation: s.activation.total ? s.activation.done / s.activation.total : null,
    volume,
  };
}

/**
 * Per observation date (`dates` of them, `spacingDays` apart, the last `horizonDays` before
 * today), each user who was a customer then: their driver inputs (`driverInputs` on the
 * engine's state that day: what the device computes) and whether they were still a customer
 * `horizonDays` later, by the outcomes told or, without any, by `inferChurnDays` of silence.
 * Also today's population (users with a day in the last 28): each measure's raw values, and
 * the inputs for the drivers measure's percentiles.
 */
export async function observeUsers(input: ObserveInput) {
  const { users, outcomes, config, today, horizonDays, inferChurnDays: N, spacingDays } = input;
  const rc = resolveConfig(config);
  const features = Object.keys(rc.features).filter((n) => !n.startsWith('hb:'));
  const names = [...features, ...MEASURE_INPUTS, 'tenure'];
  const p = names.length;
  const recorded = outcomes.accounts.size + outcomes.users.size > 0;
  const last = addDays(today, -horizonDays);
  const dates = Array.from({ length: input.dates }, (_, k) => addDays(last, -spacingDays * (input.dates - 1 - k)));
  const rows: Observation[] = [];
  const raws: Record<string, number[]> = {};
  const inputs: Array<{ x: Record<string, number>; tenure: number }> = [];
  const accounts = new Set<string>();
  for (let u = 0; u < users.length; u++) {
    if (input.pause && u % 100 === 99) await input.pause();
    const user = users[u];
    if (!user.days.length) continue;
    if (user.accountId) accounts.add(user.accountId);
    const firstIdx = dayIndex(user.days[0].day);
    const now = computeState(user.days, config, noonOf(today), user.tz);
    if (dayIndex(user.days[user.days.length - 1].day) > dayIndex(today) - 28) {
      const r = measureRaws(now);
      for (const m in r) {
        const v = r[m as keyof typeof r];
        if (v !== null) (raws[m] ??= []).push(v);
      }
      inputs.push({ x: driverInputs(now), tenure: dayIndex(today) - firstIdx });
    }
    const told = outcomes.users.get(user.id) ?? (user.accountId ? outcomes.accounts.get(user.accountId) : undefined);
    const spells = recorded ? toldSpells(told) : silentSpells(now.qualifiedDays.map(dayIndex), firstIdx, dayIndex(today), N);
    let end = 0;
    for (let k = 0; k < dates.length; k++) {
      const d = dayIndex(dates[k]);
      if (d < firstIdx || spells.some(([c, back]) => c <= d && d < back)) continue;
      const stayed = spells.some(([c]) => d < c && c <= d + horizonDays) ? 0 : 1;
      while (end < user.days.length && dayIndex(user.days[end].day) <= d) end++;
      const s = computeState(user.days.slice(0, end), config, noonOf(dates[k]), user.tz);
      const x = new Float64Array(p);
      const xs = driverInputs(s);
      for (let j = 0; j < p - 1; j++) x[j] = xs[names[j]] ?? 0;
      x[p - 1] = Math.log1p(d - firstIdx);
      rows.push({ user: u, date: k, stayed, x, score: s.score, l28: s.l28, uses: s.uses28 });
    }
  }
  return {
    rows,
    names,
    features,
    dates,
    labels: recorded ? ('recorded' as const) : ('inferred' as const),
    accounts: accounts.size,
    population: { raws: raws as Partial<Record<ScoreMeasure, number[]>>, inputs },
  };
}

/** Churn spells [churned on, back on) of a told outcome: churned until told otherwise. */
function toldSpells(told: Outcome | undefined): Array<[number, number]> {
  return told?.status === 'churned' && told.churnedAt ? [[dayIndex(told.churnedAt), Number.POSITIVE_INFINITY]] : [];
}

/**
 * Churn spells inferred from silence: churned on the `n`-th day without a qualified day
 * (the day it becomes known), back on the next qualified day, if any.
 */
function silentSpells(qualified: number[], firstIdx: number, today: number, n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!n) return out;
  // The day before the first counts as qualified: a user who never qualifies churns too.
  const q = [firstIdx - 1, ...qualified];
  for (let i = 0; i < q.length; i++) {
    const next = i + 1 < q.length ? q[i + 1] : Number.POSITIVE_INFINITY;
    if (q[i] + n <= today && Math.min(next, today + 1) - q[i] - 1 >= n) out.push([q[i] + n, next]);
  }
  return out;
}
