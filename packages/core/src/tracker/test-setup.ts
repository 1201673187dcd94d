// Shared by the tracker's tests (real Chromium: IndexedDB as users have it): a tracker with a settable clock.
import { idbKV } from '../store/kv';
import { readDays } from '../store/days';
import { createStore } from '../store/store';
import { createKeeper } from '../keeper/keeper';
import { createTracker, type TrackerDeps } from './tracker';
import type { HabitualError, InitOptions } from '../types';

let app = 0;
const instances: Array<{ destroy(): Promise<void> }> = [];

/** A fresh app id, so each test has its own databases. */
export const nextApp = () => `test-${++app}-${Math.random().toString(36).slice(2, 6)}`;

export function setup(opts: Partial<InitOptions> = {}, deps: Partial<TrackerDeps> = {}) {
  const clock = { t: Date.parse('2026-11-24T10:00:00Z') };
  const errors: HabitualError[] = [];
  const options: InitOptions = { appId: nextApp(), writeKey: 'wk', user: { id: 'u1' }, onError: (e) => errors.push(e), ...opts };
  const tracker = createTracker(options, {
    now: () => clock.t,
    timeZone: () => 'Europe/Helsinki',
    env: undefined,
    flushDelayMs: 10,
    keeper: () => ({ createKeeper }),
    ...deps,
  });
  instances.push(tracker);
  return { tracker, clock, errors, options };
}

/** Destroys every tracker `setup` made (call from afterEach). */
export const destroyAll = () => Promise.all(instances.splice(0).map((t) => t.destroy()));
/** Forgets a tracker whose page "went away" without destroy(). */
export const abandon = (t: { destroy(): Promise<void> }) => instances.splice(instances.indexOf(t), 1);

/** A user's days as the store gives them back (records are kept encoded, day-codec.ts). */
export const storedDays = (appId: string, user = 'u1') =>
  readDays(
    createStore(idbKV(`habitual-${appId}-${user}`), () => {}),
    () => {},
  );

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
