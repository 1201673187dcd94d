import type { HabitualInstance, WidgetHost } from './types';

/** The key of an instance's widget plumbing; registered, so every bundle's copy of core agrees. */
export const INTERNAL: unique symbol = Symbol.for('habitual.internal') as never;

/** The widget plumbing of an instance made by `init()` / `createTracker()`. */
export function internalOf(instance: HabitualInstance): WidgetHost {
  const host = (instance as unknown as Record<symbol, WidgetHost | undefined>)[INTERNAL];
  if (!host) throw new TypeError('The widgets need an instance made by init() or createTracker(); this one has no internal handle.');
  return host;
}
