import type { HabitualError } from '@habitual/core';
import type { WidgetId } from '../registry';

/**
 * Tells `onError` about widget views that did not load (the browser's console shows the
 * failed fetch itself). The page goes on and the widget stays hidden; the next config change
 * or custom element asks for it again.
 */
export const reportViewLoads = (loads: Promise<Array<[WidgetId, unknown]>>, report: (error: HabitualError) => void): Promise<void> =>
  loads.then((failed) => {
    for (const [id, cause] of failed) {
      report({
        code: 'load-failed',
        message: `The ${id} widget did not load (${cause}), so it stays hidden: serve habitual-widget-${id}.js next to habitual-widgets.js.`,
        cause,
      });
    }
  });
