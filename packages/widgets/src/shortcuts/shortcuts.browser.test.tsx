import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { idbKV, internalOf, type HabitualConfig, type KV } from '@habitual/core';
import { closePages, loadPage, shadowViolations } from '../test/page-load';

// Real Chromium, real IndexedDB: the user pins a shortcut with the keyboard alone, the page
// loads again from what was stored, and the pin is still first. axe-core finds nothing.

const config: HabitualConfig = {
  locale: 'en',
  features: {
    'invoice.sent': { label: 'Send an invoice', href: '/invoices/new' },
    'customer.created': { label: 'Add a customer', href: '/customers/new' },
    'report.viewed': { label: 'Reports', href: '/reports' },
    'settings.changed': { label: 'Settings' },
  },
  widgets: { shortcuts: { enabled: true } },
};
const days = { '2025-03-11': { 'invoice.sent': 3, 'customer.created': 1 } };

afterEach(closePages);

/** One page load over the stored data in `kv`: the instance, the widgets, and the shortcuts it shows. */
async function load(kv: KV, appId: string, seed?: typeof days) {
  const page = await loadPage({ config, kv, days: seed, options: { appId } });
  const { shadow } = page;
  return {
    ...page,
    active: () => shadow.activeElement as HTMLElement | null,
    rows: () => [...shadow.querySelectorAll<HTMLElement>('.shortcuts > ul [data-shortcut]')].map((li) => li.dataset.shortcut),
  };
}

it('a shortcut pinned with the keyboard is still first after the page loads again; axe finds nothing', async () => {
  document.body.innerHTML = '<main><h1>Ledgerly</h1><button id="before">Before</button></main>';
  const appId = `shortcuts-${Date.now()}`;
  const kv = idbKV(`habitual-${appId}`);
  const first = await load(kv, appId, days);
  await expect.poll(() => first.shadow.querySelector('.launcher')).toBeTruthy();
  const launcher = first.shadow.querySelector<HTMLElement>('.launcher')!;

  // Keyboard only: Tab to the launcher, open it, Tab to "All features", open it, pin Reports.
  document.getElementById('before')!.focus();
  for (let i = 0; i < 5 && first.active() !== launcher; i++) await userEvent.tab();
  expect(first.active()).toBe(launcher);
  await userEvent.keyboard('{Enter}');
  await expect.poll(() => first.rows()).toEqual(['invoice.sent', 'customer.created']);
  expect(first.shadow.querySelector('.panel')!.getAttribute('aria-label')).toBe('Shortcuts');
  expect(await shadowViolations(5)).toEqual([]);
  const summary = first.shadow.querySelector<HTMLElement>('.shortcuts summary')!;
  for (let i = 0; i < 10 && first.active() !== summary; i++) await userEvent.tab();
  expect(first.active()).toBe(summary);
  await userEvent.keyboard('{Enter}');
  await userEvent.tab();
  expect(first.active()!.textContent).toBe('Reports');
  await userEvent.tab();
  expect(first.active()!.getAttribute('aria-label')).toBe('Pin Reports');
  await userEvent.keyboard(' ');
  await expect.poll(() => first.rows()).toEqual(['report.viewed', 'invoice.sent', 'customer.created']);
  expect(first.shadow.querySelector('[data-shortcut="report.viewed"] .pin')!.getAttribute('aria-pressed')).toBe('true');
  expect(await shadowViolations(5)).toEqual([]);
  await expect.poll(() => internalOf(first.instance).profile()?.widgets.shortcuts).toEqual({ pins: ['report.viewed'] });
  await first.close();

  // The next page load reads the pin back from IndexedDB.
  const again = await load(kv, appId);
  await expect.poll(() => again.shadow.querySelector('.launcher')).toBeTruthy();
  again.shadow.querySelector<HTMLElement>('.launcher')!.click();
  await expect.poll(() => again.rows()).toEqual(['report.viewed', 'invoice.sent', 'customer.created']);
  // Unpinning works the same way, and the feature without a link never shows.
  again.shadow.querySelector<HTMLElement>('[data-shortcut="report.viewed"] .pin')!.click();
  await expect.poll(() => again.rows()).toEqual(['invoice.sent', 'customer.created']);
  expect(again.shadow.textContent).not.toContain('Settings');
});
