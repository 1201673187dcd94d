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
});
