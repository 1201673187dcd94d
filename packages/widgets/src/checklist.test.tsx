import { afterEach, describe, expect, it } from 'vitest';
import type { HabitualConfig } from '@habitual/core';
import { isItemDone } from './checklist';
import { engagementState } from './test/fake-instance';
import { mountWidgets, settle } from './test/render';

const config: HabitualConfig = {
  locale: 'en',
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
  await settle();
  return w;
}

describe('isItemDone', () => {
  const item = { id: 'c', label: 'c', event: 'customer.created', count: 2 };
  it('needs the count of uses', () => {
    expect(isItemDone(item, engagementState({ totals: { 'customer.created': { n: 1, value: 0 } } }))).toBe(false);
    expect(isItemDone(item, engagementState({ totals: { 'customer.created': { n: 2, value: 0 } } }))).toBe(true);
    expect(isItemDone(item, null)).toBe(false);
  });
  it('or the milestone', () => {
    const m = { id: 'm', label: 'm', milestone: 'first-invoice' };
    expect(isItemDone(m, engagementState({ milestones: [{ id: 'first-invoice', title: 'x', day: '2025-03-01' }] }))).toBe(true);
  });
});

describe('checklist', () => {
  it('shows progress in the launcher and the panel', async () => {
    const { $, $$, text } = await open({ config, state: engagementState({ totals: { 'customer.created': { n: 2, value: 0 } } }) });
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

  it('completes items live from state', async () => {
    const { instance, $$ } = await open({ config, state: engagementState() });
    expect($$('li.ok')).toHaveLength(0);
    instance.setState(engagementState({ milestones: [{ id: 'first-invoice', title: 'First', day: '2025-03-12' }] }));
    await settle();
    expect($$('li.ok').map((li) => li.dataset.item)).toEqual(['invoice']);
  });

  it('celebrates once when complete, then gets out of the way', async () => {
    const done = engagementState({
      totals: { 'customer.created': { n: 3, value: 0 } },
      milestones: [{ id: 'first-invoice', title: 'First', day: '2025-03-12' }],
    });
    const { instance, $, $$, handle } = await mountWidgets({ config, state: engagementState() });
    instance.setState(done);
    await settle();
    expect($$('[data-toast=checklist]')).toHaveLength(1);
    expect($('[data-toast=checklist]')!.textContent).toContain('All set up');
    expect(instance.getProfile().widgets.checklist).toEqual({ celebrated: true });
    expect($('.launcher')).toBeNull();
    handle.unmount();
    // A later page load: no second celebration, no launcher.
    const again = await mountWidgets({ config, state: done, widgets: { checklist: { celebrated: true } } });
    cleanup = again.handle.unmount;
    expect(again.$('[data-toast]')).toBeNull();
    expect(again.$('.launcher')).toBeNull();
  });

  it('"show me" opens a nudge on the target and returns focus on close', async () => {
    document.body.innerHTML = '<button id="send">Send</button>';
    const { $, root } = await open({ config, state: engagementState() });
    const showMe = $('[data-item=invoice] button') as HTMLButtonElement;
    showMe.focus();
    showMe.click();
    await settle();
    const nudge = $('.nudge')!;
    expect(nudge.hidden).toBe(false);
    expect(nudge.getAttribute('role')).toBe('dialog');
    expect(nudge.textContent).toContain('Send an invoice');
    expect(root.activeElement).toBe(nudge.querySelector('button'));
    nudge.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect($('.nudge')).toBeNull();
    expect(root.activeElement).toBe(showMe);
  });

  it('"show me" waits for a target that is not there yet', async () => {
    const { $ } = await open({ config, state: engagementState() });
    ($('[data-item=customer] button') as HTMLButtonElement).click();
    await settle();
    expect($('.nudge')!.hidden).toBe(true);
    document.body.insertAdjacentHTML('beforeend', '<button id="new-customer">New</button>');
    await settle();
    expect($('.nudge')!.hidden).toBe(false);
  });

  it('Escape closes the panel and focus returns to the launcher', async () => {
    const { $, root } = await open({ config, state: engagementState() });
    const panel = $('.panel')!;
    expect(root.activeElement).toBe(panel);
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect($('.panel')).toBeNull();
    expect(root.activeElement).toBe($('.launcher'));
  });

  it('keeps hostile config text as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const { $, root } = await open({
      config: { widgets: { checklist: { enabled: true, title: hostile, items: [{ id: 'x', label: hostile, event: 'a' }] } } },
      state: engagementState(),
    });
    expect(root.querySelector('img')).toBeNull();
    expect($('[data-item=x] span')!.textContent).toContain(hostile);
    expect($('h2')!.textContent).toBe(hostile);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});
