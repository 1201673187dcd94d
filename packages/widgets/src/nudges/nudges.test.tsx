import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalOf, type AttentionRecord, type HabitualConfig, type NudgeItem } from '@habitual/core';
import { realInstance } from '../test/real-instance';
import { flushRender, mountWidgets } from '../test/render';
import { pickNudge } from './nudges';

const items: NudgeItem[] = [
  { feature: 'invoice.sent', target: '#send', text: 'Send it straight from here', href: '/help/send' },
  { funnel: 'import', target: '#import', text: 'Importing from a spreadsheet?' },
];
const config: HabitualConfig = {
  locale: 'en',
  features: { 'invoice.sent': { value: 'invoices' }, 'import.completed': {}, 'customer.created': {} },
  funnels: [{ id: 'import', start: 'import.opened', done: 'import.completed' }],
  widgets: { nudges: { enabled: true, items } },
};
// Opened the import four days ago and never finished it: stuck on the funnel.
const stuckDays = { '2025-03-08': { 'import.opened': 1, 'customer.created': 1 } };

let cleanup = () => {};
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('pickNudge', () => {
  it('a feature not adopted yet, else the funnel the user is stuck on', async () => {
    const fresh = (await realInstance({ config })).instance.getState();
    const none = () => false;
    expect(pickNudge(items, fresh, none)?.key).toBe('invoice.sent');
    expect(pickNudge(items, fresh, (key) => key === 'invoice.sent')).toBeNull();
    expect(pickNudge(items, fresh, none, (when) => !when)?.key).toBe('invoice.sent');
    expect(pickNudge([{ ...items[0], when: { stages: ['power'] } }], fresh, none, (when) => !when)).toBeNull();
    const adopted = (await realInstance({ config, days: { ...stuckDays, '2025-03-11': { 'invoice.sent': 1 } } })).instance.getState()!;
    expect(adopted.stuck?.funnel).toBe('import');
    expect(pickNudge(items, adopted, none)?.key).toBe('import');
    expect(pickNudge(items, null, none)).toBeNull();
  });
});

describe('nudges', () => {
  it('shows one anchored nudge with text and help link; dismissed stays dismissed', async () => {
    document.body.innerHTML = '<button id="send">Send</button><button id="import">Import</button>';
    // No cooldown and room for two a day, so the next nudge may follow the dismissed one at once.
    const w = await mountWidgets({ config: { ...config, attention: { cooldownMinutes: 0, perDay: 2 } }, days: stuckDays });
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$('.nudge')?.hidden).toBe(false));
    expect(w.$$('.nudge')).toHaveLength(1); // at most one on screen
    const nudge = w.$('.nudge')!;
    expect(nudge.hidden).toBe(false);
    expect(nudge.textContent).toContain('Send it straight from here');
    expect(nudge.querySelector('a')!.getAttribute('href')).toBe('/help/send');
    // Autonomous nudges do not steal focus.
    expect(w.root.activeElement).toBeNull();
    (nudge.querySelector('button') as HTMLButtonElement).click();
    // The next one takes its place.
    await vi.waitFor(() => expect(w.$('.nudge')!.textContent).toContain('Importing from a spreadsheet?'));
    const attention = internalOf(w.instance).profile()?.widgets.attention as AttentionRecord;
    expect(attention.marks['nudges:invoice.sent'].dismissed).toBeTypeOf('number');
    expect(attention.shows.map(([key]) => key)).toEqual(['nudges:invoice.sent', 'nudges:import']);
    w.handle.unmount();

    // Dismissed on this device (or another, through the collector): not shown again.
    const again = await mountWidgets({ config, widgets: { attention: { marks: { 'nudges:invoice.sent': { dismissed: 1 } }, shows: [] } } });
    cleanup = again.handle.unmount;
    await flushRender();
    expect(again.$('.nudge')).toBeNull();
    again.handle.unmount();
    // Dismissals stored before the attention record still hold.
    const legacy = await mountWidgets({ config, widgets: { nudges: ['invoice.sent'] } });
    cleanup = legacy.handle.unmount;
    await flushRender();
    expect(legacy.$('.nudge')).toBeNull();
  });

  it('after a dismissal the next nudge waits for the cooldown', async () => {
    document.body.innerHTML = '<button id="send">Send</button><button id="import">Import</button>';
    const w = await mountWidgets({ config: { ...config, attention: { cooldownMinutes: 10 } }, days: stuckDays });
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$('.nudge')?.hidden).toBe(false));
    (w.$('.nudge button') as HTMLButtonElement).click();
    await flushRender();
    expect(w.$('.nudge')).toBeNull();
    expect(w.$('[data-nudge]')).toBeNull();
  });

  it('a nudge item shows only where its when holds, and follows SPA navigation', async () => {
    document.body.innerHTML = '<button id="send">Send</button>';
    history.replaceState(null, '', '/settings');
    const targeted = { ...config, widgets: { nudges: { enabled: true, items: [{ ...items[0], when: { path: ['/invoices*'] } }] } } };
    const w = await mountWidgets({ config: targeted });
    cleanup = w.handle.unmount;
    await flushRender();
    expect(w.$('.nudge')).toBeNull();
    history.pushState(null, '', '/invoices/7');
    await vi.waitFor(() => expect(w.$('.nudge')?.hidden).toBe(false));
    history.back();
    await vi.waitFor(() => expect(w.$('.nudge')).toBeNull());
  });

  it('a "show me" from the checklist takes the one slot', async () => {
    document.body.innerHTML = '<button id="send">Send</button><button id="customer">Add</button>';
    const w = await mountWidgets({
      config: {
        ...config,
        widgets: {
          ...config.widgets,
          checklist: { enabled: true, items: [{ id: 'c', label: 'Add a customer', event: 'customer.created', target: '#customer' }] },
        },
      },
    });
    cleanup = w.handle.unmount;
    expect(w.$('.nudge')!.dataset.nudge).toBe('invoice.sent');
    w.$('.launcher')!.click();
    await flushRender();
    (w.$('[data-item=c] button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(w.$$('.nudge').map((n) => n.dataset.nudge)).toEqual(['checklist:c']));
  });

  it('waits for its target and ignores an invalid selector', async () => {
    const w = await mountWidgets({
      config: { widgets: { nudges: { enabled: true, items: [{ feature: 'a.b', target: '#later', text: 'Later' }] } } },
    });
    cleanup = w.handle.unmount;
    expect(w.$('.nudge')!.hidden).toBe(true);
    document.body.insertAdjacentHTML('beforeend', '<div id="later"></div>');
    await vi.waitFor(() => expect(w.$('.nudge')!.hidden).toBe(false));
    w.instance.configure({ widgets: { nudges: { enabled: true, items: [{ feature: 'a.b', target: '##bad[', text: 'Bad' }] } } });
    await vi.waitFor(() => expect(w.$('.nudge')!.textContent).toContain('Bad'));
    expect(w.$('.nudge')!.hidden).toBe(true);
  });
});

