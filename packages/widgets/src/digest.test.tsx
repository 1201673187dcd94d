import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HabitualConfig } from '@habitual/core';
import { dailyValue, valueUnits } from './digest-data';
import { mount } from './mount';
import { dayRollup, engagementState, fakeInstance } from './test/fake-instance';
import { mountWidgets, settle } from './test/render';

const features = {
  'invoice.sent': { label: 'Send an invoice', value: 'invoices sent' },
  'invoice.paid': { label: 'Get paid', value: 'paid' },
  'customer.created': { label: 'Add a customer' },
};
const config: HabitualConfig = { locale: 'en', features, widgets: { digest: { enabled: true }, records: { enabled: true } } };
// 2025-03-12 is a Wednesday: the week started Monday 2025-03-10.
const days = [
  dayRollup('2025-03-07', { 'invoice.sent': [9, 9] }),
  dayRollup('2025-03-10', { 'invoice.sent': [2, 0] }),
  dayRollup('2025-03-11', { 'invoice.sent': [14, 14], 'invoice.paid': [3, 3], 'customer.created': [5, 0] }),
];
const state = engagementState({
  today: '2025-03-12',
  streak: { period: 'weekday', current: 4, longest: 4, lifetime: 9, freezes: 0, freezesUsed: 0, todayDone: false },
});

let cleanup = () => {};
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('digest data', () => {
  it('sums value units per value feature over a day range', () => {
    expect(valueUnits(days, features, '2025-03-11', '2025-03-11')).toEqual([
      { unit: 'invoices sent', n: 14 },
      { unit: 'paid', n: 3 },
    ]);
    // A use without a value prop counts one unit.
    expect(valueUnits(days, features, '2025-03-10', '2025-03-12')[0]).toEqual({ unit: 'invoices sent', n: 16 });
  });
  it('builds a daily series, oldest first, zero on missing days', () => {
    expect(dailyValue(days, features, '2025-03-12', 6)).toEqual([9, 0, 0, 2, 17, 0]);
  });
});

