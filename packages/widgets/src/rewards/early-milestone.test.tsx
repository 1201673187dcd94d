import { afterEach, expect, it, vi } from 'vitest';
import type { HabitualConfig } from '@habitual/core';
import { mount } from '../host/mount';
import { realInstance } from '../test/real-instance';

// Its own file, so the rewards view's chunk (module) is not loaded yet when the milestone comes.
const config: HabitualConfig = {
  locale: 'en',
  features: { 'invoice.sent': {} },
  milestones: [{ id: 'first-invoice', title: 'First invoice sent', event: 'invoice.sent' }],
  widgets: { rewards: { enabled: true } },
};

let cleanup = () => {};
afterEach(() => cleanup());

it('a milestone reached while the rewards chunk is still on its way still gets its toast', async () => {
  const { instance } = await realInstance({ config });
  const reached: string[] = [];
  instance.on('milestone', (m) => reached.push(m.id));
  const handle = mount(instance);
  cleanup = handle.unmount;
  instance.track('invoice.sent');
  await instance.flush();
  await vi.waitFor(() => expect(reached).toEqual(['first-invoice']));
  await handle.ready;
  const shadow = document.querySelector('habitual-widgets')!.shadowRoot!;
  await vi.waitFor(() => expect(shadow.querySelector('[data-toast="milestone:first-invoice"]')?.textContent).toContain('First invoice sent'));
});
