import { describe, expect, it } from 'vitest';
import type { HabitualConfig } from '../config/types';
import { computeState } from './compute-state';
import { createEngine } from './create-engine';
import { noon, roll } from './test-days';

const T = '2024-06-19'; // a Wednesday: the week so far is Mon 17, Tue 18, Wed 19
const config: HabitualConfig = {
  features: { 'invoice.sent': { value: 'invoices' }, 'hours.logged': { value: 'hours' }, 'customer.created': { key: true } },
  milestones: [{ id: 'ten', title: 'Ten invoices', event: 'invoice.sent', count: 10 }],
  widgets: {
    checklist: {
      items: [
        { id: 'customer', label: 'Add a customer', event: 'customer.created' },
        { id: 'invoices', label: 'Send three invoices', event: 'invoice.sent', count: 3 },
        { id: 'ten', label: 'Reach ten', milestone: 'ten' },
      ],
    },
  },
};
const days = [
  roll('2024-06-05', { 'invoice.sent': 50 }), // 14 days back: outside the series
  roll('2024-06-06', { 'invoice.sent': [1, 4] }), // the series' first day
  roll('2024-06-16', { 'invoice.sent': 2 }), // Sunday: last week
  roll('2024-06-17', { 'hours.logged': [2, 7.5] }),
  roll('2024-06-18', { 'invoice.sent': [3, 0], 'hours.logged': [1, -2] }), // yesterday; a negative value is one unit per use
  roll(T, { 'invoice.sent': [1, 2] }),
];

describe('value units in the state', () => {
  it('carries yesterday, this week (Monday first) and 14 days per feature, with one unit rule', () => {
    const s = computeState(days, config, noon(T), 'UTC');
    expect(s.value.features).toEqual([
      { feature: 'invoice.sent', unit: 'invoices', yesterday: 3, week: 5 },
      { feature: 'hours.logged', unit: 'hours', yesterday: 1, week: 8.5 },
    ]);
    expect(s.value.daily).toEqual([4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 7.5, 4, 2]);
  });

  it('is the same from the incremental engine, also after events today', () => {
    const engine = createEngine({ config, timeZone: 'UTC' });
    engine.load(days.slice(0, -1));
    engine.add(T, 'invoice.sent', 2, noon(T));
    engine.add(T, 'invoice.sent', 0, noon(T));
    const s = engine.state(noon(T));
    // The day's counts are summed first (n 2, value 2), then the unit rule applies once.
    expect(s.value).toEqual(computeState([...days.slice(0, -1), roll(T, { 'invoice.sent': [2, 2] })], config, noon(T), 'UTC').value);
    expect(s.value.daily.at(-1)).toBe(2);
  });
});

describe('checklist items in the state', () => {
  it('marks items done by event count or milestone, and the next step is the first open one', () => {
    const s = computeState(days, config, noon(T), 'UTC');
    expect(s.checklist).toEqual([
      { id: 'customer', done: false },
      { id: 'invoices', done: true },
      { id: 'ten', done: true },
    ]);
    expect(s.next).toMatchObject({ kind: 'checklist', id: 'customer' });
  });

  it('is empty without checklist items', () => {
    expect(computeState(days, { features: config.features }, noon(T), 'UTC').checklist).toEqual([]);
  });
});
