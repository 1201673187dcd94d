import type { HabitualConfig } from '../config/types';
import type { DayRollup } from '../rollup/day-rollup';
import { dayIndex, dayKey } from './day-keys';

/** Test helpers: rollups by day key, and a config like the one in DESIGN.md. */

export function roll(day: string, features: Record<string, number | [n: number, value: number]> = {}, activeMinutes = 0, firsts: Record<string, number> = {}): DayRollup {
  const f: DayRollup['features'] = {};
  for (const k in features) {
    const v = features[k];
    f[k] = Array.isArray(v) ? { n: v[0], value: v[1] } : { n: v, value: 0 };
  }
  return { v: 1, day, tz: 'UTC', rev: 1, activeMs: activeMinutes * 60_000, features: f, firsts };
}

/** Rollups on the days `offsets` before `today` (0 = today), each with the same features. */
export function onDays(today: string, offsets: Iterable<number>, features: Record<string, number | [number, number]> = { 'invoice.sent': 1 }): DayRollup[] {
  const t = dayIndex(today);
  return [...offsets].map((o) => roll(dayKey(t - o), features));
}

export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Noon UTC of a day key: a `now` that is safely inside that day in UTC. */
export const noon = (day: string): number => dayIndex(day) * 86_400_000 + 12 * 3_600_000;

export const CONFIG: HabitualConfig = {
  features: {
    'customer.created': { label: 'Add a customer', key: true },
    'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
    'import.completed': { label: 'Import customers', key: true },
    'report.viewed': { label: 'View reports', key: true },
    'import.opened': { label: 'Open import' },
  },
  activation: [
    { event: 'customer.created', count: 3 },
    { event: 'invoice.sent', count: 1 },
  ],
  funnels: [{ id: 'import', start: 'import.opened', done: 'import.completed', withinDays: 2, help: { text: 'Importing from a spreadsheet?', href: '/help/import' } }],
  milestones: [
    { id: 'first-invoice', event: 'invoice.sent', count: 1, title: 'First invoice sent' },
    { id: 'streak-5', streak: 5, title: 'Five in a row' },
    { id: 'active-10', activeDays: 10, title: 'Ten active days' },
  ],
};