describe('a target that never appears', () => {
  it('is reported once through onError, with its selector', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const onError = vi.fn();
      const w = await mountWidgets({
        config: { widgets: { nudges: { enabled: true, items: [{ feature: 'a.b', target: '#nowhere', text: 'Lost' }] } } },
        options: { onError },
      });
      cleanup = w.handle.unmount;
      const missing = () => onError.mock.calls.map(([e]) => e).filter((e) => e.code === 'target-missing');
      await vi.advanceTimersByTimeAsync(9_000);
      expect(missing()).toEqual([]);
      await vi.advanceTimersByTimeAsync(1_100);
      expect(missing()).toEqual([expect.objectContaining({ selector: '#nowhere', message: expect.stringContaining('#nowhere') })]);
      expect(w.$('.nudge')!.hidden).toBe(true);
      // A route change looks again; still missing, still said only once.
      window.dispatchEvent(new PopStateEvent('popstate'));
      await vi.advanceTimersByTimeAsync(10_100);
      expect(missing()).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('hostile config strings', () => {
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  it('stay text in every widget', async () => {
    document.body.innerHTML = '<button id="t">t</button>';
    const w = await mountWidgets(
      {
        config: {
          locale: 'en',
          // Every widget on screen at once: this test is about escaping, not the budget.
          attention: { maxAtOnce: 5, perDay: 5 },
          features: { 'f.x': { label: evil, value: evil }, 'e.x': {}, 'n.x': {} },
          milestones: [{ id: 'm', title: evil, event: 'f.x', count: 2 }],
          widgets: {
            digest: { enabled: true, link: { text: evil, href: '/x' } },
            checklist: { enabled: true, title: evil, items: [{ id: 'i', label: evil, event: 'e.x', target: '#t', help: evil }] },
            records: { enabled: true },
            rewards: { enabled: true },
            nudges: { enabled: true, items: [{ feature: 'n.x', target: '#t', text: evil }] },
          },
        },
        days: { '2025-03-11': { 'f.x': 1 } },
      },
      ({ instance }) => instance.digest(() => [{ label: evil, value: 1 }]),
    );
    cleanup = w.handle.unmount;
    await w.use('f.x'); // the milestone: a reward toast
    await vi.waitFor(() => expect(w.$('[data-toast]')).not.toBeNull());
    w.$('.launcher')!.click();
    await flushRender();
    w.$$('[role=tab]')[1].click();
    await flushRender();
    expect(w.root.querySelectorAll('img, script')).toHaveLength(0);
    expect(w.text().split(evil).length - 1).toBeGreaterThanOrEqual(6);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
