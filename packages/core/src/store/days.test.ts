import { expect, it, vi } from 'vitest';
import { memoryKV } from './kv';
import { loadDays } from './days';
import { createStore } from './store';

it('loadDays with a window prunes from what it read: days before it, journal markers after a week, set-aside records after a month', async () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  const day = 86_400_000;
  const map = new Map<string, unknown>();
  const store = createStore(
    memoryKV(map),
    () => {},
    undefined,
    () => now,
  );
  const delta = (d: string) => ({ day: d, tz: 'UTC', activeMs: 0, features: { 'invoice.sent': { n: 1, value: 0 } }, firsts: {} });
  await store.mergeDays([delta('2025-10-01'), delta('2025-10-25')]);
  map.set('applied:tab1-1', now - 8 * day);
  map.set('applied:tab1-2', now - 1 * day);
  map.set(`quarantine:day:2025-01-01:${now - 31 * day}`, {});
  map.set(`quarantine:day:2025-01-02:${now - 2 * day}`, {});
  await loadDays(store, () => {}, '2025-10-25');
  expect([...map.keys()].sort()).toEqual(['applied:tab1-2', 'day:2025-10-25', 'names', `quarantine:day:2025-01-02:${now - 2 * day}`, 'unsynced']);
  // The unsynced list goes with the days it speaks of.
  expect(map.get('unsynced')).toEqual({ '2025-10-25': 1 });
  // Nothing old: nothing is written.
  const writes = vi.spyOn(store, 'delMany');
  expect((await loadDays(store, () => {}, '2025-10-25')).map((d) => d.day)).toEqual(['2025-10-25']);
  expect(writes).not.toHaveBeenCalled();
});

it('loadDays gives a store from before the unsynced list one (every day, once), and leaves an existing list alone', async () => {
  const store = createStore(memoryKV(), () => {});
  const delta = (day: string) => ({ day, tz: 'UTC', activeMs: 0, features: { 'invoice.sent': { n: 1, value: 0 } }, firsts: {} });
  await store.mergeDays([delta('2026-11-01'), delta('2026-11-02')]);
  await store.delMany(['unsynced']); // as a store written before the list existed
  expect((await loadDays(store, () => {})).map((d) => d.day)).toEqual(['2026-11-01', '2026-11-02']);
  expect(await store.get('unsynced')).toEqual({ '2026-11-01': 1, '2026-11-02': 1 });
  await store.set('unsynced', { '2026-11-02': 1 });
  await loadDays(store, () => {});
  expect(await store.get('unsynced')).toEqual({ '2026-11-02': 1 });
});
