import type { HabitualInstance, InitOptions, TrackerDeps } from '@habitual/core';
import { init as start } from './init';

/**
 * Starts Habitual for one user of one app (npm / ESM). Never throws: bad options are
 * reported through `onError` and the console.
 */
export function init(options: InitOptions, deps: Partial<TrackerDeps> = {}): HabitualInstance {
  // The engine comes in the same module here; bundlers split it as they see fit.
  return start(options, { keeper: () => import('./keeper-chunk'), ...deps });
}

export { anyWidgetEnabled } from './load-widgets';
export type * from '@habitual/core';
