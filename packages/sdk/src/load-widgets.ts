import { internalOf, type HabitualConfig, type HabitualInstance } from '@habitual/core';

interface WidgetsModule {
  mount(instance: HabitualInstance, options?: { messages?: Record<string, Record<string, string>> }): { unmount(): void };
}

export function anyWidgetEnabled(config: HabitualConfig): boolean {
  return Object.values(config.widgets ?? {}).some((w) => (w as { enabled?: unknown } | null)?.enabled === true);
}

/**
 * Loads the widgets chunk (Preact and the widgets) the first time the config switches any
 * widget on, never before: a page with every widget off downloads none of it. From then
 * on the chunk follows config changes itself.
 */
export function loadWidgetsWhenNeeded(instance: HabitualInstance, url?: string): void {
  if (typeof document === 'undefined') return;
  let requested = false;
  const load = (config: HabitualConfig) => {
    if (requested || !anyWidgetEnabled(config)) return;
    requested = true;
    off();
    // Rollup turns import.meta.url into the script's own URL in the IIFE build too.
    const href = url ?? new URL('habitual-widgets.js', import.meta.url).href;
    const start = () =>
      (import(/* @vite-ignore */ href) as Promise<WidgetsModule>)
        .then((m) => m.mount(instance, { messages: internalOf(instance).options().messages }))
        .catch((cause) => console.error(`[habitual] could not load widgets from ${href}: ${String(cause)}`));
    // After the first flush the profile and state are there for the widgets to read.
    const go = () => void instance.flush().finally(start);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go, { once: true });
    else go();
  };
  const off = instance.on('config', load);
  load(internalOf(instance).config());
}
