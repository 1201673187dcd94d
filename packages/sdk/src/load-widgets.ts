import { internalOf, type HabitualConfig, type HabitualInstance } from '@habitual/core';
import type { mount } from '@habitual/widgets';
import { anyWidgetEnabled } from '@habitual/widgets/registry';

/** What the widgets chunk exports: its mount signature, imported rather than restated. */
export interface WidgetsModule {
  mount: typeof mount;
}

export { anyWidgetEnabled };

/**
 * Loads the widgets chunk (Preact and the shell) the first time the config switches any
 * widget on (as the widget registry says), never before: a page with every widget off
 * downloads none of it. From then on the chunk follows config changes itself, fetching
 * each widget's own chunk (`habitual-widget-<id>.js`, next to it) when that widget is on.
 * `url` (the `widgetsUrl` option) wins; else `importWidgets` (the npm entry's, which the
 * app's bundler splits off); else habitual-widgets.js next to this script. A failed load is
 * reported (`onError`, code `load-failed`), never thrown.
 */
export function loadWidgetsWhenNeeded(instance: HabitualInstance, url?: string, importWidgets?: () => Promise<WidgetsModule>): void {
  if (typeof document === 'undefined') return;
  const host = internalOf(instance);
  let requested = false;
  const load = (config: HabitualConfig) => {
    if (requested || !anyWidgetEnabled(config)) return;
    requested = true;
    off();
    // Rollup turns import.meta.url into the script's own URL in the IIFE build too.
    const href = url ?? (importWidgets ? 'the bundled @habitual/sdk' : new URL('habitual-widgets.js', import.meta.url).href);
    const start = () =>
      (!url && importWidgets ? importWidgets() : (import(/* @vite-ignore */ href) as Promise<WidgetsModule>))
        .then((m) => m.mount(instance, { messages: host.options().messages }))
        // The browser's console already shows the failed fetch; onError hears of it too.
        .catch((cause) => host.report({ code: 'load-failed', message: `could not load ${href}: ${cause}`, cause }));
    // After the first flush the profile and state are there for the widgets to read.
    const go = () => void instance.flush().finally(start);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go, { once: true });
    else go();
  };
  const off = instance.on('config', load);
  load(host.config());
}
