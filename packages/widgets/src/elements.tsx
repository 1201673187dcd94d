import { render } from 'preact';
import { HubContext, type Hub } from './hub';
import { mountShadow } from './mount-shadow';
import { Inline } from './overlay';

const WIDGETS = { 'habitual-checklist': 'checklist', 'habitual-records': 'records', 'habitual-digest': 'digest' } as const;

// Custom elements outlive a mount (a name can never be undefined), so they render from
// whichever hub is current, and render nothing between unmount and the next mount.
let current: Hub | null = null;
const connected = new Set<HTMLElement>();

const draw = (el: HTMLElement, widget: 'checklist' | 'records' | 'digest') =>
  render(
    current && (
      <HubContext.Provider value={current}>
        <Inline host={el} widget={widget} />
      </HubContext.Provider>
    ),
    mountShadow(el),
  );

/** Registers `<habitual-checklist>`, `<habitual-records>`, `<habitual-digest>` once per page. */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [name, widget] of Object.entries(WIDGETS)) {
    if (registry.get(name)) continue;
    registry.define(
      name,
      class extends HTMLElement {
        connectedCallback() {
          connected.add(this);
          draw(this, widget);
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
  for (const el of connected) draw(el, WIDGETS[el.localName as keyof typeof WIDGETS]);
}
