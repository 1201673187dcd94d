import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HabitualConfig } from '@habitual/core';
import { internalOf } from '@habitual/core';
import { mount } from '../host/mount';
import { flushRender, mountWidgets } from '../test/render';
import { realInstance } from '../test/real-instance';

const config: HabitualConfig = {
  locale: 'en',
  features: { 'customer.created': { label: 'Add a customer' }, 'invoice.sent': { label: 'Send an invoice', value: 'invoices' } },
  milestones: [{ id: 'first-invoice', title: 'First invoice', event: 'invoice.sent' }],
  widgets: {
    checklist: {
      enabled: true,
      title: 'Get set up',
      items: [
        { id: 'customer', label: 'Add your first customer', event: 'customer.created', count: 2, target: '#new-customer' },
        { id: 'invoice', label: 'Send an invoice', milestone: 'first-invoice', target: '#send' },
      ],
    },
  },
};

let cleanup = () => {};
afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

async function open(init: Parameters<typeof mountWidgets>[0]) {
  const w = await mountWidgets(init);
  cleanup = w.handle.unmount;
  w.$('.launcher')!.click();
  await flushRender();
  return w;
}

describe('checklist', () => {
  it('shows progress in the launcher and the panel, as the engine counts it', async () => {
    const { $, $$, text } = await open({ config, days: { '2025-03-11': { 'customer.created': 2 } } });
    expect($('.launcher')!.textContent).toBe('Get set up 1/2');
    expect($('.launcher')!.getAttribute('aria-expanded')).toBe('true');
    expect(text()).toContain('1 of 2 done');
    expect($('[role=progressbar]')!.getAttribute('aria-valuenow')).toBe('1');
    expect(($('.bar i') as HTMLElement).style.width).toBe('50%');
    expect($$('li.ok').map((li) => li.dataset.item)).toEqual(['customer']);
    // Only open items offer "show me".
    expect($('[data-item=customer] button')).toBeNull();
    expect($('[data-item=invoice] button')!.textContent).toBe('Show me');
  });

  it('completes items live as the user reaches them', async () => {
    const { use, $$ } = await open({ config });
    expect($$('li.ok')).toHaveLength(0);
    await use('invoice.sent');
    await vi.waitFor(() => expect($$('li.ok').map((li) => li.dataset.item)).toEqual(['invoice']));
  });

  it('celebrates once when complete, then gets out of the way', async () => {
    const w = await mountWidgets({ config, days: { '2025-03-11': { 'customer.created': 3 } } });
    await w.use('invoice.sent');
    await vi.waitFor(() => expect(w.$$('[data-toast=checklist]')).toHaveLength(1));
    expect(w.$('[data-toast=checklist]')!.textContent).toContain('All set up');
    await vi.waitFor(() => expect(internalOf(w.instance).profile()?.widgets.checklist).toMatchObject({ celebrated: true }));
    expect(w.$('.launcher')).toBeNull();
    w.handle.unmount();
    // A later page load: no second celebration, no launcher.
    const again = await mountWidgets({
      config,
      days: { '2025-03-11': { 'customer.created': 3, 'invoice.sent': 1 } },
      widgets: { checklist: { celebrated: true } },
    });
    cleanup = again.handle.unmount;
    expect(again.$('[data-toast]')).toBeNull();
    expect(again.$('.launcher')).toBeNull();
  });

  it('a celebration the budget held back is raised again on the next page load', async () => {
    const days = { '2025-03-11': { 'customer.created': 3 } };
    const held = await mountWidgets({ config: { ...config, attention: { perDay: 0 } }, days });
    await held.use('invoice.sent');
    await flushRender();
    expect(held.$('[data-toast]')).toBeNull();
    expect(internalOf(held.instance).profile()?.widgets.checklist).not.toMatchObject({ celebrated: true });
    held.handle.unmount();
    const next = await mountWidgets({ config, days: { '2025-03-11': { 'customer.created': 3, 'invoice.sent': 1 } } });
    cleanup = next.handle.unmount;
    await vi.waitFor(() => expect(next.$('[data-toast=checklist]')?.textContent).toContain('All set up'));
    await vi.waitFor(() => expect(internalOf(next.instance).profile()?.widgets.checklist).toMatchObject({ celebrated: true }));
    next.handle.unmount();
    // Held back and the page not loaded again until the next day: stale, so dropped unshown.
    const late = await mountWidgets({
      config,
      now: Date.parse('2025-03-13T12:00:00Z'),
      days: { '2025-03-11': { 'customer.created': 3, 'invoice.sent': 1 } },
      widgets: { checklist: { owedOn: '2025-03-12' } },
    });
    cleanup = late.handle.unmount;
    await vi.waitFor(() => expect(internalOf(late.instance).profile()?.widgets.checklist).toMatchObject({ celebrated: true }));
    expect(late.$('[data-toast]')).toBeNull();
  });

  it('"show me" opens a nudge on the target and returns focus on close', async () => {
    document.body.innerHTML = '<button id="send">Send</button>';
    const { $, root } = await open({ config });
    const showMe = $('[data-item=invoice] button') as HTMLButtonElement;
    showMe.focus();
    showMe.click();
    await vi.waitFor(() => expect($('.nudge')?.hidden).toBe(false));
    const nudge = $('.nudge')!;
    expect(nudge.getAttribute('role')).toBe('dialog');
    expect(nudge.textContent).toContain('Send an invoice');
    expect(root.activeElement).toBe(nudge.querySelector('button'));
    nudge.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushRender();
    expect($('.nudge')).toBeNull();
    // Focus returns once the render is done (on a phone the sheet holding it is back only then).
    await vi.waitFor(() => expect(root.activeElement).toBe(showMe));
  });

  it('"show me" waits for a target that is not there yet', async () => {
    const { $ } = await open({ config });
    ($('[data-item=customer] button') as HTMLButtonElement).click();
    await flushRender();
    expect($('.nudge')!.hidden).toBe(true);
    document.body.insertAdjacentHTML('beforeend', '<button id="new-customer">New</button>');
    // The target is found by a MutationObserver, which runs after this task.
    await vi.waitFor(() => expect($('.nudge')!.hidden).toBe(false));
  });

  it('Escape closes the panel and focus returns to the launcher', async () => {
    const { $, root } = await open({ config });
    const panel = $('.panel')!;
    expect(root.activeElement).toBe(panel);
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushRender();
    expect($('.panel')).toBeNull();
    expect(root.activeElement).toBe($('.launcher'));
  });

  it('keeps hostile config text as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const { $, root } = await open({
      config: { widgets: { checklist: { enabled: true, title: hostile, items: [{ id: 'x', label: hostile, event: 'a.b' }] } } },
    });
    expect(root.querySelector('img')).toBeNull();
    expect($('[data-item=x] span')!.textContent).toContain(hostile);
    expect($('h2')!.textContent).toBe(hostile);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('a checklist with nothing to show renders nothing (issue 10, bug 3)', () => {
  const element = async (config: HabitualConfig) => {
    const real = await realInstance({ config });
    const handle = mount(real.instance);
    cleanup = handle.unmount;
    document.body.insertAdjacentHTML('beforeend', '<habitual-checklist></habitual-checklist>');
    await flushRender();
    return { real, shadow: document.querySelector('habitual-checklist')!.shadowRoot! };
  };

  it('no items: no "0 of 0 done" box, inline or in the launcher', async () => {
    const { shadow } = await element({ locale: 'en', widgets: { checklist: { enabled: true } } });
    expect(shadow.textContent).toBe('');
    expect(shadow.querySelector('section')).toBeNull();
    expect(document.querySelector('habitual-widgets')!.shadowRoot!.querySelector('.launcher')).toBeNull();
  });

  it('a rejected config: the checklist stays empty, and the problem names the item field', async () => {
    const warn = vi.spyOn(console, 'error').mockImplementation(() => {});
    const errors: string[] = [];
    const bad: HabitualConfig = {
      features: { 'invoice.sent': {} },
      widgets: { checklist: { enabled: true, items: [{ id: 'a', label: 'A', event: 'invoice.snet' }] } },
    };
    const real = await realInstance({ options: { onError: (e) => errors.push(e.message) } });
    const handle = mount(real.instance);
    cleanup = handle.unmount;
    document.body.insertAdjacentHTML('beforeend', '<habitual-checklist></habitual-checklist>');
    real.instance.configure(bad);
    await vi.waitFor(() => expect(errors.join()).toContain('widgets.checklist.items.0.event'));
    await flushRender();
    expect(document.querySelector('habitual-checklist')!.shadowRoot!.textContent).toBe('');
    warn.mockRestore();
  });

  it('renders once the items are there', async () => {
    const { shadow } = await element({
      locale: 'en',
      widgets: { checklist: { enabled: true, items: [{ id: 'a', label: 'Add a customer', event: 'customer.created' }] } },
    });
    expect(shadow.textContent).toContain('0 of 1 done');
  });
});
