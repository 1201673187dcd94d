import { afterEach, describe, expect, it, vi } from 'vitest';
import { internalOf, type HabitualConfig } from '@habitual/core';
import { mount } from '../host/mount';
import { noonOf, realInstance } from '../test/real-instance';
import { clickButton, flushRender, mountWidgets } from '../test/render';

const features = {
  'invoice.sent': { label: 'Send an invoice', value: 'invoices sent' },
  'invoice.paid': { label: 'Get paid', value: 'paid' },
  'customer.created': { label: 'Add a customer' },
};
const config: HabitualConfig = {
  locale: 'en',
  features,
  engagement: { streak: { period: 'weekday' } },
  widgets: { digest: { enabled: true }, records: { enabled: true } },
};
// 2025-03-12 is a Wednesday: the week started Monday 2025-03-10.
const days = {
  '2025-03-06': { 'invoice.sent': [9, 9] as [number, number] },
  '2025-03-07': { 'invoice.sent': 1 },
  '2025-03-10': { 'invoice.sent': 2 },
  '2025-03-11': { 'invoice.sent': [14, 14] as [number, number], 'invoice.paid': [3, 3] as [number, number], 'customer.created': 5 },
};
const at = (hh: number, mm = 0, day = '2025-03-12') => noonOf(day) + (hh - 12) * 36e5 + mm * 6e4;

let cleanup = () => {};
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const rootOf = () => document.querySelector('habitual-widgets')!.shadowRoot!;

