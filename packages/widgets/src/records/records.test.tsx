import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HabitualConfig } from '@habitual/core';
import { toCsv } from './export';
import { clickButton, flushRender, mountWidgets } from '../test/render';

const dayRollup = (day: string, features: Record<string, [number, number]>, activeMs: number) => ({
  v: 1 as const,
  day,
  tz: 'UTC',
  rev: 1,
  activeMs,
  features: Object.fromEntries(Object.entries(features).map(([k, [n, value]]) => [k, { n, value }])),
  firsts: {},
});

const config: HabitualConfig = {
  locale: 'en',
  features: { 'invoice.sent': { label: 'Send an invoice', value: 'invoices' }, 'import.completed': { label: 'Import customers' } },
  widgets: { records: { enabled: true } },
};
// Qualified days (an invoice each), the last one yesterday, as the engine will count them.
const days = {
  '2024-01-02': { 'invoice.sent': 1 },
  '2025-03-03': { 'invoice.sent': 1 },
  '2025-03-10': { 'invoice.sent': 3, 'other.thing': 2 },
  '2025-03-11': { 'invoice.sent': [2, 3] as [number, number] },
};
config.milestones = [
  { id: 'a', title: 'First invoice sent', event: 'invoice.sent' },
  { id: 'b', title: 'Three active days', activeDays: 3 },
];

let cleanup = () => {};
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function openRecords(init = {}) {
  const w = await mountWidgets({ config, days, ...init });
  cleanup = w.handle.unmount;
  w.$('.launcher')!.click();
  await flushRender();
  return w;
}

describe('CSV export', () => {
  it('one row per day and feature, formulas neutralised, quotes escaped', () => {
    const csv = toCsv([dayRollup('2025-03-11', { 'invoice.sent': [2, 3], '=cmd|"x"': [1, 0] }, 600_000), dayRollup('2025-03-12', {}, 0)]);
    expect(csv.split('\r\n')).toEqual([
      'day,active_minutes,feature,count,value',
      '2025-03-11,10,invoice.sent,2,3',
      `2025-03-11,10,"'=cmd|""x""",1,0`,
      '2025-03-12,0,,0,0',
      '',
    ]);
  });
});

describe('records', () => {
  it("shows the engine's score with its why, in whole points", async () => {
    const w = await openRecords();
    const state = w.instance.getState()!;
    expect(w.$('[data-score]')!.textContent).toBe(String(Math.round(state.score)));
    const shown = state.parts.filter((p) => p.value !== null);
    expect(shown.length).toBeGreaterThan(0);
    // A measure without data (momentum, with this little history) drops out.
    expect(state.parts.some((p) => p.value === null)).toBe(true);
    expect(w.$$('[data-why] li').map((li) => li.textContent)).toEqual(
      shown.map((p) => `${p.measure[0].toUpperCase()}${p.measure.slice(1)}${Math.round(p.contribution)} of ${Math.round(p.contribution + p.gap)} points`),
    );
  });

  it("without a state yet, today is the instance's day (its clock and zone)", async () => {
    const w = await openRecords({ days: {}, now: Date.parse('2025-03-12T23:30:00Z') });
    const cells = w.$$('svg.heat rect');
    expect(cells).toHaveLength(19 * 7 + 3);
    expect(cells.at(-1)!.querySelector('title')!.textContent).toBe('Mar 12, 2025');
  });

  it('draws the active-day heatmap as SVG', async () => {
    const w = await openRecords();
    const svg = w.$('svg.heat')!;
    expect(svg.getAttribute('role')).toBe('img');
    // 20 weeks ending Wednesday 2025-03-12: 19 full weeks + Mon..Wed.
    expect(svg.querySelectorAll('rect')).toHaveLength(19 * 7 + 3);
    // Monday on top: Mar 3 and Mar 10 (Mondays) open their columns.
    expect([...svg.querySelectorAll('rect.on')].map((r) => r.querySelector('title')!.textContent)).toEqual(['Mar 3, 2025', 'Mar 10, 2025', 'Mar 11, 2025']);
    expect([...svg.querySelectorAll('rect.on')].map((r) => r.getAttribute('y'))).toEqual(['0', '0', '12']);
    expect(svg.getAttribute('aria-label')).toBe('3 active days in the last 20 weeks');
  });

  it('marks the days with a journal note on the heatmap', async () => {
    const w = await openRecords({ widgets: { journal: { notes: { '2025-03-10': { text: 'Monday', at: 1 } } } } });
    expect(w.$$('svg.heat circle').map((c) => c.getAttribute('data-note'))).toEqual(['2025-03-10']);
  });

  it('lists features adopted and the milestones timeline in order', async () => {
    const w = await openRecords();
    expect(w.$$('[data-features] li').map((li) => li.textContent)).toEqual(['Send an invoice7 uses']);
    expect(w.$$('[data-milestones] li').map((li) => li.textContent)).toEqual(['First invoice sentJan 2, 2024', 'Three active daysMar 10, 2025']);
    expect(w.$('[data-milestones] time')!.getAttribute('datetime')).toBe('2024-01-02');
  });

  it('exports JSON and CSV as downloads', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.href).toBe('blob:x');
    });
    const w = await openRecords();
    clickButton(w.root, 'Export JSON');
    clickButton(w.root, 'Export CSV');
    await vi.waitFor(() => expect(clicks).toHaveBeenCalledTimes(2));
    expect(clicks.mock.contexts.map((a) => (a as HTMLAnchorElement).download)).toEqual(['habitual-records.json', 'habitual-records.csv']);
    expect(JSON.parse(await blobs[0].text()).days.map((d: { day: string }) => d.day)).toContain('2025-03-11');
    expect(await blobs[1].text()).toContain('2025-03-11,0,invoice.sent,2,3');
  });

  it('forget-me asks first, then forgets', async () => {
    const w = await openRecords();
    const button = clickButton(w.root, 'Forget me');
    await flushRender();
    expect(w.$('[role=alertdialog]')!.textContent).toContain('cannot be undone');
    expect(w.root.activeElement!.textContent).toBe('Cancel');
    clickButton(w.root, 'Cancel');
    await flushRender();
    // The four tracked days, and today's with the records panel's own count (hb:records.shown).
    expect((await w.instance.exportData()).days.length).toBe(5);
    expect(w.root.activeElement).toBe(button);
    clickButton(w.root, 'Forget me');
    await flushRender();
    clickButton(w.root, 'Delete');
    await vi.waitFor(() => expect(w.text()).toContain('Deleted. Nothing is kept on this device.'));
    expect((await w.instance.exportData()).days).toEqual([]);
  });

  it('tabs between checklist, records and reminders with the arrow keys', async () => {
    const w = await openRecords({
      config: {
        ...config,
        widgets: {
          records: { enabled: true },
          reminders: { enabled: true },
          checklist: { enabled: true, items: [{ id: 'a', label: 'A', event: 'invoice.sent', count: 99 }] },
        },
      },
    });
    const tabs = w.$$('[role=tab]');
    expect(tabs.map((t) => t.textContent)).toEqual(['Setup', 'Records', 'Reminders']);
    expect(tabs[0].getAttribute('aria-selected')).toBe('true');
    tabs[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await flushRender();
    expect(w.$('[role=tab][aria-selected=true]')!.textContent).toBe('Records');
    expect(w.root.activeElement).toBe(w.$('[data-tab=records]'));
    expect(w.$('[data-score]')).not.toBeNull();
  });
});
