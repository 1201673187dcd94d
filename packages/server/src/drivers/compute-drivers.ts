import { resolveConfig, stayChance, SCORE_MEASURES } from '@habitual/core';
import type { DriversModel, HabitualConfig, ScoreMeasure } from '@habitual/core';
import type { Outcome } from '../accounts/outcome';
import { observeUsers, type DriverUser, type Observation } from './driver-observations';

export type { DriverUser } from './driver-observations';
import { fitLogistic, predictLogistic, type LogisticFit } from './fit-logistic';
import { auc, calibration, wilson, type CalibrationBin } from './model-quality';

export interface DriversInput {
  /** Sorted by id, so the fit is the same run after run. */
  users: DriverUser[];
  outcomes: { accounts: Map<string, Outcome>; users: Map<string, Outcome> };
  config: HabitualConfig;
  /** The collector's today (UTC day). */
  today: string;
  /** Churned within this many days of an observation date counts as churned. @default 30 */
  horizonDays?: number;
  /** Without any recorded outcome, churn is this many days without a qualified day (0: never inferred). @default 30 */
  inferChurnDays?: number;
  /** Observation dates, 14 days apart: the earlier ones train the model, the last `testDates` test it. @default 6 */
  dates?: number;
  testDates?: number;
  /** @default 14 */
  spacingDays?: number;
  /** L2 penalty of the fit. @default 1 */
  lambda?: number;
  /** Fewest churned users to fit on. @default 30 */
  minChurned?: number;
  /** Awaited between groups of users (the collector yields to its event loop). @default none */
  pause?: () => Promise<void>;
}

/** A share with its 95% interval. */
interface Share {
  rate: number;
  ci: [number, number];
  n: number;
}

interface FeatureDriver {
  name: string;
  label: string;
  /** Distinct users (and their accounts) who used it in the 28 days before an observation date. */
  users: number;
  accounts: number;
  /** Share still a customer `horizonDays` after an observation date, users of the feature then vs the rest. */
  retention: { users: Share; nonUsers: Share; difference: { value: number; ci: [number, number] } };
  /** Weight in the model (per unit of log(1 + uses in 28 days)) and its effect per standard deviation, log-odds of staying, with a 95% interval. */
  weight: number;
  effect: { value: number; ci: [number, number] };
}

export interface DriversReport {
  horizonDays: number;
  /** Where the labels came from: outcomes told to the collector, or inferred from silence. */
  labels: 'recorded' | 'inferred';
  inferChurnDays: number;
  dates: { train: string[]; test: string[] };
  sizes: {
    users: number;
    accounts: number;
    observations: { train: number; test: number };
    /** Distinct users who churned within the horizon of some observation date. */
    churned: { users: number; train: number; test: number };
  };
  /** Why no model was fitted (too little data); the sizes say how far off it is. */
  refused?: string;
  /** Ranked by effect, largest first. */
  features: FeatureDriver[];
  /** The other inputs: the score's measures on fixed scales, and tenure. */
  inputs: Array<{ name: string; weight: number; effect: { value: number; ci: [number, number] } }>;
  model?: {
    /** Held-out AUC on the later dates; `baselines` are the current score's and L28's on the same rows. */
    auc: { train: number; test: number };
    baselines: { score: number; l28: number };
    /** Predicted vs observed chance of staying on the held-out rows, in ten groups. */
    calibration: CalibrationBin[];
    iterations: number;
    converged: boolean;
    lambda: number;
    /** Seconds the observations and the fit took. */
    seconds: number;
  };
  /** The app's population today: each measure's raw value at 0, 5, ..., 100 percent. */
  percentiles: Partial<Record<ScoreMeasure, number[]>>;
  /** "Use these weights": the engagement settings that make the score this model (with the population's percentiles). */
  suggested: { engagement: { percentiles: Partial<Record<ScoreMeasure, number[]>>; drivers?: DriversModel; weights?: Record<ScoreMeasure, number> } };
}

