import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HabitualConfig } from '@habitual/core';
import { toCsv } from './export';
import { dayRollup, engagementState } from './test/fake-instance';
import { clickButton, mountWidgets, settle } from './test/render';

const config: HabitualConfig = {
  locale: 'en',
  features: { 'invoice.sent': { label: 'Send an invoice', value: 'invoices' }, 'import.completed': { label: 'Import customers' } },
  widgets: { records: { enabled: true } },
};
const state = engagementState({
  today: '2025-03-12',
  qualifiedDays: ['2024-01-02', '2025-03-03', '2025-03-10', '2025-03-11'],
  score: 64,
  parts: [
    { measure: 'frequency', weight: 30, value: 50, contribution: 15, gap: 15 },
    { measure: 'breadth', weight: 25, value: 80, contribution: 20, gap: 5 },
    { measure: 'momentum', weight: 15, value: null, contribution: 0, gap: 0 },
  ],
  totals: { 'invoice.sent': { n: 7, value: 9 }, 'other.thing': { n: 2, value: 0 } },
  milestones: [
    { id: 'b', title: 'Five days in a row', day: '2025-03-10' },
    { id: 'a', title: 'First invoice sent', day: '2025-02-01' },
  ],
});

let cleanup = () => {};
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function openRecords(init = {}) {
  const w = await mountWidgets({ config, state, days: [dayRollup('2025-03-11', { 'invoice.sent': [2, 3] }, 600_000)], ...init });
  cleanup = w.handle.unmount;
  w.$('.launcher')!.click();
  await settle();
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
  it('shows the score with its why', async () => {
    const w = await openRecords();
    expect(w.$('[data-score]')!.textContent).toBe('64');
    // A measure without data drops out.
    expect(w.$$('[data-why] li').map((li) => li.textContent)).toEqual(['Frequency15 of 30 points', 'Breadth20 of 25 points']);
  });

  it('shows the score and its parts as whole points', async () => {
    const w = await openRecords({
      state: {
        ...state,
        score: 48.235,
        parts: [
          { measure: 'frequency', weight: 30, value: 48.7, contribution: 14.61, gap: 15.39 },
          { measure: 'breadth', weight: 25, value: 80.2, contribution: 20.05, gap: 4.95 },
        ],
      },
    });
    expect(w.$('[data-score]')!.textContent).toBe('48');
    expect(w.$$('[data-why] li').map((li) => li.textContent)).toEqual(['Frequency15 of 30 points', 'Breadth20 of 25 points']);
  });

  it("without a state yet, today is the instance's (time-travelled) day", async () => {
    const w = await openRecords({ state: null, now: +new Date(2025, 2, 12, 12, 0) });
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
    expect([...svg.querySelectorAll('rect.on')].map((r) => r.querySelector('title')!.textContent)).toEqual(['Mar 3, 2025', 'Mar 10, 2025', 'Mar 11, 2025']);
    expect(svg.getAttribute('aria-label')).toBe('3 active days in the last 20 weeks');
  });

  it('lists features adopted and the milestones timeline in order', async () => {
    const w = await openRecords();
    expect(w.$$('[data-features] li').map((li) => li.textContent)).toEqual(['Send an invoice7 uses']);
    expect(w.$$('[data-milestones] li').map((li) => li.textContent)).toEqual(['First invoice sentFeb 1, 2025', 'Five days in a rowMar 10, 2025']);
    expect(w.$('[data-milestones] time')!.getAttribute('datetime')).toBe('2025-02-01');
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
    await settle();
    expect(clicks.mock.contexts.map((a) => (a as HTMLAnchorElement).download)).toEqual(['habitual-records.json', 'habitual-records.csv']);
    expect(JSON.parse(await blobs[0].text()).days[0].day).toBe('2025-03-11');
    expect(await blobs[1].text()).toContain('2025-03-11,10,invoice.sent,2,3');
  });

  it('forget-me asks first, then calls forget()', async () => {
    const w = await openRecords();
    const button = clickButton(w.root, 'Forget me');
    await settle();
    expect(w.$('[role=alertdialog]')!.textContent).toContain('cannot be undone');
    expect(w.root.activeElement!.textContent).toBe('Cancel');
    clickButton(w.root, 'Cancel');
    await settle();
    expect(w.instance.forgotten).toBe(0);
    expect(w.root.activeElement).toBe(button);
    clickButton(w.root, 'Forget me');
    await settle();
    clickButton(w.root, 'Delete');
    await settle();
    expect(w.instance.forgotten).toBe(1);
    expect(w.text()).toContain('Deleted. Nothing is kept on this device.');
  });

  it('tabs between checklist, records and reminders with the arrow keys', async () => {
    const w = await openRecords({
      config: {
        ...config,
        widgets: { records: { enabled: true }, reminders: { enabled: true }, checklist: { enabled: true, items: [{ id: 'a', label: 'A', event: 'a' }] } },
      },
    });
    const tabs = w.$$('[role=tab]');
    expect(tabs.map((t) => t.textContent)).toEqual(['Setup', 'Records', 'Reminders']);
    expect(tabs[0].getAttribute('aria-selected')).toBe('true');
    tabs[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await settle();
    expect(w.$('[role=tab][aria-selected=true]')!.textContent).toBe('Records');
    expect(w.root.activeElement).toBe(w.$('[data-tab=records]'));
    expect(w.$('[data-score]')).not.toBeNull();
  });
});
