import {
  bucketOf,
  createKeeper,
  createTracker,
  widgetHoldoutId,
  memoryKV,
  registerConfigFields,
  type HabitualInstance,
  type InitOptions,
  type TrackerDeps,
} from '@habitual/core';
import { WIDGET_FIELDS, WIDGET_IDS } from '../registry';

// The one place the widget tests reach into core's wiring: the keeper (habitual-engine.js).
const keeper = () => ({ createKeeper });
// As the keeper's chunk does (sdk/src/keeper-chunk.ts): configs are checked with the widgets' fields too.
registerConfigFields(WIDGET_FIELDS);

let app = 0;

/**
 * Ids for one instance (device id, tab id), never in a widget's default holdout (5% of
 * devices, by hash): a test that wants a held-out user says so with its own holdout.
 */
function testIds(instance: number) {
  let n = 0;
  return () => {
    let id: string;
    do id = `dev-${instance}-${++n}`;
    while (WIDGET_IDS.some((w) => bucketOf(id, widgetHoldoutId(w)) < 0.05));
    return id;
  };
}

/** The real tracker with its engine loaded at once, in memory and in UTC: no test runner needed (the CSP page uses it too). */
export function realTracker(options: Partial<InitOptions> = {}, deps: Partial<TrackerDeps> = {}): HabitualInstance {
  return createTracker(
    { appId: `widgets-${++app}`, writeKey: 'wk_test', ...options },
    { timeZone: () => 'UTC', openKV: () => memoryKV(), env: undefined, flushDelayMs: 0, keeper, randomId: testIds(app), ...deps },
  );
}
