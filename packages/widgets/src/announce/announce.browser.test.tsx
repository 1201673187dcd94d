import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { idbKV, type HabitualConfig, type KV } from '@habitual/core';
import { closePages, loadPage, shadowViolations } from '../test/page-load';

// Real Chromium, real IndexedDB: an announcement for a feature the user already used is not
// shown (the next one is), one dismissed with the keyboard never returns when the page loads
// again (the one after it shows instead, proof that the picking ran), and axe-core finds nothing.

const item = (id: string, feature: string, title: string) => ({ id, feature, title, text: 'New this month.', cta: { text: 'Try it' } });
const config: HabitualConfig = {
  locale: 'en',
  features: {
    'invoice.sent': { label: 'Send an invoice' },
    'report.viewed': { label: 'Reports', href: '/reports' },
    'customer.created': { label: 'Add a customer', href: '/customers/new' },
    'payment.recorded': { label: 'Record a payment', href: '/payments' },
  },
  // No cooldown after a dismissal, so the next page load can show the next one at once.
  attention: { cooldownMinutes: 0 },
  widgets: {
    announce: {
      enabled: true,
      holdout: 0,
      items: [
        item('reports', 'report.viewed', 'Reports are here'),
        item('customers', 'customer.created', 'Add your customers'),
        item('payments', 'payment.recorded', 'Record payments'),
      ],
    },
  },
};
// Yesterday (not a first day: the full daily allowance): an invoice, and reports already used.
const days = { '2025-03-11': { 'invoice.sent': 1, 'report.viewed': 2 } };

afterEach(closePages);

async function load(kv: KV, appId: string, seed?: typeof days) {
  const page = await loadPage({ config, kv, days: seed, options: { appId } });
  const { shadow } = page;
  const counts = async () => {
    await page.instance.flush();
    const features = (await page.instance.exportData()).days.at(-1)?.features ?? {};
    return Object.fromEntries(Object.entries(features).flatMap(([k, f]) => (k.startsWith('hb:announce') ? [[k, f.n]] : [])));
  };
  return { ...page, counts, shown: () => shadow.querySelector('.announce')?.getAttribute('aria-label') };
}

it('skips the announcement of a feature already used; a dismissed one never returns; axe finds nothing', async () => {
  document.body.innerHTML = '<main><h1>Ledgerly</h1><button id="before">Before</button></main>';
  const appId = `announce-${Date.now()}`;
  const kv = idbKV(`habitual-${appId}`);
  const first = await load(kv, appId, days);
  // Reports were used yesterday: its announcement is passed over for the next one.
  await expect.poll(() => first.shown()).toBe('Add your customers');
  const card = first.shadow.querySelector<HTMLElement>('.announce')!;
  expect(card.querySelector('a.cta')!.getAttribute('href')).toBe('/customers/new');
  expect(getComputedStyle(card).position).toBe('fixed');
  expect(await shadowViolations(3)).toEqual([]);
  // Keyboard only: Tab from the page into the card, to its close button, and press Enter.
  document.getElementById('before')!.focus();
  const dismiss = card.querySelector<HTMLElement>('button[aria-label=Dismiss]')!;
  for (let i = 0; i < 5 && first.shadow.activeElement !== dismiss; i++) await userEvent.tab();
  expect(first.shadow.activeElement).toBe(dismiss);
  await userEvent.keyboard('{Enter}');
  // Gone; with no cooldown configured, the next one takes its place.
  await expect.poll(() => first.shown()).toBe('Record payments');
  expect(await first.counts()).toEqual({ 'hb:announce.customers.shown': 1, 'hb:announce.customers.dismissed': 1, 'hb:announce.payments.shown': 1 });
  await first.close();

  // The page loads again from IndexedDB: the dismissed one stays gone and the used one
  // skipped; the one not yet dealt with shows again (so the picking did run).
  const again = await load(kv, appId);
  await expect.poll(() => again.shown()).toBe('Record payments');
  expect(again.shadow.textContent).not.toContain('Add your customers');
  expect(again.shadow.textContent).not.toContain('Reports are here');
  expect(await shadowViolations(3)).toEqual([]);
});
