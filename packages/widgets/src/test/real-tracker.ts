import { createBrain, createTracker, memoryKV, registerConfigFields, type HabitualInstance, type InitOptions, type TrackerDeps } from '@habitual/core';
import { WIDGET_FIELDS } from '../registry';

// The one place the widget tests reach into core's wiring: when core renames its
// idle-loaded part (createBrain / Extras), this is the line to change.
const extras = () => ({ createBrain });
// As the engine chunk does (sdk/src/engine-chunk.ts): configs are checked with the widgets' fields too.
registerConfigFields(WIDGET_FIELDS);

let app = 0;

/** The real tracker with its engine loaded at once, in memory and in UTC: no test runner needed (the CSP page uses it too). */
export function realTracker(options: Partial<InitOptions> = {}, deps: Partial<TrackerDeps> = {}): HabitualInstance {
  return createTracker(
    { appId: `widgets-${++app}`, writeKey: 'wk_test', ...options },
    { timeZone: () => 'UTC', openKV: () => memoryKV(), env: undefined, flushDelayMs: 0, extras, ...deps },
  );
}
