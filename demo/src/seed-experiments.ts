// The demo's experiments, filled with its simulated users: each user past their first 28
// days enters each experiment on an active day 28-56 days ago, in the arm the real
// assignment gives them, counted as the widgets count it (`hb:exp.<id>.<variant>`). The
// daily reminders are given a simulated effect (two more active days in the 28 after,
// core's `applyTreatment`) so the dashboard shows an interval away from zero next to one
// around it (the digest's time changes nothing here).
import { addDays, assignVariant, type ExperimentSpec, type HabitualConfig } from '@habitual/core';
import { applyTreatment, createRandom } from '@habitual/core/sim';
import type { SeedAccount } from './seed-plan';

/** Simulated effects: experiment id -> variant -> extra qualified days in the 28. */
const EFFECTS: Record<string, Record<string, number>> = { 'reminder-cadence': { daily: 2 } };

/** Adds every seeded user's experiment arms (and the simulated effects) to their rollups, in place. */
export function seedExperiments(accounts: SeedAccount[], config: HabitualConfig, today: string): number {
  const r = createRandom(4242);
  let entered = 0;
  for (const experiment of (config.experiments ?? []) as ExperimentSpec[]) {
    for (const user of accounts.flatMap((a) => a.users)) {
      const from = addDays(today, -56);
      const until = addDays(today, -28);
      const first = user.rollups.find((d) => d.day >= from && d.day <= until);
      if (!first) continue;
      const arm = assignVariant(experiment, user.id);
      first.features[`hb:exp.${experiment.id}.${arm}`] = { n: 1, value: 0 };
      const extra = EFFECTS[experiment.id]?.[arm] ?? 0;
      if (extra) user.rollups = applyTreatment(user.rollups, first.day, extra, r);
      entered++;
    }
  }
  return entered;
}
