import { describe, expect, it } from 'vitest';
import type { HabitualConfig } from '../config/types';
import { computeState } from './compute-state';
import { createEngine } from './create-engine';
import { addDays } from './day-keys';
import { CONFIG, noon, onDays, range, roll } from './test-days';

const T = '2024-06-19';
const strip = <S extends { newMilestones: unknown }>(s: S) => ({ ...s, newMilestones: undefined });

describe('createEngine', () => {
  it('matches computeState after loading the same rollups', () => {
    const rollups = onDays(T, range(0, 40), { 'invoice.sent': [1, 2], 'customer.created': 1 });
    const e = createEngine({ config: CONFIG, timeZone: 'UTC' });
    e.load(rollups);
    expect(e.state(noon(T))).toEqual(computeState(rollups, CONFIG, noon(T), 'UTC'));
  });

  it('folds events of today into the state without a reload', () => {
    const e = createEngine({ config: CONFIG, timeZone: 'UTC' });
    const past = onDays(T, range(1, 10), { 'customer.created': 1 });
    e.load(past);
    expect(e.state(noon(T)).qualifiedDays).not.toContain(T);
    e.add(T, 'invoice.sent', 3, noon(T));
    e.add(T, 'import.opened', 0, noon(T) - 5);
    e.addActive(T, 60_000);
    const s = e.state(noon(T));
    const same = computeState(
      [...past, roll(T, { 'invoice.sent': [1, 3], 'import.opened': 1 }, 1, { 'invoice.sent': noon(T), 'import.opened': noon(T) - 5 })],
      CONFIG,
      noon(T),
      'UTC',
    );
    expect(strip(s)).toEqual(strip(same));
    expect(s.qualifiedDays).toContain(T);
    expect(s.totals['invoice.sent']).toEqual({ n: 1, value: 3 });
  });

  it('rolls over to a new day, and back-dated events count', () => {
    const e = createEngine({ config: CONFIG, timeZone: 'UTC' });
    e.load([]);
    e.add(T, 'invoice.sent', 1, noon(T));
    expect(e.state(noon(T)).streak.current).toBe(1);
    const next = addDays(T, 1);
    expect(e.state(noon(next))).toMatchObject({ today: next, streak: { current: 1, todayDone: false } });
    e.add(next, 'invoice.sent', 1, noon(next));
    expect(e.state(noon(next)).streak.current).toBe(2);
    // An event for an earlier day (a delta flushed late) invalidates the folded history.
    e.add(addDays(T, -1), 'invoice.sent', 1, noon(T) - 86_400_000);
    expect(e.state(noon(next)).streak.current).toBe(3);
  });

  it('fires each milestone once per engine and never one in prev', () => {
    const e = createEngine({ config: CONFIG, timeZone: 'UTC', prev: { milestones: { 'streak-5': '2020-01-01' } } });
    e.load(onDays(T, range(1, 5)));
    const first = e.state(noon(T));
    expect(first.newMilestones.map((m) => m.id)).toEqual(['first-invoice']);
    expect(e.state(noon(T)).newMilestones).toEqual([]);
    for (const d of range(6, 20)) e.add(addDays(T, -d), 'invoice.sent', 1, noon(T) - d * 86_400_000);
    expect(e.state(noon(T)).newMilestones.map((m) => m.id)).toEqual(['active-10']);
  });

  it('keeps the previous stage for the power hysteresis', () => {
    const allKeys = { 'customer.created': 3, 'invoice.sent': 1, 'import.completed': 1, 'report.viewed': 1 };
    const power = range(0, 27).filter((i) => i % 7 < 5);
    const e = createEngine({ config: CONFIG, timeZone: 'UTC' });
    e.load(onDays(T, power, allKeys));
    expect(e.state(noon(T)).stage).toBe('power');
    // The oldest three qualified days drop out of the window over the next days.
    e.load(onDays(T, power.slice(0, -3), allKeys));
    expect(e.state(noon(T)).stage).toBe('power');
    const fresh = createEngine({ config: CONFIG, timeZone: 'UTC' });
    fresh.load(onDays(T, power.slice(0, -3), allKeys));
    expect(fresh.state(noon(T)).stage).toBe('engaged');
  });

  it('recomputes on a config change and keeps the old config when the new one is bad', () => {
    const e = createEngine({ config: CONFIG, timeZone: 'UTC' });
    e.load([roll(T, {}, 6)]);
    expect(e.state(noon(T)).qualifiedDays).toEqual([T]);
    const stricter: HabitualConfig = { ...CONFIG, engagement: { activeMinutes: 10 } };
    e.setConfig(stricter);
    expect(e.state(noon(T)).qualifiedDays).toEqual([]);
    expect(() => e.setConfig({ engagement: { activeMinutes: -1 } })).toThrow(/engagement\.activeMinutes/);
    expect(e.state(noon(T)).qualifiedDays).toEqual([]);
  });

  it('sums records of two devices for the same day on load, without touching them', () => {
    const a = roll(T, { 'invoice.sent': 1 });
    const b = roll(T, { 'invoice.sent': 2 });
    const e = createEngine({ config: CONFIG, timeZone: 'UTC' });
    e.load([a, b]);
    e.add(T, 'invoice.sent', 0, noon(T));
    expect(e.state(noon(T)).totals['invoice.sent'].n).toBe(4);
    expect(a.features['invoice.sent'].n).toBe(1);
  });
});
