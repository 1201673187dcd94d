import { addDays, computeState, isReserved, mergeDeviceRollups, resolveConfig } from '@habitual/core';
import type { DayRollup, EngagementState, FeatureCount, HabitualConfig, Stage, Band } from '@habitual/core';

export interface UserRollups {
  id: string;
  tz: string;
  perDevice: Array<{ deviceId: string; days: DayRollup[] }>;
}

export interface UserSummary {
  id: string;
  stage: Stage;
  score: number;
  band: Band;
  l7: number;
  l28: number;
  /** Last local day with a qualified use. */
  lastActive?: string;
  stuck?: EngagementState['stuck'];
}

/**
 * Bumped whenever `ScorecardInputs` changes shape or meaning: inputs kept under another
 * format are not used, and the state refresher recomputes their account from its days.
 */
export const SCORECARD_INPUTS_FORMAT = 1;

/** Days kept before the user's today: the account's 28-day windows end at most two days earlier (zones differ by up to 26 hours). */
const KEEP_DAYS = 30;

/**
 * Everything an account scorecard reads of one user, computed from the user's days at one
 * `now` and valid for the rest of that local day (until new data): the state refresher keeps
 * it in `user_states.inputs` and combines an account's card from its users' inputs, computing
 * only the users whose days changed.
 */
export interface ScorecardInputs {
  v: number;
  summary: UserSummary;
  /** Qualified local days in the last `KEEP_DAYS` before the user's today, oldest first (the trend series). */
  qualified: string[];
  /** The user's drivers measure (0 without a learned model). */
  drivers: number;
  /**
   * The user's merged days of the last `KEEP_DAYS` (and any later day), with only the key and
   * value features: the account as one user (breadth, reach, its today) is computed from these.
   */
  days: Array<{ day: string; features: Record<string, FeatureCount> }>;
  /** The user's last stored day ('' with none): when silence can next change a state. */
  last: string;
}

/** A user's last stored day over all devices, '' when none. */
export function lastStoredDay(user: UserRollups): string {
  let last = '';
  for (const d of user.perDevice) for (const r of d.days) if (r.day > last) last = r.day;
  return last;
}

/** What the dashboard shows of one user's state (and what `user_states` keeps). */
export function userSummary(id: string, state: EngagementState): UserSummary {
  return {
    id,
    stage: state.stage,
    score: Math.round(state.score),
    band: state.band,
    l7: state.l7,
    l28: state.l28,
    lastActive: state.qualifiedDays[state.qualifiedDays.length - 1],
    stuck: state.stuck,
  };
}

/** One user's scorecard inputs with core's engine (merged devices, `computeState`). Throws on bad stored data (an unknown zone). */
export function scorecardInputs(user: UserRollups, config: HabitualConfig, now: number): ScorecardInputs {
  const merged = mergeDeviceRollups(user.perDevice);
  const state = computeState(merged, config, now, user.tz);
  const cut = addDays(state.today, -KEEP_DAYS);
  const rc = resolveConfig(config);
  const days: ScorecardInputs['days'] = [];
  for (const r of merged) {
    if (r.day < cut) continue;
    // Feature order is kept: the engine sums value units in it, so the account's reach adds up
    // exactly as it would over the full days.
    const features: Record<string, FeatureCount> = {};
    for (const name in r.features) {
      const f = rc.features[name];
      if (f && (f.key || f.value !== undefined) && !isReserved(name)) features[name] = { n: r.features[name].n, value: r.features[name].value };
    }
    days.push({ day: r.day, features });
  }
  return {
    v: SCORECARD_INPUTS_FORMAT,
    summary: userSummary(user.id, state),
    qualified: state.qualifiedDays.filter((d) => d >= cut),
    drivers: state.parts.find((p) => p.measure === 'drivers')?.value ?? 0,
    days,
    last: lastStoredDay(user),
  };
}

/** Inputs' days as rollups for `computeState` (only what it reads for breadth, reach and today). */
export function inputDays(inputs: ScorecardInputs, tz: string): DayRollup[] {
  return inputs.days.map((d) => ({ v: 1, day: d.day, tz, rev: 0, activeMs: 0, features: d.features, firsts: {} }));
}