const PERCENTS = 21;

/** Raw values at `PERCENTS` evenly spaced percentiles (nearest rank), or undefined without data. */
function percentilesOf(values: number[]): number[] | undefined {
  if (values.length < 2) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return Array.from({ length: PERCENTS }, (_, k) => {
    const v = s[Math.min(s.length - 1, Math.round((k / (PERCENTS - 1)) * (s.length - 1)))];
    return Math.round(v * 1e4) / 1e4;
  });
}

/**
 * Which features predict retention, from daily summaries alone: per observation date, each
 * user still a customer then, their driver inputs (`driverInputs`, what the device computes)
 * and whether they were still a customer `horizonDays` later. An L2 logistic regression is
 * fitted on the earlier dates and judged on the later ones (AUC, calibration), next to the
 * current score and L28 on the same rows. Pure and deterministic.
 */
export async function computeDrivers(input: DriversInput): Promise<DriversReport> {
  const t0 = performance.now();
  const {
    users,
    outcomes,
    config,
    today,
    horizonDays = 30,
    inferChurnDays = 30,
    dates: dateCount = 6,
    testDates = 2,
    spacingDays = 14,
    lambda = 1,
    minChurned = 30,
  } = input;
  const rc = resolveConfig(config);
  const {
    rows: obs,
    names,
    features,
    dates,
    population,
    accounts,
    labels,
  } = await observeUsers({
    users,
    outcomes,
    config,
    today,
    horizonDays,
    inferChurnDays,
    dates: dateCount,
    spacingDays,
    pause: input.pause,
  });
  const p = names.length;
  const N = inferChurnDays;
  const recorded = labels === 'recorded';
  const firstTest = dateCount - testDates;
  const popRaws = population.raws;
  const popInputs = population.inputs;
  const train = obs.filter((o) => o.date < firstTest);
  const test = obs.filter((o) => o.date >= firstTest);
  const churnedUsers = (rows: Observation[]) => new Set(rows.filter((o) => !o.stayed).map((o) => o.user)).size;
  const percentiles: DriversReport['percentiles'] = {};
  for (const m in popRaws) {
    const v = percentilesOf(popRaws[m as ScoreMeasure] ?? []);
    if (v) percentiles[m as ScoreMeasure] = v;
  }
  const report: DriversReport = {
    horizonDays,
    labels,
    inferChurnDays: N,
    dates: { train: dates.slice(0, firstTest), test: dates.slice(firstTest) },
    sizes: {
      users: users.length,
      accounts,
      observations: { train: train.length, test: test.length },
      churned: { users: churnedUsers(obs), train: churnedUsers(train), test: churnedUsers(test) },
    },
    features: [],
    inputs: [],
    percentiles,
    suggested: { engagement: { percentiles } },
  };
  if (!recorded && !N)
    report.refused = 'No outcomes have been recorded and churn inference is off: send PUT /v1/accounts/:id with status, or set inferChurnDays.';
  else if (report.sizes.churned.users < minChurned) {
    report.refused = `Only ${report.sizes.churned.users} users churned within ${horizonDays} days of an observation date; the model needs at least ${minChurned}. Record more outcomes or wait for more history.`;
  } else if (churnedUsers(train) === 0 || churnedUsers(test) === 0) {
    report.refused = 'The earlier or the later observation dates have no churned users, so the model cannot be both fitted and tested; wait for more history.';
  }
  if (report.refused) return report;

  const matrix = (rows: Observation[]) => {
    const x = new Float64Array(rows.length * p);
    rows.forEach((o, i) => x.set(o.x, i * p));
    return x;
  };
  const xTrain = matrix(train);
  const fit = fitLogistic(
    xTrain,
    Uint8Array.from(train, (o) => o.stayed),
    p,
    { lambda },
  );
  const xTest = matrix(test);
  const predict = (x: Float64Array, n: number) => Float64Array.from({ length: n }, (_, i) => predictLogistic(fit, x, i));
  const pTrain = predict(xTrain, train.length);
  const pTest = predict(xTest, test.length);
  const stayedTest = test.map((o) => o.stayed);

  // Observations of one user over several dates are not independent: intervals use the
  // number of distinct users, not of observations.
  const deff = Math.sqrt(obs.length / new Set(obs.map((o) => o.user)).size);
  const effect = (j: number) => {
    const v = fit.weights[j] * fit.sds[j];
    const h = 1.96 * fit.standardErrors[j] * deff;
    return { value: v, ci: [v - h, v + h] as [number, number] };
  };
  report.features = features
    .map((name, j): FeatureDriver => {
      const used = obs.filter((o) => (o.uses[name] ?? 0) > 0);
      const unused = obs.filter((o) => !((o.uses[name] ?? 0) > 0));
      const share = (rows: Observation[]): Share => {
        const n = rows.length;
        const k = rows.reduce((a, o) => a + o.stayed, 0);
        const distinct = new Set(rows.map((o) => o.user)).size;
        const rate = n ? k / n : 0;
        return { rate, ci: wilson(rate * distinct, distinct), n: distinct };
      };
      const a = share(used);
      const b = share(unused);
      const se = Math.sqrt((a.n ? (a.rate * (1 - a.rate)) / a.n : 0) + (b.n ? (b.rate * (1 - b.rate)) / b.n : 0));
      const diff = a.rate - b.rate;
      const who = new Set(used.map((o) => o.user));
      return {
        name,
        label: rc.features[name].label,
        users: who.size,
        accounts: new Set([...who].map((u) => users[u].accountId).filter(Boolean)).size,
        retention: { users: a, nonUsers: b, difference: { value: diff, ci: [diff - 1.96 * se, diff + 1.96 * se] } },
        weight: fit.weights[j],
        effect: effect(j),
      };
    })
    .sort((x, y) => Math.abs(y.effect.value) - Math.abs(x.effect.value) || (x.name < y.name ? -1 : 1));
  report.inputs = names.slice(features.length).map((name, k) => ({ name, weight: fit.weights[features.length + k], effect: effect(features.length + k) }));
  report.model = {
    auc: {
      train: auc(
        pTrain,
        Uint8Array.from(train, (o) => o.stayed),
      ),
      test: auc(pTest, stayedTest),
    },
    baselines: {
      score: auc(
        test.map((o) => o.score),
        stayedTest,
      ),
      l28: auc(
        test.map((o) => o.l28),
        stayedTest,
      ),
    },
    calibration: calibration(pTest, stayedTest),
    iterations: fit.iterations,
    converged: fit.converged,
    lambda,
    seconds: 0,
  };
  const model = toModel(fit, names);
  const stay = popInputs.map((u) => stayChance(u.x, u.tenure, model));
  const withDrivers = { ...percentiles, ...(stay.length > 1 ? { drivers: percentilesOf(stay) } : {}) };
  const weights = Object.fromEntries(SCORE_MEASURES.map((m) => [m, m === 'drivers' ? 100 : 0])) as Record<ScoreMeasure, number>;
  report.suggested = { engagement: { percentiles: withDrivers, drivers: model, weights } };
  report.model.seconds = Math.round(performance.now() - t0) / 1000;
  return report;
}

/** The fit as the config's `engagement.drivers` (rounded: the config travels to every device). */
function toModel(fit: Pick<LogisticFit, 'weights' | 'bias'>, names: string[]): DriversModel {
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  const weights: Record<string, number> = {};
  names.forEach((n, j) => {
    if (n !== 'tenure' && fit.weights[j] !== 0) weights[n] = r(fit.weights[j]);
  });
  return { weights, tenure: r(fit.weights[names.indexOf('tenure')]), bias: r(fit.bias) };
}
