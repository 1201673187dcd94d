import { render } from 'preact';
import type { HabitualConfig, HabitualInstance } from '@habitual/core';
import { isEnabled, WIDGETS } from '../registry';
import { defineElements, setElementsHub } from './elements';
import { createHub, HubContext } from './hub';
import type { Messages } from './i18n';
import { loadViews, onViews, viewsLoading } from './load-views';
import { mountShadow } from './mount-shadow';
import { Overlay } from './overlay';
import { reportViewLoads } from './report-view-loads';

export interface MountOptions {
  /** Where the widgets' host element goes. @default document.body */
  root?: HTMLElement;
  /**
   * Replacement messages per locale, merged over the built-in catalogs: what `init({ messages })`
   * holds. Other locales, unknown keys and values that are not messages are ignored.
   */
  messages?: Messages;
}

/**
 * Shows the widgets the config enables, inside one Shadow DOM host, and follows the
 * instance from then on: config changes mount and unmount widgets (a widget's view is
 * fetched the first time it is switched on), state re-renders, milestones raise reward
 * toasts. Also registers the inline custom elements. `ready` settles once the views the
 * config in force enables have arrived (or failed, which `onError` hears of).
 */
export function mount(instance: HabitualInstance, options: MountOptions = {}): { unmount(): void; ready: Promise<void> } {
  const parent = options.root ?? document.body;
  const doc = parent.ownerDocument;
  const hub = createHub(instance, doc, options.messages);
  const host = doc.createElement('habitual-widgets');
  host.setAttribute('data-overlay', '');
  // The top layer sits above any z-index the page uses; where popovers are missing the
  // host's own z-index (max) is the fallback.
  if (typeof host.showPopover === 'function') host.setAttribute('popover', 'manual');
  const show = () => (parent.append(host), host.showPopover?.());
  show();
  // Our tab stops come after the page's: the host stays the parent's last child when the app
  // adds content after it, unless focus is inside it (moving it would drop that focus). A
  // page that keeps its own element last wins after 20 moves instead of trading places forever.
  let moves = 0;
  const last = new MutationObserver(() => parent.lastElementChild !== host && !host.matches(':focus-within') && moves++ < 20 && show());
  last.observe(parent, { childList: true });
  const shadow = mountShadow(host);
  // A widget switched on shows once its view is here; until then it renders nothing.
  const load = (config: HabitualConfig) => void reportViewLoads(loadViews(WIDGETS.filter((w) => isEnabled(config, w.id)).map((w) => w.id)), hub.host.report);
  const offs = [instance.on('config', load), onViews(() => hub.set({}))];
  load(hub.host.config());
  render(
    <HubContext.Provider value={hub}>
      <Overlay host={host} />
    </HubContext.Provider>,
    shadow,
  );
  defineElements();
  setElementsHub(hub);
  return {
    ready: viewsLoading(),
    unmount() {
      for (const off of offs) off();
      last.disconnect();
      render(null, shadow);
      host.remove();
      hub.destroy();
      setElementsHub(null);
    },
  };
}
