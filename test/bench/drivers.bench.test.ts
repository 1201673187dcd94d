import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import type { HabitualConfig } from '@habitual/core';
import { churnWorld, type ChurnUser } from '@habitual/core/sim';
import { auc, computeDrivers, fitLogistic, observeUsers, predictLogistic, type DriverUser } from '@habitual/server';
import { printTable, writeResults } from './stats';

// The checks on the simulator's ground truth (sim/churn-world.ts): half the accounts
// fit the model, the other half (held out, at the later observation dates) judge it.
const USERS = Number(process.env.HABITUAL_BENCH_DRIVER_USERS ?? 6000);

const toDriverUser = (u: ChurnUser): DriverUser => ({ id: u.id, accountId: u.accountId, tz: 'UTC', days: u.rollups });

it('drivers: learned score vs default score vs L28 on held-out simulated users', async () => {
  const world = churnWorld({ users: USERS, seed: 11 });
  const outcomes = { accounts: new Map<string, { status: 'churned'; churnedAt: string; renewedAt: null }>(), users: new Map() };
  for (const u of world.users) if (u.churnedOn) outcomes.users.set(u.id, { status: 'churned', churnedAt: u.churnedOn, renewedAt: null });
  const byId = (a: DriverUser, b: DriverUser) => (a.id < b.id ? -1 : 1);
  const odd = (u: ChurnUser) => Number(u.accountId.slice(5)) % 2 === 1;
  const fitUsers = world.users.filter(odd).map(toDriverUser).sort(byId);
  const heldOut = world.users
    .filter((u) => !odd(u))
    .map(toDriverUser)
    .sort(byId);

  const t0 = performance.now();
  const report = await computeDrivers({ users: fitUsers, outcomes, config: world.config, today: world.today });
  const fitSeconds = (performance.now() - t0) / 1000;
  expect(report.refused).toBeUndefined();

  const base = { users: heldOut, outcomes, today: world.today, horizonDays: 30, inferChurnDays: 30, dates: 6, spacingDays: 14 };
  const withEngagement = (engagement: object): HabitualConfig => ({ ...world.config, engagement: { ...world.config.engagement, ...engagement } });
  const testRows = async (config: HabitualConfig) => (await observeUsers({ ...base, config })).rows.filter((o) => o.date >= 4);
  const plain = await testRows(world.config);
  const stayed = plain.map((o) => o.stayed);
  const defaultScore = await testRows(withEngagement({ percentiles: report.percentiles }));
  const learned = await testRows(withEngagement(report.suggested.engagement));

  // Reference: an unpenalised logistic regression on the same inputs of the same fit users.
  const fitObs = await observeUsers({ ...base, users: fitUsers, config: world.config });
  const train = fitObs.rows.filter((o) => o.date < 4);
  const p = fitObs.names.length;
  const xTrain = new Float64Array(train.length * p);
  train.forEach((o, i) => xTrain.set(o.x, i * p));
  const reference = fitLogistic(
    xTrain,
    Uint8Array.from(train, (o) => o.stayed),
    p,
    { lambda: 1e-6 },
  );
  const xTest = new Float64Array(plain.length * p);
  plain.forEach((o, i) => xTest.set(o.x, i * p));

  const figures = {
    l28: auc(
      plain.map((o) => o.l28),
      stayed,
    ),
    defaultScoreFixedTargets: auc(
      plain.map((o) => o.score),
      stayed,
    ),
    defaultScore: auc(
      defaultScore.map((o) => o.score),
      stayed,
    ),
    learnedScore: auc(
      learned.map((o) => o.score),
      stayed,
    ),
    referenceLogistic: auc(
      plain.map((_, i) => predictLogistic(reference, xTest, i)),
      stayed,
    ),
    collectorModel: report.model!.auc.test,
  };
  const rows = Object.entries(figures).map(([measure, value]) => ({ measure, 'held-out AUC': value.toFixed(3) }));
  printTable(
    `drivers (${world.users.length} simulated users, ${fitUsers.length} fit / ${heldOut.length} held out; ${report.sizes.observations.train} training rows; ${heldOut.length ? plain.length : 0} held-out rows, ${stayed.filter((s) => !s).length} churned)`,
    rows,
  );
  const checks = [
    { check: 'learned >= default + 0.03', ok: figures.learnedScore >= figures.defaultScore + 0.03 },
    { check: '|learned - reference| <= 0.01', ok: Math.abs(figures.learnedScore - figures.referenceLogistic) <= 0.01 },
    { check: 'default >= L28', ok: figures.defaultScore >= figures.l28 },
  ];
  printTable(
    'drivers checks',
    checks.map((c) => ({ check: c.check, result: c.ok ? 'pass' : 'FAIL' })),
  );
  console.log(`computeDrivers on ${fitUsers.length} users x 6 dates: ${fitSeconds.toFixed(2)} s (fit ${report.model!.iterations} Newton steps)`);
  // Scale: the whole analysis (observations and fit) for 10,000 users x 6 dates, and the fit alone.
  const big = churnWorld({ users: 10_000, seed: 12 });
  const bigOutcomes = {
    accounts: new Map(),
    users: new Map(big.users.filter((u) => u.churnedOn).map((u) => [u.id, { status: 'churned' as const, churnedAt: u.churnedOn, renewedAt: null }])),
  };
  const bigUsers = big.users.map(toDriverUser).sort(byId);
  let t = performance.now();
  const bigReport = await computeDrivers({ users: bigUsers, outcomes: bigOutcomes, config: big.config, today: big.today });
  const scaleSeconds = (performance.now() - t) / 1000;
  const bigRows = (await observeUsers({ ...base, users: bigUsers, outcomes: bigOutcomes, config: big.config })).rows;
  const xBig = new Float64Array(bigRows.length * p);
  bigRows.forEach((o, i) => xBig.set(o.x, i * p));
  t = performance.now();
  fitLogistic(
    xBig,
    Uint8Array.from(bigRows, (o) => o.stayed),
    p,
  );
  const fitOnlySeconds = (performance.now() - t) / 1000;
  console.log(
    `computeDrivers on 10,000 users x 6 dates (${bigRows.length} rows, ${bigReport.sizes.churned.users} churned): ${scaleSeconds.toFixed(2)} s; the fit alone on all ${bigRows.length} rows: ${fitOnlySeconds.toFixed(2)} s`,
  );
  writeResults('drivers', {
    users: world.users.length,
    figures,
    checks,
    fitSeconds,
    scaleSeconds,
    fitOnlySeconds,
    rows: bigRows.length,
    model: report.suggested.engagement.drivers,
  });
  expect(
    checks.every((c) => c.ok),
    JSON.stringify(figures),
  ).toBe(true);
});
