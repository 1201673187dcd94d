import { describe, expect, it } from 'vitest';
import { computeState } from './compute-state';
import { addDays } from './day-keys';
import { noon, roll } from './test-days';

const T = '2026-05-20';
const config = { features: { 'invoice.sent': {}, 'report.viewed': {}, 'customer.created': {}, 'import.completed': {} } };

describe("the state's top features (what the shortcuts show)", () => {
  it('orders the features used in the last 28 days by their uses, ties by name, leaving out older days and widget counters', () => {
    const days = [
      roll(addDays(T, -40), { 'import.completed': 50 }), // a month and more ago: not "this month"
      roll(addDays(T, -20), { 'report.viewed': 3, 'customer.created': 2 }),
      roll(addDays(T, -1), { 'invoice.sent': 1, 'customer.created': 1 }),
      roll(T, { 'invoice.sent': 2, 'hb:shortcuts.clicked': 9 }),
    ];
    const s = computeState(days, config, noon(T), 'UTC');
    expect(s.topFeatures).toEqual(['customer.created', 'invoice.sent', 'report.viewed']);
    expect(computeState(days.slice(0, 3), config, noon(T), 'UTC').topFeatures).toEqual(['customer.created', 'report.viewed', 'invoice.sent']); // 3 and 3: by name
  });
});
