import { mount } from '../mount';
import { fakeInstance, type FakeInit, type FakeInstance } from './fake-instance';

/** Lets Preact's debounced renders and after-paint effects run. */
export const settle = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms));

/** Mounts the widgets for a fake instance and hands back the overlay's shadow root. */
export async function mountWidgets(init: FakeInit = {}, before?: (instance: FakeInstance) => void) {
  const instance = fakeInstance(init);
  before?.(instance);
  // As the SDK mounts it.
  const handle = mount(instance, { messages: instance.getOptions().messages });
  const host = document.querySelector('habitual-widgets') as HTMLElement;
  const root = host.shadowRoot!;
  await settle();
  return {
    instance,
    handle,
    host,
    root,
    $: <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector),
    $$: (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)],
    text: () => root.textContent ?? '',
  };
}

/** Clicks the first button in `root` whose text is `label`. */
export function clickButton(root: ParentNode, label: string): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (!button) throw new Error(`no button "${label}"`);
  button.click();
  return button;
}
