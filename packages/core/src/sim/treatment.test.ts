import { describe, expect, it } from 'vitest';
import { addDays } from '../engine/day-keys';
import { computeState } from '../engine/compute-state';
import { assignVariant, HOLDOUT } from '../experiments/assign-variant';
import { compareMeans } from '../experiments/compare-arms';
import { createRandom } from './create-random';
import { SIM_CONFIG } from './cohorts';
import { simulateUser, type Cohort } from './simulate-user';
import { applyTreatment } from './treatment';

const TODAY = '2025-06-30';
const FIRST = addDays(TODAY, -27); // the window: the last 28 days of each simulated user
const NOON = Date.parse(`${TODAY}T12:00:00Z`);

// Users who differ in how often they come (10-70% of days), so outcomes spread like real ones.
const trial: Cohort = {
  id: 'trial',
  days: [30, 45],
  traits: (r) => ({ p: 0.1 + 0.6 * r.next() }),
  day: ({ age, r, user }) => (age === 0 || r.chance(user.p) ? { events: [['invoice.sent', r.int(1, 3)]], activeMinutes: r.int(1, 20) } : null),
};
const experiment = { id: 'sim', variants: [{ id: 'on' }], holdout: 0.5 };

/** One simulated experiment: 160 users split by the real assignment, the 95% interval on qualified days. */
function run(seed: number, effect: number) {
  const r = createRandom(seed);
  const arms: Record<string, number[]> = { on: [], [HOLDOUT]: [] };
  for (let i = 0; i < 160; i++) {
    const arm = assignVariant(experiment, `user-${seed}-${i}`);
    let days = simulateUser(trial, seed * 10_000 + i, TODAY).rollups;
    if (arm === 'on') days = applyTreatment(days, FIRST, effect, r);
    arms[arm].push(computeState(days, SIM_CONFIG, NOON, 'UTC').qualifiedDays.filter((d) => d >= FIRST).length);
  }
  return compareMeans(arms.on, arms[HOLDOUT], 1)!;
}

describe('experiments on simulated users', () => {
  it('the treatment adds exactly the extra qualified days to a user with room for them', () => {
    const days = simulateUser(trial, 7, TODAY).rollups;
    const q = (d: typeof days) => computeState(d, SIM_CONFIG, NOON, 'UTC').qualifiedDays.filter((k) => k >= FIRST).length;
    expect(q(applyTreatment(days, FIRST, 2, createRandom(1)))).toBe(q(days) + 2);
  });

  it('the 95% interval covers a true effect of +2 qualified days per 28 in at least 45 of 50 seeds, and zero when there is none', () => {
    const seeds = (effect: number) => Array.from({ length: 50 }, (_, s) => run(s + 1, effect));
    const covered = (intervals: ReturnType<typeof run>[], effect: number) => intervals.filter((c) => c.low <= effect && effect <= c.high).length;
    const treated = seeds(2);
    const none = seeds(0);
    const mean = (xs: ReturnType<typeof run>[]) => xs.reduce((a, c) => a + c.diff, 0) / xs.length;
    expect(covered(treated, 2)).toBeGreaterThanOrEqual(45);
    expect(covered(none, 0)).toBeGreaterThanOrEqual(45);
    // The estimate is centred on the truth (not a wide interval that covers anything): the mean
    // difference over 50 seeds is within 0.4 days of it, and the effect moves it by about 2.
    expect(Math.abs(mean(treated) - 2)).toBeLessThan(0.4);
    expect(Math.abs(mean(none))).toBeLessThan(0.4);
    expect(treated.reduce((a, c) => a + (c.high - c.low), 0) / 50).toBeLessThan(4);
  }, 30_000); // about 2 s alone; room for a loaded machine
});