describe('digest card', () => {
  it('shows yesterday, this week, the streak and a sparkline, all from the engine state', async () => {
    const w = await mountWidgets({ config, days }, ({ instance }) => vi.spyOn(instance, 'exportData'));
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$('[data-yesterday]')).not.toBeNull());
    expect(w.$('[data-yesterday]')!.textContent).toBe('14 invoices sent, 3 paid');
    expect(w.$('[data-week]')!.textContent).toBe('16 invoices sent, 3 paid');
    // Weekday streak: Thu, Fri, (weekend), Mon, Tue.
    expect(w.$('[data-streak]')!.textContent).toBe('4 days in a row');
    const points = w.$('.digest svg polyline')!.getAttribute('points')!.split(' ');
    expect(points).toHaveLength(14);
    expect(w.$('.digest svg')!.getAttribute('role')).toBe('img');
    // New use today re-renders from the state alone: the digest never reads the store.
    await w.use('invoice.sent', 2, 5);
    await vi.waitFor(() => expect(w.$('[data-week]')!.textContent).toBe('21 invoices sent, 3 paid'));
    expect(w.instance.exportData).not.toHaveBeenCalled();
  });

  it("adds the host's metrics from the provider", async () => {
    const w = await mountWidgets({ config, days }, ({ instance }) =>
      instance.digest(async () => [
        { label: 'Revenue', value: 1250.5, format: 'currency', currency: 'EUR', series: [1, 3, 2] },
        { label: 'Paid on time', value: 0.8, format: 'percent' },
      ]),
    );
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$$('[data-metric]').map((m) => m.textContent)).toEqual(['Revenue€1,250.50', 'Paid on time80%']));
    expect(w.$$('[data-metric] svg')).toHaveLength(1);
  });

  it('still shows when the provider throws', async () => {
    const w = await mountWidgets({ config, days }, ({ instance }) =>
      instance.digest(() => {
        throw new Error('host bug');
      }),
    );
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$('[data-yesterday]')).not.toBeNull());
    expect(w.$$('[data-metric]')).toHaveLength(0);
  });

  it('dismissed means not again today, and back tomorrow', async () => {
    const w = await mountWidgets({ config, days });
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$('.digest button[aria-label=Dismiss]')).not.toBeNull());
    (w.$('.digest button[aria-label=Dismiss]') as HTMLButtonElement).click();
    await flushRender();
    expect(w.$('.digest')).toBeNull();
    await vi.waitFor(() => expect(internalOf(w.instance).profile()?.widgets.digest).toEqual({ day: '2025-03-12' }));
    await w.use('invoice.sent'); // today becomes tomorrow's yesterday
    w.travel(noonOf('2025-03-13'));
    await w.use('customer.created');
    await vi.waitFor(() => expect(w.$('.digest')).not.toBeNull());
  });

  it('does not open by itself without a yesterday to show (a first day, or a quiet one)', async () => {
    const quiet = await mountWidgets({ config, days: { '2025-03-10': { 'invoice.sent': 2 } } });
    cleanup = quiet.handle.unmount;
    await quiet.use('customer.created');
    await flushRender();
    expect(quiet.$('.digest')).toBeNull();
    quiet.handle.unmount();
    const busy = await mountWidgets({ config, days: { '2025-03-11': { 'invoice.sent': 2 } } });
    cleanup = busy.handle.unmount;
    await vi.waitFor(() => expect(busy.$('.digest')).not.toBeNull());
  });

  it("waits for the configured time of day, by the instance's clock", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const real = await realInstance({ config: { ...config, widgets: { digest: { enabled: true, at: '09:00' } } }, days, now: at(8) });
    cleanup = mount(real.instance).unmount;
    await vi.advanceTimersByTimeAsync(100);
    expect(rootOf().querySelector('.digest')).toBeNull();
    await vi.advanceTimersByTimeAsync(60 * 60e3);
    expect(rootOf().querySelector('.digest')).not.toBeNull();
  });

  it('the user picks their own time of day', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    const real = await realInstance({ config, days, now: at(8) });
    cleanup = mount(real.instance).unmount;
    await vi.advanceTimersByTimeAsync(100);
    const input = rootOf().querySelector('.digest input[type=time]') as HTMLInputElement;
    input.value = '10:30';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(100);
    expect(rootOf().querySelector('.digest')).toBeNull();
    await vi.advanceTimersByTimeAsync(2.5 * 60 * 60e3);
    expect((rootOf().querySelector('.digest input[type=time]') as HTMLInputElement).value).toBe('10:30');
  });

  it('links to the records panel, the quick glance before the deep view', async () => {
    const w = await mountWidgets({ config, days });
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$('.digest button.p')).not.toBeNull());
    (w.$('.digest button.p') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(w.$('.panel')!.getAttribute('aria-label')).toBe('Records'));
  });

  it('renders a configured link, but never a javascript: one (issue 11, item 2)', async () => {
    // The collector and the engine reject such a config; the widget filters anyway, in
    // case one arrives before the engine has checked it.
    const w = await mountWidgets({ config: { ...config, widgets: { digest: { enabled: true, link: { text: 'Open reports', href: '/reports' } } } }, days });
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$('.digest a')!.getAttribute('href')).toBe('/reports'));
    for (const href of ['javascript:alert(1)', 'java\tscript:alert(1)', '\x01javascript:alert(1)']) {
      w.instance.configure({ ...config, widgets: { digest: { enabled: true, link: { text: 'x', href } } } });
      await flushRender();
      expect(String(w.$('.digest a')?.getAttribute('href'))).not.toMatch(/script/);
    }
  });

  it('quick glance shows the one-line summary, details the full card; the choice is kept per user and counted', async () => {
    const w = await mountWidgets({ config, days });
    cleanup = w.handle.unmount;
    await vi.waitFor(() => expect(w.$('[data-yesterday]')).not.toBeNull());
    const pressed = () => w.$$('.digest .seg button').map((b) => `${b.textContent}:${b.getAttribute('aria-pressed')}`);
    expect(pressed()).toEqual(['Details:true', 'Quick glance:false']);
    expect(w.$('[data-glance]')).toBeNull();
    clickButton(w.$('.digest')!, 'Quick glance');
    await flushRender();
    expect(w.$('[data-glance]')!.textContent).toBe('Yesterday: 14 invoices sent, 3 paid · 4 days in a row');
    expect(w.$('[data-yesterday]')).toBeNull();
    expect(w.$('.digest svg')).toBeNull();
    expect(pressed()).toEqual(['Details:false', 'Quick glance:true']);
    // Kept in the user's widget state (exported and forgotten with them), read back by the next page.
    await vi.waitFor(() => expect(internalOf(w.instance).profile()?.widgets.digest).toMatchObject({ glance: true }));
    await w.instance.flush();
    expect((await w.instance.exportData()).days.at(-1)!.features['hb:digest.glance']?.n).toBe(1);
    w.handle.unmount();
    const again = await mountWidgets({ config, days, widgets: { digest: { glance: true } } });
    cleanup = again.handle.unmount;
    await vi.waitFor(() => expect(again.$('[data-glance]')).not.toBeNull());
    clickButton(again.$('.digest')!, 'Details');
    await flushRender();
    expect(again.$('[data-yesterday]')!.textContent).toBe('14 invoices sent, 3 paid');
  });
});
