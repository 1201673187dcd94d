import { createKeeper, createTracker, memoryKV, registerConfigFields, type HabitualInstance, type InitOptions, type TrackerDeps } from '@habitual/core';
import { WIDGET_FIELDS } from '../registry';

// The one place the widget tests reach into core's wiring: the keeper (habitual-engine.js).
const keeper = () => ({ createKeeper });
// As the keeper's chunk does (sdk/src/keeper-chunk.ts): configs are checked with the widgets' fields too.
registerConfigFields(WIDGET_FIELDS);

let app = 0;

/** The real tracker with its engine loaded at once, in memory and in UTC: no test runner needed (the CSP page uses it too). */
export function realTracker(options: Partial<InitOptions> = {}, deps: Partial<TrackerDeps> = {}): HabitualInstance {
  return createTracker(
    { appId: `widgets-${++app}`, writeKey: 'wk_test', ...options },
    { timeZone: () => 'UTC', openKV: () => memoryKV(), env: undefined, flushDelayMs: 0, keeper, ...deps },
  );
}
