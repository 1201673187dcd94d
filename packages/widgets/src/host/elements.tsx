import { render } from 'preact';
import { WIDGETS, type WidgetId } from '../registry';
import { HubContext, useHub, type Hub } from './hub';
import { loadViews, viewOf } from './load-views';
import { mountShadow } from './mount-shadow';
import { reportViewLoads } from './report-view-loads';
import { useTheme } from './theme';

/** Custom element name -> widget, from the registry. */
const ELEMENTS = new Map<string, WidgetId>(WIDGETS.flatMap((w) => ('element' in w && w.element ? [[w.element, w.id] as [string, WidgetId]] : [])));

// Custom elements outlive a mount (a name can never be undefined), so they render from
// whichever hub is current, and render nothing between unmount and the next mount.
let current: Hub | null = null;
const connected = new Set<HTMLElement>();

/**
 * A custom element's body: the widget inline, with theme and language (nothing until its view
 * is here, nothing for a user held out of the widget: the holdout's comparison counts on it).
 */
function Inline({ host, widget }: { host: HTMLElement; widget: WidgetId }) {
  const [{ locale, dir, held }] = useHub();
  useTheme(host);
  const Body = held(widget) ? undefined : viewOf(widget)?.Inline;
  return (
    <div lang={locale} dir={dir}>
      {Body && <Body />}
    </div>
  );
}

const draw = (el: HTMLElement) =>
  render(
    current && (
      <HubContext.Provider value={current}>
        <Inline host={el} widget={ELEMENTS.get(el.localName)!} />
      </HubContext.Provider>
    ),
    mountShadow(el),
  );

/**
 * Registers each widget's custom element (`<habitual-checklist>`, ...) once per page. An
 * element on the page fetches its widget's view, switched on or not: the page asked for it.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const name of ELEMENTS.keys()) {
    if (registry.get(name)) continue;
    registry.define(
      name,
      class extends HTMLElement {
        connectedCallback() {
          connected.add(this);
          // The mounted hub re-renders this element when the view arrives.
          void reportViewLoads(loadViews([ELEMENTS.get(name)!]), (e) => current?.host.report(e));
          draw(this);
        }
        disconnectedCallback() {
          connected.delete(this);
          render(null, mountShadow(this));
        }
      },
    );
  }
}

/** Points every custom element at `hub` (or at nothing) and re-renders them. */
export function setElementsHub(hub: Hub | null): void {
  current = hub;
  for (const el of connected) draw(el);
}
