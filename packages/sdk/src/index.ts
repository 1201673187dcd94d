import type { HabitualInstance, InitOptions, TrackerDeps } from '@habitual/core';
import { init as start } from './init';

/**
 * Starts Habitual for one user of one app (npm / ESM). Never throws: bad options are
 * reported through `onError` and the console.
 */
export function init(options: InitOptions, deps: Partial<TrackerDeps> = {}): HabitualInstance {
  // The engine comes in the same module here; bundlers split it as they see fit. The widgets
  // stay a module of their own (dist/habitual-widgets.js, imported relatively), so the app's
  // bundler makes them a lazy chunk that only pages with a widget switched on download.
  return start(options, { keeper: () => import('./keeper-chunk'), ...deps }, () => import('@habitual/widgets'));
}

export { anyWidgetEnabled } from './load-widgets';
export type * from '@habitual/core';
