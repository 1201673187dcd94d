import type { HabitualConfig } from './types';

/**
 * Whether the config switches any widget on: the SDK loads the widgets chunk only then, and
 * the sync exchanges the attention record only then. Every widget is off by default (a
 * widgets registry test holds this), so any `enabled: true` under `widgets` is a widget
 * switched on; that keeps the registry's data out of habitual.js.
 */
export function anyWidgetEnabled(config: HabitualConfig): boolean {
  return Object.values(config.widgets ?? {}).some((w) => (w as { enabled?: unknown } | null)?.enabled === true);
}
