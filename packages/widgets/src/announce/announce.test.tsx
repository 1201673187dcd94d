import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalOf, validateConfig, type AttentionRecord, type HabitualConfig } from '@habitual/core';
import { WIDGET_FIELDS } from '../registry';
import { flushRender, mountWidgets } from '../test/render';

const config: HabitualConfig = {
  locale: 'en',
  features: {
    'invoice.sent': { label: 'Send an invoice', value: 'invoices', href: '/invoices/new' },
    'report.viewed': { label: 'Reports', href: '/reports' },
  },
  widgets: {
    announce: {
      enabled: true,
      holdout: 0,
      items: [{ id: 'reports', feature: 'report.viewed', title: 'Reports are here', text: 'See what you billed this month.', cta: { text: 'Open reports' } }],
    },
  },
};
// Not the user's first day (the full daily allowance applies); reports never used.
const days = { '2025-03-10': { 'invoice.sent': 1 }, '2025-03-11': { 'invoice.sent': 1 } };

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  document.body.innerHTML = '';
});

async function page(init: Parameters<typeof mountWidgets>[0] = {}) {
  const w = await mountWidgets({ config, days, ...init });
  cleanups.push(w.handle.unmount);
  await flushRender();
  const record = () => internalOf(w.instance).profile()?.widgets.attention as AttentionRecord | undefined;
  const counts = async () => {
    await flushRender(); // the shown count is an effect of the render that showed it
    await w.instance.flush();
    const features = (await w.instance.exportData()).days.at(-1)?.features ?? {};
    return Object.fromEntries(Object.entries(features).flatMap(([k, f]) => (k.startsWith('hb:announce') ? [[k, f.n]] : [])));
  };
  return { ...w, record, counts, card: () => w.$('.announce') };
}

describe('announcements', () => {
  it("shows a feature's announcement to a user who has not used it, with its call to action to the feature's href, counted when on screen", async () => {
    const w = await page();
    await vi.waitFor(() => expect(w.card()).not.toBeNull());
    expect(w.card()!.getAttribute('aria-label')).toBe('Reports are here');
    expect(w.card()!.textContent).toContain('What’s new');
    expect(w.card()!.textContent).toContain('See what you billed this month.');
    expect(w.$('.announce a.cta')!.getAttribute('href')).toBe('/reports');
    expect(w.card()!.classList.contains('banner')).toBe(false);
    await vi.waitFor(async () => expect(await w.counts()).toEqual({ 'hb:announce.reports.shown': 1 }));
    // It drew from the attention budget.
    expect(w.record()!.shows.map(([key]) => key)).toEqual(['announce:reports']);
  });

  it('is not shown to a user who already used the feature, even two months ago', async () => {
    const w = await page({ days: { ...days, '2025-01-15': { 'report.viewed': 1 } } });
    await flushRender();
    expect(w.card()).toBeNull();
    expect(await w.counts()).toEqual({});
  });

  it('using the feature takes it off the screen', async () => {
    const w = await page();
    await vi.waitFor(() => expect(w.card()).not.toBeNull());
    await w.use('report.viewed');
    await vi.waitFor(() => expect(w.card()).toBeNull());
  });

  it('a when of its own replaces the default audience', async () => {
    const items = [{ ...config.widgets!.announce!.items![0], when: { stages: ['power' as const] } }];
    const w = await page({ config: { ...config, widgets: { announce: { enabled: true, holdout: 0, items } } } });
    await flushRender();
    expect(w.card()).toBeNull();
  });

  it('dismissed, it never returns: the mark is in the attention record that syncs across devices', async () => {
    const w = await page();
    await vi.waitFor(() => expect(w.card()).not.toBeNull());
    (w.$('.announce button[aria-label=Dismiss]') as HTMLButtonElement).click();
    await flushRender();
    expect(w.card()).toBeNull();
    await vi.waitFor(() => expect(w.record()?.marks['announce:reports']?.dismissed).toBeTypeOf('number'));
    expect(await w.counts()).toEqual({ 'hb:announce.reports.shown': 1, 'hb:announce.reports.dismissed': 1 });
    // Another device, days later, with the merged record: still gone.
    const attention = { ...w.record()!, dismissedAt: 0 };
    w.handle.unmount();
    const later = await page({ widgets: { attention } });
    await flushRender();
    expect(later.card()).toBeNull();
  });

  it('its call to action counts a click and ends it for good', async () => {
    const w = await page();
    await vi.waitFor(() => expect(w.card()).not.toBeNull());
    const cta = w.$('.announce a.cta') as HTMLAnchorElement;
    cta.addEventListener('click', (e) => e.preventDefault()); // stay on the test page
    cta.click();
    await flushRender();
    expect(w.card()).toBeNull();
    await vi.waitFor(() => expect(w.record()?.marks['announce:reports']?.done).toBeTypeOf('number'));
    expect(await w.counts()).toEqual({ 'hb:announce.reports.shown': 1, 'hb:announce.reports.clicked': 1 });
  });

  it('waits for the attention budget, and is not counted while it waits', async () => {
    const now = Date.parse('2025-03-12T12:00:00Z');
    const full: AttentionRecord = {
      marks: {},
      shows: [
        ['digest', '2025-03-12', now - 3e6],
        ['nudges:a', '2025-03-12', now - 2e6],
        ['nudges:b', '2025-03-12', now - 1e6],
      ],
    };
    const w = await page({ widgets: { attention: full } });
    await flushRender();
    expect(w.card()).toBeNull();
    expect(await w.counts()).toEqual({});
  });

  it('as a banner; the config schema checks ids, texts and links', async () => {
    const items = [{ id: 'rep', feature: 'report.viewed', title: { en: 'Reports', fi: 'Raportit' }, style: 'banner' as const }];
    const w = await page({ config: { ...config, widgets: { announce: { enabled: true, holdout: 0, items } } } });
    await vi.waitFor(() => expect(w.card()?.classList.contains('banner')).toBe(true));
    expect(w.$('.announce a')).toBeNull(); // no call to action configured
    const bad = { ...config, widgets: { announce: { items: [{ id: 'a b', title: 'x', cta: { text: 'Go', href: 'javascript:alert(1)' } }] } } };
    expect(validateConfig(bad, WIDGET_FIELDS).map((p) => p.path)).toEqual(['widgets.announce.items.0.id', 'widgets.announce.items.0.cta.href']);
  });
});
