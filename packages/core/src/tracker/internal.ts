import type { HabitualInstance, WidgetHost } from '../types';

// Symbol.for: the widgets chunk is a bundle of its own, with its own copy of this module.
const INTERNAL = Symbol.for('habitual.internal');

/**
 * Puts the widgets' handle on an instance, out of sight of the host API: a symbol key is
 * skipped by `Object.entries` and `for...in`, so the script tag never copies it onto
 * `window.habitual`.
 */
export const attachInternal = (instance: HabitualInstance, host: WidgetHost) => {
  (instance as unknown as Record<symbol, WidgetHost>)[INTERNAL] = host;
};

/** The widgets' handle on an instance (config, profile, widget state, clock...). */
export const internalOf = (instance: HabitualInstance): WidgetHost => (instance as unknown as Record<symbol, WidgetHost>)[INTERNAL];
