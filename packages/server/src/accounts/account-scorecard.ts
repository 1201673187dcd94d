import { addDays, computeState, todayKey, resolveConfig, scoreMeasures } from '@habitual/core';
import type { Band, HabitualConfig, MeasureInput, MeasurePart, Stage } from '@habitual/core';
import type { Account } from './account-store';
import { runSteps } from '../state/run-sliced';
import { inputDays, scorecardInputs, type ScorecardInputs, type UserRollups, type UserSummary } from './scorecard-inputs';

export interface AccountScorecard {
  account: Account;
  score: number;
  band: Band;
  /** Each measure: raw value, normalised value, contribution and gap (as the device explains its score). */
  parts: MeasurePart[];
  depth: { meeting: number; seats: number; bar: number };
  breadth: number;
  /** Value units delivered in the last 28 days, all users together. */
  reach: number;
  /** Value units in 28 days per unit of monthly price; null without a price. */
  valuePerDollar: number | null;
  /**
   * Active users per local day over the last 28 days, oldest first, and the change of the last
   * 14 against the 14 before: null when the 14 before had no activity (no trend yet).
   */
  trend: { days: string[]; series: number[]; change: number | null };
  stages: Partial<Record<Stage, number>>;
  users: number;
  /** The users most at risk: worst stage first, then lowest score. */
  atRisk: UserSummary[];
  usersDetail?: UserSummary[];
  /** True when none of its users has stored a day yet: the score says nothing (the list shows "no data yet"). */
  noData?: boolean;
}

/** Measure weights of the account score; `drivers` counts only with a learned model in the config. */
const ACCOUNT_WEIGHTS = { depth: 35, breadth: 20, reach: 15, valuePerDollar: 15, trend: 15, drivers: 50 } as const;

const RISK_ORDER: Stage[] = ['dormant', 'at_risk', 'stuck', 'activating', 'reactivated', 'resurrected', 'new', 'engaged', 'power'];

/**
 * An account's health from its users' rollups, with core's engine (per user: merged devices,
 * `computeState`) and core's scorecard combiner. Depth: seats meeting the L28 bar / paid
 * seats. Breadth: key features anyone used in 28 days. Reach: value units in 28 days against
 * the intensity target per seat. Value per dollar: those units per unit of monthly price.
 * Trend: active users per day, last 14 days against the 14 before (no data when the 14 before
 * were empty). Drivers: with a learned model (`engagement.drivers`), the users' mean drivers measure.
 */
export function accountScorecard(account: Account, users: UserRollups[], config: HabitualConfig, now: number, detail = false): AccountScorecard {
  return runSteps(accountScorecardSteps(account, users, config, now, detail));
}

/**
 * `accountScorecard` a user at a time: the generator yields after each user's state, so a
 * caller on a busy event loop (the state refresher) can let other work run in between
 * (`runSliced`), where a big account would otherwise hold the loop for all its users at once.
 */
export function* accountScorecardSteps(
  account: Account,
  users: UserRollups[],
  config: HabitualConfig,
  now: number,
  detail = false,
): Generator<void, AccountScorecard> {
  const kept: KeptInputs[] = [];
  for (const u of users) {
    kept.push({ id: u.id, tz: u.tz, inputs: scorecardInputs(u, config, now) });
    yield;
  }
  return combineScorecard(account, kept, config, now, detail);
}

/** One user's scorecard inputs, with the user's id and zone (users in id order make a card). */
export interface KeptInputs {
  id: string;
  tz: string;
  inputs: ScorecardInputs;
}

/**
 * The card from its users' inputs (in id order): the one combiner of the full computation
 * (`accountScorecardSteps`) and of the state refresher's incremental one, which keeps each
 * user's inputs and recomputes only the users whose days changed.
 */
