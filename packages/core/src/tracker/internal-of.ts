import type { HabitualInstance, WidgetHost } from './types';

/** The key of an instance's widget plumbing; registered, so every bundle's copy of core agrees. */
export const INTERNAL: unique symbol = Symbol.for('habitual.internal') as never;

/**
 * The widget plumbing of an instance made by `init()` / `createTracker()` (undefined for
 * any other object; no check, as this sits in habitual.js, where every byte counts).
 */
export const internalOf = (instance: HabitualInstance): WidgetHost => (instance as unknown as Record<symbol, WidgetHost>)[INTERNAL];
