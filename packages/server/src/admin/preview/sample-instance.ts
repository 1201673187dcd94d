import { createKeeper, createTracker, memoryKV, resolveConfig, type HabitualConfig, type HabitualInstance } from '@habitual/core';

import type { Sample } from './samples';

const DAY = 86_400_000;
const noon = (at: number) => Math.floor(at / DAY) * DAY + DAY / 2;

/**
 * A real tracker (core's engine, in memory, in UTC, no sync) with the history of `sample`
 * tracked on past days under the config's own feature names, so the widgets render the state
 * such a user would have. Resolves once the engine has that state.
 */
export async function sampleInstance(config: HabitualConfig, sample: Sample, now = Date.now()): Promise<HabitualInstance> {
  let clock = now;
  const instance = createTracker(
    { appId: 'preview', writeKey: 'preview', config, user: { id: 'preview-user', traits: { name: 'Sam' } } },
    { now: () => clock, timeZone: () => 'UTC', openKV: () => memoryKV(), env: undefined, flushDelayMs: 0, keeper: () => ({ createKeeper }) },
  );
  const rc = resolveConfig(config);
  const names = Object.keys(rc.features);
  const keys = names.filter((n) => rc.features[n].key);
  const used = keys.length ? keys : names;
  const steps = rc.activation.map((a) => a.event);
  const on = async (daysAgo: number, events: string[]) => {
    clock = noon(now) - daysAgo * DAY;
    for (const e of events) instance.track(e);
    await instance.flush();
  };
  if (sample === 'new') await on(0, used.slice(0, 1));
  if (sample === 'stuck') {
    // Began the first activation step nine days ago and a funnel (left unfinished) eight days ago; nothing since.
    await on(9, steps.slice(0, 1).length ? steps.slice(0, 1) : used.slice(0, 1));
    await on(
      8,
      rc.funnels.slice(0, 1).map((f) => f.start),
    );
  }
  if (sample === 'power') for (let d = 27; d >= 0; d--) if (d % 7 !== 3) await on(d, [...used, ...steps, ...steps, ...steps]);
  clock = now;
  // The engine arrives with the keeper a moment after the tracker: wait for its state.
  for (let i = 0; i < 100 && !instance.getState(); i++) await new Promise((r) => setTimeout(r, 20));
  return instance;
}