export function combineScorecard(account: Account, users: KeptInputs[], config: HabitualConfig, now: number, detail = false): AccountScorecard {
  const rc = resolveConfig(config);
  const tz = users[0]?.tz ?? 'UTC';
  // The account as one user: every user's recent days summed, so breadth is "used by anyone".
  const whole = users.length
    ? computeState(
        users.flatMap((u) => inputDays(u.inputs, u.tz)),
        config,
        now,
        tz,
      )
    : undefined;
  const bar = rc.engagement.engagedL28;
  const seats = account.paidSeats > 0 ? account.paidSeats : users.length;
  const meeting = users.filter((u) => u.inputs.summary.l28 >= bar).length;
  const reach = whole?.valueUnits28 ?? 0;
  const valuePerDollar = account.pricePerMonth > 0 ? reach / account.pricePerMonth : null;

  const today = whole?.today ?? todayKey(now, 'UTC');
  const days = Array.from({ length: 28 }, (_, i) => addDays(today, i - 27));
  const index = new Map(days.map((d, i) => [d, i]));
  const series = days.map(() => 0);
  for (const u of users) for (const q of u.inputs.qualified) if (index.has(q)) series[index.get(q)!]++;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const before = sum(series.slice(0, 14));
  const after = sum(series.slice(14));
  // With nothing in the earlier 14 days there is nothing to compare with (a new account, or
  // one that came back): no trend, so the measure drops out of the score instead of scoring full.
  const change = before === 0 ? null : (after - before) / before;

  const perSeatTarget = rc.engagement.intensityTarget;
  const measures: MeasureInput[] = [
    {
      id: 'depth',
      weight: ACCOUNT_WEIGHTS.depth,
      raw: seats > 0 ? meeting / seats : null,
      normalise: {
        kind: 'linear',
        points: [
          [0, 0],
          [1, 100],
        ],
      },
    },
    {
      id: 'breadth',
      weight: ACCOUNT_WEIGHTS.breadth,
      raw: whole ? whole.breadth : null,
      normalise: {
        kind: 'linear',
        points: [
          [0, 0],
          [1, 100],
        ],
      },
    },
    {
      id: 'reach',
      weight: ACCOUNT_WEIGHTS.reach,
      raw: seats > 0 ? reach / (perSeatTarget * seats) : null,
      normalise: {
        kind: 'linear',
        points: [
          [0, 0],
          [1, 100],
        ],
      },
    },
    // One value unit per unit of monthly price scores full: what a customer renews on.
    {
      id: 'valuePerDollar',
      weight: ACCOUNT_WEIGHTS.valuePerDollar,
      raw: valuePerDollar,
      normalise: {
        kind: 'linear',
        points: [
          [0, 0],
          [0.25, 50],
          [1, 100],
        ],
      },
    },
    // Halving activity scores 0, flat scores 60, growing a fifth or more scores 100.
    {
      id: 'trend',
      weight: ACCOUNT_WEIGHTS.trend,
      raw: change,
      normalise: {
        kind: 'linear',
        points: [
          [-0.5, 0],
          [0, 60],
          [0.2, 100],
        ],
      },
    },
    // The learned model (engagement.drivers): its users' mean drivers measure, the same
    // numbers their devices show; without a model it has no data and drops out.
    {
      id: 'drivers',
      weight: ACCOUNT_WEIGHTS.drivers,
      raw: rc.engagement.drivers && users.length ? sum(users.map((u) => u.inputs.drivers)) / users.length : null,
      normalise: {
        kind: 'linear',
        points: [
          [0, 0],
          [100, 100],
        ],
      },
    },
  ];
  const { score, band, parts } = scoreMeasures(measures, rc.engagement.bands);

  const stages: Partial<Record<Stage, number>> = {};
  for (const u of users) stages[u.inputs.summary.stage] = (stages[u.inputs.summary.stage] ?? 0) + 1;
  const summaries = users.map((u) => u.inputs.summary);
  const atRisk = [...summaries]
    .sort((a, b) => RISK_ORDER.indexOf(a.stage) - RISK_ORDER.indexOf(b.stage) || a.score - b.score)
    .filter((u) => u.stage !== 'engaged' && u.stage !== 'power')
    .slice(0, 5);
  return {
    account,
    score: Math.round(score),
    band,
    parts,
    depth: { meeting, seats, bar },
    breadth: whole?.breadth ?? 0,
    reach,
    valuePerDollar,
    trend: { days, series, change },
    stages,
    users: users.length,
    atRisk,
    ...(detail ? { usersDetail: summaries } : {}),
  };
}
