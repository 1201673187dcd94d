import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalOf, type AttentionRecord, type HabitualConfig } from '@habitual/core';
import { realInstance } from '../test/real-instance';
import { flushRender, mountWidgets } from '../test/render';
import { createHub } from './hub';
import { mount } from './mount';

const config: HabitualConfig = {
  locale: 'en',
  features: { 'invoice.sent': { value: 'invoices' }, 'report.viewed': {}, 'customer.created': {} },
  attention: { cooldownMinutes: 10 },
  widgets: {
    nudges: {
      enabled: true,
      items: [
        { feature: 'report.viewed', target: '#reports', text: 'See your reports' },
        { feature: 'customer.created', target: '#customers', text: 'Add a customer' },
      ],
    },
  },
};
// Not the user's first day: the full daily allowance applies. One invoice sent yesterday.
const days = { '2025-03-11': { 'invoice.sent': 1 } };
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  document.body.innerHTML = '';
});

/** A tab: its own document (visible or not), page and instance. */
async function tab(visible: boolean) {
  const doc = visible ? document : document.implementation.createHTMLDocument('other tab');
  if (!visible) Object.defineProperty(doc, 'visibilityState', { value: 'hidden', configurable: true });
  doc.body.innerHTML = '<button id="reports">Reports</button><button id="customers">Customers</button>';
  const { instance } = await realInstance({ config, days });
  const root = doc.createElement('div');
  doc.body.append(root);
  cleanups.push(mount(instance, { root }).unmount);
  const shadow = root.querySelector('habitual-widgets')!.shadowRoot!;
  return {
    doc,
    instance,
    nudges: () => [...shadow.querySelectorAll<HTMLElement>('.nudge:not([hidden])')].map((n) => n.textContent),
    show() {
      Object.defineProperty(doc, 'visibilityState', { value: 'visible', configurable: true });
      doc.dispatchEvent(new Event('visibilitychange'));
    },
    record: () => internalOf(instance).profile()?.widgets.attention as AttentionRecord | undefined,
  };
}

describe('the attention budget across tabs', () => {
  it('only the visible tab shows; a dismissal there holds in the other tab, cooldown included', async () => {
    const a = await tab(true);
    const b = await tab(false);
    await vi.waitFor(() => expect(a.nudges()).toEqual([expect.stringContaining('See your reports')]));
    await flushRender();
    expect(b.nudges()).toEqual([]);
    (document.querySelector('habitual-widgets')!.shadowRoot!.querySelector('.nudge button') as HTMLButtonElement).click();
    // b hears the dismissal over the channel and keeps it in its own profile.
    await vi.waitFor(() => expect(b.record()?.marks['nudges:report.viewed']?.dismissed).toBeTypeOf('number'));
    b.show();
    await flushRender();
    // Without the shared record b would show the dismissed nudge; the cooldown holds the next one back.
    expect(b.nudges()).toEqual([]);
    expect(a.nudges()).toEqual([]);
  });

  it('a hidden tab grants nothing until it becomes visible', async () => {
    const b = await tab(false);
    await flushRender();
    expect(b.nudges()).toEqual([]);
    b.show();
    await vi.waitFor(() => expect(b.nudges()).toEqual([expect.stringContaining('See your reports')]));
    expect(b.record()?.shows.map(([key]) => key)).toEqual(['nudges:report.viewed']);
  });
});

describe('priority', () => {
  it('a milestone toast and a nudge that become due together: the higher priority goes first, the other waits', async () => {
    document.body.innerHTML = '<button id="reports">Reports</button>';
    const w = await mountWidgets({
      config: {
        ...config,
        milestones: [{ id: 'second', event: 'invoice.sent', count: 2, title: 'Second invoice' }],
        widgets: {
          rewards: { enabled: true },
          nudges: { enabled: true, items: [{ feature: 'report.viewed', target: '#reports', text: 'See your reports', when: { used: { 'invoice.sent': 2 } } }] },
        },
      },
      days,
    });
    cleanups.push(w.handle.unmount);
    await flushRender();
    expect(w.$('.nudge:not([hidden])')).toBeNull(); // its when does not hold yet
    await w.use('invoice.sent');
    await vi.waitFor(() => expect(w.$('[data-toast="milestone:second"]')).not.toBeNull());
    await flushRender();
    expect(w.$('.nudge:not([hidden])')).toBeNull();
  });

  it('widgets.<id>.priority reorders them', async () => {
    document.body.innerHTML = '<button id="reports">Reports</button>';
    const w = await mountWidgets({
      config: {
        ...config,
        milestones: [{ id: 'second', event: 'invoice.sent', count: 2, title: 'Second invoice' }],
        widgets: {
          rewards: { enabled: true, priority: 10 },
          nudges: { enabled: true, items: [{ feature: 'report.viewed', target: '#reports', text: 'See your reports', when: { used: { 'invoice.sent': 2 } } }] },
        },
      },
      days,
    });
    cleanups.push(w.handle.unmount);
    await w.use('invoice.sent');
    await vi.waitFor(() => expect(w.$('.nudge:not([hidden])')).not.toBeNull());
    expect(w.$('[data-toast]')).toBeNull();
  });
});

describe('widget state across tabs', () => {
  it("what one tab saves (an answer, a pin) reaches the user's other tabs, so a later write there keeps it", async () => {
    const open = async (user: string) => {
      const { instance } = await realInstance({ config, options: { appId: 'tabs-app', user: { id: user } } });
      const hub = createHub(instance, document);
      cleanups.push(() => hub.destroy());
      return hub;
    };
    const [a, b, other] = [await open('u_tabs'), await open('u_tabs'), await open('u_other')];
    a.setWidget('survey', { answers: [{ id: 'from-a' }] });
    await vi.waitFor(() => expect(b.widget('survey')).toEqual({ answers: [{ id: 'from-a' }] }));
    // Tab b's own write builds on it; nothing of a's is lost.
    const seen = b.widget<{ answers: Array<{ id: string }> }>('survey')!;
    b.setWidget('survey', { answers: [...seen.answers, { id: 'from-b' }] });
    await vi.waitFor(() => expect(a.widget('survey')).toEqual({ answers: [{ id: 'from-a' }, { id: 'from-b' }] }));
    // Another user's tab takes none of it.
    expect(other.widget('survey')).toBeUndefined();
  });
});