describe('digest card', () => {
  it('shows yesterday, this week, the streak and a sparkline', async () => {
    const w = await mountWidgets({ config, state, days });
    cleanup = w.handle.unmount;
    expect(w.$('[data-yesterday]')!.textContent).toBe('14 invoices sent, 3 paid');
    expect(w.$('[data-week]')!.textContent).toBe('16 invoices sent, 3 paid');
    expect(w.$('[data-streak]')!.textContent).toBe('4 days in a row');
    const line = w.$('.digest svg polyline')!;
    expect(line.getAttribute('points')!.split(' ')).toHaveLength(14);
    expect(w.$('.digest svg')!.getAttribute('role')).toBe('img');
  });

  it("adds the host's metrics from the provider", async () => {
    const w = await mountWidgets({ config, state, days }, (instance) =>
      instance.digest(async () => [
        { label: 'Revenue', value: 1250.5, format: 'currency', currency: 'EUR', series: [1, 3, 2] },
        { label: 'Paid on time', value: 0.8, format: 'percent' },
      ]),
    );
    cleanup = w.handle.unmount;
    expect(w.$$('[data-metric]').map((m) => m.textContent)).toEqual(['Revenue€1,250.50', 'Paid on time80%']);
    expect(w.$$('[data-metric] svg')).toHaveLength(1);
  });

  it('still shows when the provider throws', async () => {
    const w = await mountWidgets({ config, state, days }, (instance) =>
      instance.digest(() => {
        throw new Error('host bug');
      }),
    );
    cleanup = w.handle.unmount;
    expect(w.$('[data-yesterday]')).not.toBeNull();
    expect(w.$$('[data-metric]')).toHaveLength(0);
  });

  it('dismissed means not again today, and back tomorrow', async () => {
    const w = await mountWidgets({ config, state, days });
    cleanup = w.handle.unmount;
    (w.$('.digest button[aria-label=Dismiss]') as HTMLButtonElement).click();
    await settle();
    expect(w.$('.digest')).toBeNull();
    expect(w.instance.getProfile().widgets.digest).toEqual({ day: '2025-03-12' });
    w.instance.setState({ ...state, today: '2025-03-13' });
    await settle();
    expect(w.$('.digest')).not.toBeNull();
  });

  it('waits for the configured time of day', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date(2025, 2, 12, 8, 0));
    const handle = mount(fakeInstance({ config: { ...config, widgets: { digest: { enabled: true, at: '09:00' } } }, state, days }));
    cleanup = handle.unmount;
    const root = document.querySelector('habitual-widgets')!.shadowRoot!;
    await vi.advanceTimersByTimeAsync(100);
    expect(root.querySelector('.digest')).toBeNull();
    await vi.advanceTimersByTimeAsync(60 * 60e3);
    expect(root.querySelector('.digest')).not.toBeNull();
  });

  it('the user picks their own time of day', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    vi.setSystemTime(new Date(2025, 2, 12, 8, 0));
    const handle = mount(fakeInstance({ config, state, days }));
    cleanup = handle.unmount;
    const root = document.querySelector('habitual-widgets')!.shadowRoot!;
    await vi.advanceTimersByTimeAsync(100);
    const input = root.querySelector('.digest input[type=time]') as HTMLInputElement;
    input.value = '10:30';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(100);
    expect(root.querySelector('.digest')).toBeNull();
    await vi.advanceTimersByTimeAsync(2.5 * 60 * 60e3);
    expect((root.querySelector('.digest input[type=time]') as HTMLInputElement).value).toBe('10:30');
  });

  it("keeps time by the instance's clock when the page travels in time", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // The wall clock says 8:00; the instance (the demo's ?now=) says 10:00, past `at`.
    vi.setSystemTime(new Date(2025, 2, 12, 8, 0));
    const instance = fakeInstance({
      config: { ...config, widgets: { digest: { enabled: true, at: '09:00' } } },
      state,
      days,
      now: +new Date(2025, 2, 12, 10, 0),
    });
    cleanup = mount(instance).unmount;
    await vi.advanceTimersByTimeAsync(100);
    expect(document.querySelector('habitual-widgets')!.shadowRoot!.querySelector('.digest')).not.toBeNull();
  });

  it("before the first state, the first visit of the day is the instance's day", async () => {
    // Dismissed on the wall clock's day; the instance has travelled to the next one.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2025, 2, 12, 12, 0));
    const instance = fakeInstance({ config, state: null, days, widgets: { digest: { day: '2025-03-12' } }, now: +new Date(2025, 2, 13, 12, 0) });
    cleanup = mount(instance).unmount;
    await settle();
    const root = document.querySelector('habitual-widgets')!.shadowRoot!;
    expect(root.querySelector('.digest')).not.toBeNull();
    (root.querySelector('.digest button[aria-label=Dismiss]') as HTMLButtonElement).click();
    await settle();
    expect(instance.getProfile().widgets.digest).toEqual({ day: '2025-03-13' });
  });

  it('links to the records panel, the quick glance before the deep view', async () => {
    const w = await mountWidgets({ config, state, days });
    cleanup = w.handle.unmount;
    (w.$('.digest button.p') as HTMLButtonElement).click();
    await settle();
    expect(w.$('.panel')!.getAttribute('aria-label')).toBe('Records');
  });

  it('renders a configured link, but never a javascript: one', async () => {
    const w = await mountWidgets({
      config: { ...config, widgets: { digest: { enabled: true, link: { text: 'Open reports', href: '/reports' } } } },
      state,
      days,
    });
    expect(w.$('.digest a')!.getAttribute('href')).toBe('/reports');
    w.instance.configure({ ...config, widgets: { digest: { enabled: true, link: { text: 'x', href: 'javascript:alert(1)' } } } });
    await settle();
    expect(w.$('.digest a')).toBeNull();
    w.handle.unmount();
  });
});
