import { afterEach, describe, expect, it, vi } from 'vitest';
import { assignVariant, HOLDOUT, type HabitualConfig } from '@habitual/core';
import { flushRender, mountWidgets } from '../test/render';

const config: HabitualConfig = {
  locale: 'en',
  features: { 'invoice.sent': {}, 'customer.created': {} },
  widgets: {
    nudges: { enabled: true, holdout: 0.3, items: [{ feature: 'invoice.sent', target: '#send', text: 'Send it from here', href: '/help' }] },
    checklist: { enabled: true, items: [{ id: 'customer', label: 'Add a customer', event: 'customer.created' }] },
  },
};
const own = { id: 'widget-nudges', variants: [{ id: 'on' }], holdout: 0.3 };
const userIn = (arm: string) => Array.from({ length: 200 }, (_, i) => `u_${i}`).find((u) => assignVariant(own, u) === arm)!;
const counts = async (w: Awaited<ReturnType<typeof mountWidgets>>) => {
  await w.instance.flush();
  const { days } = await w.instance.exportData();
  return Object.fromEntries(
    Object.entries(days.at(-1)!.features)
      .filter(([k]) => k.startsWith('hb:'))
      .map(([k, f]) => [k, f.n]),
  );
};

let cleanup = () => {};
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('widget counts', () => {
  it('a nudge shown, clicked and dismissed, and a checklist item done, each counted once', async () => {
    document.body.innerHTML = '<button id="send">Send</button>';
    const w = await mountWidgets({ config, options: { user: { id: userIn('on') } } });
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$('.nudge')?.hidden).toBe(false));
    w.$('.nudge a')!.addEventListener('click', (e) => e.preventDefault());
    w.$<HTMLAnchorElement>('.nudge a')!.click();
    w.$<HTMLButtonElement>('.nudge .x')!.click();
    await w.use('customer.created');
    await vi.waitFor(async () =>
      expect(await counts(w)).toEqual({
        'hb:exp.widget-nudges.on': 1,
        'hb:nudge.invoice_sent.shown': 1,
        'hb:nudge.invoice_sent.clicked': 1,
        'hb:nudge.invoice_sent.dismissed': 1,
        'hb:checklist.customer.done': 1,
      }),
    );
  });

  it('a held-out user never sees the nudge and is counted in the holdout', async () => {
    document.body.innerHTML = '<button id="send">Send</button>';
    const w = await mountWidgets({ config, options: { user: { id: userIn(HOLDOUT) } } });
    cleanup = w.handle.unmount;
    await flushRender();
    expect(w.$('.nudge')).toBeNull();
    expect(await counts(w)).toEqual({ 'hb:exp.widget-nudges.holdout': 1 });
  });

  it("a user held out of the checklist sees no <habitual-checklist> either; a user in the 'on' arm does", async () => {
    const held = { ...config, widgets: { checklist: { ...config.widgets!.checklist, holdout: 0.3 } } };
    const arm = { id: 'widget-checklist', variants: [{ id: 'on' }], holdout: 0.3 };
    const user = (want: string) => Array.from({ length: 200 }, (_, i) => `u_${i}`).find((u) => assignVariant(arm, u) === want)!;
    for (const [id, shows] of [
      [user(HOLDOUT), false],
      [user('on'), true],
    ] as const) {
      const w = await mountWidgets({ config: held, options: { user: { id } } });
      document.body.insertAdjacentHTML('beforeend', '<habitual-checklist></habitual-checklist>');
      const shadow = document.querySelector('habitual-checklist')!.shadowRoot!;
      if (shows) await vi.waitFor(() => expect(shadow.textContent).toContain('0 of 1 done'));
      else {
        await flushRender();
        expect(shadow.textContent).toBe('');
        expect(await counts(w)).toEqual({ 'hb:exp.widget-checklist.holdout': 1 });
      }
      w.handle.unmount();
      document.body.innerHTML = '';
    }
  });
});
