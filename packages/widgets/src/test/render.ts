import { act } from 'preact/test-utils';
import { viewsLoading } from '../host/load-views';
import { mount } from '../host/mount';
import { realInstance, type RealInit } from './real-instance';

/**
 * Waits for the widget views being fetched, then runs Preact's pending renders and effects
 * now (preact/test-utils' act) instead of sleeping.
 */
export const flushRender = (): Promise<void> =>
  viewsLoading()
    .then(() => act(() => {}))
    .then(() => {});

/** Mounts the widgets for a real instance (`realInstance`) and hands back the overlay's shadow root. */
export async function mountWidgets(init: RealInit = {}, before?: (real: Awaited<ReturnType<typeof realInstance>>) => void) {
  const real = await realInstance(init);
  before?.(real);
  const { instance } = real;
  // As the SDK mounts it.
  const handle = mount(instance, { messages: init.options?.messages });
  const host = document.querySelector('habitual-widgets') as HTMLElement;
  const root = host.shadowRoot!;
  await flushRender();
  return {
    ...real,
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
