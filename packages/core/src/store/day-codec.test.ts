import { describe, expect, it } from 'vitest';
import type { DayRollup } from '../rollup/day-rollup';
import { createNames } from './day-codec';
import { memoryKV } from './kv';
import { readDays } from './days';
import { createStore, NAMES_KEY } from './store';
import type { HabitualError } from '../types';

const day = (d: string, features: DayRollup['features'], firsts: DayRollup['firsts'] = {}): DayRollup => ({
  v: 1,
  day: d,
  tz: 'Europe/Helsinki',
  rev: 3,
  activeMs: 120_000,
  features,
  firsts,
});
const delta = (d: string, n: number) => ({ day: d, tz: 'UTC', activeMs: 0, features: { 'invoice.sent': { n, value: n } }, firsts: {} });

describe('day codec', () => {
  it('round-trips a day through the names list', () => {
    const names = createNames(undefined);
    const a = day('2026-11-24', { 'invoice.sent': { n: 3, value: 7.5 }, other: { n: 1, value: 0 } }, { 'import.opened': 1_700_000_000_000 });
    const stored = names.encode(a);
    expect(stored).toEqual({ v: 2, d: '2026-11-24', z: 'Europe/Helsinki', r: 3, a: 120_000, f: [0, 3, 7.5, 1, 1, 0], t: [2, 1_700_000_000_000] });
    expect(names.names).toEqual(['invoice.sent', 'other', 'import.opened']);
    expect(createNames(names.names).decode(stored)).toEqual(a);
  });

  it('names are stored once, not in every day', () => {
    const names = createNames(undefined);
    for (let i = 1; i <= 28; i++) names.encode(day(`2026-11-${String(i).padStart(2, '0')}`, { 'invoice.sent': { n: i, value: i } }));
    expect(names.names).toEqual(['invoice.sent']);
    const again = createNames(names.names);
    again.encode(day('2026-12-01', { 'invoice.sent': { n: 1, value: 1 } }));
    expect(again.grew()).toBe(false);
  });

  it('reads v1 records as they are and refuses what it cannot read', () => {
    const names = createNames(['a.b']);
    const v1 = day('2026-11-20', { 'x.y': { n: 1, value: 0 } });
    expect(names.decode(v1)).toBe(v1);
    expect(names.decode({ v: 2, d: '2026-11-20', z: 'UTC', r: 1, a: 0, f: [5, 1, 0], t: [] })).toBeUndefined();
    expect(names.decode({ v: 2, d: '2026-11-20', z: 'UTC', r: 1, a: 0, f: [0, 1], t: [] })).toBeUndefined();
    expect(names.decode('garbage')).toBeUndefined();
  });
});

describe('store merges on the encoded days', () => {
  it('adds to v1 and v2 days alike and keeps one names list', async () => {
    const map = new Map<string, unknown>([['day:2026-11-20', day('2026-11-20', { 'invoice.sent': { n: 2, value: 2 } })]]);
    const store = createStore(memoryKV(map), () => {});
    await store.mergeDays([delta('2026-11-20', 1), delta('2026-11-21', 4)]);
    await store.mergeDays([delta('2026-11-21', 1)]);
    const days = await readDays(store, () => {});
    expect(days.map((d) => [d.day, d.features['invoice.sent'].n, d.rev])).toEqual([
      ['2026-11-20', 3, 4],
      ['2026-11-21', 5, 2],
    ]);
    expect(map.get(NAMES_KEY)).toEqual(['invoice.sent']);
    expect((map.get('day:2026-11-21') as { v: number }).v).toBe(2);
  });

  it('an unreadable stored day is set aside by the merge, never overwritten', async () => {
    const broken = { v: 2, d: '2026-11-20', z: 'UTC', r: 1, a: 0, f: [9, 1, 0], t: [] };
    const map = new Map<string, unknown>([['day:2026-11-20', broken]]);
    const errors: HabitualError[] = [];
    const store = createStore(memoryKV(map), (e) => errors.push(e));
    await store.mergeDays([delta('2026-11-20', 1)]);
    const aside = [...map].filter(([k]) => k.startsWith('quarantine:day:2026-11-20'));
    expect(aside).toHaveLength(1);
    expect(aside[0][1]).toMatchObject({ value: broken, reason: 'unreadable' });
    expect((await readDays(store, (e) => errors.push(e)))[0].features['invoice.sent'].n).toBe(1);
  });
});
