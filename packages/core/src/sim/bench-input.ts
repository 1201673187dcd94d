import type { HabitualConfig } from '../config/types';
import { dayIndex, dayKey } from '../engine/day-keys';
import type { DayRollup } from '../rollup/day-rollup';
import { createRandom } from './create-random';

/**
 * The benchmark's user: `days` of daily rollups over `features` configured features (a
 * third of them key, a fifth with a value unit), plus activation, funnels and milestones,
 * so every part of the engine does its work.
 */
export function benchInput(options: { days?: number; features?: number; seed?: number; today?: string } = {}): {
  config: HabitualConfig;
  rollups: DayRollup[];
  today: string;
} {
  const { days = 730, features = 50, seed = 1, today = '2026-06-30' } = options;
  const r = createRandom(seed);
  const names = Array.from({ length: features }, (_, i) => `feature${String(i).padStart(2, '0')}.used`);
  const config: HabitualConfig = {
    features: Object.fromEntries(
      names.map((n, i) => [n, { label: `Feature ${i}`, key: i % 3 === 0, ...(i % 5 === 0 ? { value: 'units' } : {}), weight: 1 + (i % 2) }]),
    ),
    activation: [
      { event: names[1], count: 3 },
      { event: names[0], count: 1 },
    ],
    funnels: [{ id: 'f', start: names[2], done: names[3], withinDays: 2 }],
    milestones: [
      { id: 'first', event: names[0], count: 1, title: 'First' },
      { id: 'hundred', event: names[0], count: 100, title: 'Hundred' },
      { id: 'streak-30', streak: 30, title: 'Thirty in a row' },
      { id: 'active-200', activeDays: 200, title: '200 days' },
    ],
    widgets: { checklist: { items: [{ id: 'c', label: 'C', event: names[4], count: 2 }] } },
  };
  const T = dayIndex(today);
  const rollups: DayRollup[] = [];
  for (let ago = days - 1; ago >= 0; ago--) {
    const day = dayKey(T - ago);
    const f: DayRollup['features'] = {};
    const firsts: DayRollup['firsts'] = {};
    const base = (T - ago) * 86_400_000 + 9 * 3_600_000;
    // Every feature every day: the worst case for the per-day loop.
    for (let i = 0; i < names.length; i++) {
      f[names[i]] = { n: r.int(1, 5), value: i % 5 === 0 ? r.int(0, 4) : 0 };
      firsts[names[i]] = base + r.int(0, 36_000_000);
    }
    rollups.push({ v: 1, day, tz: 'UTC', rev: 1, activeMs: r.int(0, 3_600_000), features: f, firsts });
  }
  return { config, rollups, today };
}
