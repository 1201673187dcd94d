import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalOf, validateConfig, type HabitualConfig } from '@habitual/core';
import { WIDGET_FIELDS } from '../registry';
import { pickShortcuts } from './pick-shortcuts';
import { flushRender, mountWidgets } from '../test/render';

const config: HabitualConfig = {
  locale: 'en',
  features: {
    'invoice.sent': { label: 'Send an invoice', href: '/invoices/new' },
    'customer.created': { label: 'Add a customer', href: '/customers/new' },
    'report.viewed': { label: 'Reports', href: '/reports' },
    'import.completed': { label: 'Import customers', href: '/import' },
    'settings.changed': { label: 'Settings' }, // no href: never a shortcut
  },
  widgets: { shortcuts: { enabled: true, limit: 2 } },
};
// This month: invoices most, then customers, then reports; settings often but it has no link.
const days = {
  '2025-03-01': { 'report.viewed': 1, 'settings.changed': 9 },
  '2025-03-10': { 'invoice.sent': 4, 'customer.created': 2 },
  '2025-03-11': { 'invoice.sent': 1, 'customer.created': 1 },
};

let cleanup = () => {};
afterEach(() => cleanup());

async function open(init: Parameters<typeof mountWidgets>[0] = {}) {
  const w = await mountWidgets({ config, days, ...init });
  cleanup = w.handle.unmount;
  w.$('.launcher')!.click();
  await flushRender();
  const rows = (under = '.shortcuts > ul') => w.$$(`${under} [data-shortcut]`).map((li) => li.dataset.shortcut);
  const pinButton = (feature: string) => w.$(`[data-shortcut="${feature}"] button.pin`) as HTMLButtonElement;
  const counts = async () => {
    await w.instance.flush();
    const features = (await w.instance.exportData()).days.at(-1)?.features ?? {};
    return Object.fromEntries(Object.entries(features).flatMap(([k, f]) => (k.startsWith('hb:shortcuts') ? [[k, f.n]] : [])));
  };
  return { ...w, rows, pinButton, counts };
}

describe('shortcuts', () => {
  it("lists the month's most used linked features, most used first, each a link to its href", async () => {
    const w = await open();
    expect(w.$('.panel')!.getAttribute('aria-label')).toBe('Shortcuts');
    expect(w.rows()).toEqual(['invoice.sent', 'customer.created']);
    const links = w.$$('.shortcuts > ul a').map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Send an invoice', '/invoices/new'],
      ['Add a customer', '/customers/new'],
    ]);
    expect(w.$('[data-shortcut="invoice.sent"]')!.textContent).toContain('5 uses in 4 weeks');
    // The rest wait under "All features", ready to pin; the feature without a link is in neither.
    expect(w.rows('details')).toEqual(['report.viewed', 'import.completed']);
    expect(w.text()).not.toContain('Settings');
  });

  it('pins go first, unpin puts them back, and the pins are the user’s widget state', async () => {
    const w = await open();
    const pin = w.pinButton('import.completed');
    expect(pin.getAttribute('aria-label')).toBe('Pin Import customers');
    expect(pin.getAttribute('aria-pressed')).toBe('false');
    pin.click();
    await flushRender();
    expect(w.rows()).toEqual(['import.completed', 'invoice.sent', 'customer.created']);
    expect(w.pinButton('import.completed').getAttribute('aria-pressed')).toBe('true');
    w.pinButton('customer.created').click();
    await flushRender();
    // Pinned in the order pinned; the most used fill in after them.
    expect(w.rows()).toEqual(['import.completed', 'customer.created', 'invoice.sent', 'report.viewed']);
    await vi.waitFor(() => expect(internalOf(w.instance).profile()?.widgets.shortcuts).toEqual({ pins: ['import.completed', 'customer.created'] }));
    w.pinButton('import.completed').click();
    await flushRender();
    expect(w.rows()).toEqual(['customer.created', 'invoice.sent', 'report.viewed']);
    expect(w.rows('details')).toEqual(['import.completed']);
    (w.$('[data-shortcut="invoice.sent"] a') as HTMLAnchorElement).addEventListener('click', (e) => e.preventDefault());
    (w.$('[data-shortcut="invoice.sent"] a') as HTMLAnchorElement).click();
    expect(await w.counts()).toEqual({
      'hb:shortcuts.shown': 1,
      'hb:shortcuts.pinned': 2,
      'hb:shortcuts.unpinned': 1,
      'hb:shortcuts.invoice_sent.clicked': 1,
    });
  });

  it('a new page reads the pins back, and follows new use', async () => {
    const w = await open({ widgets: { shortcuts: { pins: ['report.viewed'] } } });
    expect(w.rows()).toEqual(['report.viewed', 'invoice.sent', 'customer.created']);
    await w.use('import.completed', 9);
    await flushRender();
    expect(w.rows()).toEqual(['report.viewed', 'import.completed', 'invoice.sent']);
  });

  it('a first-day user sees the empty state and can still pin', async () => {
    const w = await open({ days: {} });
    expect(w.text()).toContain('The features you use most will show here.');
    expect(w.rows('details')).toHaveLength(4);
  });

  it('never links a javascript: href: the config is rejected, and the widget filters anyway', () => {
    const bad = { ...config, features: { x: { label: 'X', href: 'java\tscript:alert(1)' } } };
    expect(validateConfig(bad, WIDGET_FIELDS)).toMatchObject([{ path: 'features.x.href' }]);
    // Should one arrive unchecked (before the engine has checked it), it is no shortcut.
    expect(pickShortcuts(bad.features, ['x'], ['x'], 5)).toEqual({ shown: [], rest: [] });
    expect(validateConfig(config, WIDGET_FIELDS)).toEqual([]);
  });
});
