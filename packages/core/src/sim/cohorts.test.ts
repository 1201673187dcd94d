import { describe, expect, it } from 'vitest';
import { computeState } from '../engine/compute-state';
import { createEngine } from '../engine/create-engine';
import { dayIndex } from '../engine/day-keys';
import { COHORTS, SIM_CONFIG } from './cohorts';
import { simulateUser } from './simulate-user';

const TODAY = '2026-03-18';
const NOW = dayIndex(TODAY) * 86_400_000 + 20 * 3_600_000;
const USERS = 40;

describe('simulated cohorts', () => {
  it.each(COHORTS.map((c) => [c.id, c] as const))('%s users land where they belong', (_, cohort) => {
    const stages: Record<string, number> = {};
    let hits = 0;
    for (let i = 0; i < USERS; i++) {
      const user = simulateUser(cohort, 1000 * (COHORTS.indexOf(cohort) + 1) + i, TODAY);
      const s = computeState(user.rollups, SIM_CONFIG, NOW, 'UTC');
      stages[s.stage] = (stages[s.stage] ?? 0) + 1;
      if (cohort.expect.includes(s.stage)) hits++;
    }
    // A few users of a random cohort may sit on a boundary; nine in ten must not.
    expect({ cohort: cohort.id, hits: hits >= USERS * 0.9, stages }).toEqual({ cohort: cohort.id, hits: true, stages });
  });

  it('orders the cohorts by score: daily > weekly > churners > gone', () => {
    const mean = (id: string) => {
      const c = COHORTS.find((x) => x.id === id)!;
      let sum = 0;
      for (let i = 0; i < USERS; i++) sum += computeState(simulateUser(c, 7 + i, TODAY).rollups, SIM_CONFIG, NOW, 'UTC').score;
      return sum / USERS;
    };
    const [daily, weekly, churner, gone] = ['daily', 'weekly', 'churner', 'gone'].map(mean);
    expect(daily).toBeGreaterThan(weekly);
    expect(weekly).toBeGreaterThan(churner);
    expect(churner).toBeGreaterThan(gone);
    expect(daily).toBeGreaterThan(75);
  });

  it('stuck onboarders get the next activation step, never a feature tip', () => {
    const c = COHORTS.find((x) => x.id === 'stuck-onboarder')!;
    const s = computeState(simulateUser(c, 5, TODAY).rollups, SIM_CONFIG, NOW, 'UTC');
    expect(s.next).toMatchObject({ kind: 'activation', id: 'customer.created' });
  });

  it('is deterministic for a seed', () => {
    const c = COHORTS[0];
    expect(simulateUser(c, 42, TODAY)).toEqual(simulateUser(c, 42, TODAY));
    expect(simulateUser(c, 42, TODAY).events).not.toEqual(simulateUser(c, 43, TODAY).events);
  });

  it('replaying the event stream through the incremental engine gives the same state', () => {
    for (const c of COHORTS) {
      const user = simulateUser(c, 99, TODAY);
      const e = createEngine({ config: SIM_CONFIG, timeZone: 'UTC' });
      e.load([]);
      for (const ev of user.events) e.add(ev.day, ev.name, ev.value, ev.at);
      for (const [day, ms] of user.active) e.addActive(day, ms);
      const got = e.state(NOW);
      const want = computeState(user.rollups, SIM_CONFIG, NOW, 'UTC');
      expect({ ...got, stage: undefined }).toEqual({ ...want, stage: undefined });
    }
  });
});
