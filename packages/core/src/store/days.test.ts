import { expect, it } from 'vitest';
import { memoryKV } from './kv';
import { loadDays, prune } from './days';
import { createStore } from './store';

it('prune: days before the window, journal markers after a week, set-aside records after a month', async () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  const day = 86_400_000;
  const map = new Map<string, unknown>([
    ['day:2025-10-01', {}],
    ['day:2025-10-25', {}],
    ['applied:tab1-1', now - 8 * day],
    ['applied:tab1-2', now - 1 * day],
    [`quarantine:day:2025-01-01:${now - 31 * day}`, {}],
    [`quarantine:day:2025-01-02:${now - 2 * day}`, {}],
    ['profile', {}],
    ['names', ['invoice.sent']],
    ['unsynced', { '2025-10-01': 3, '2025-10-25': 1 }],
  ]);
  const gone = await prune(
    createStore(
      memoryKV(map),
      () => {},
      undefined,
      () => now,
    ),
    '2025-10-25',
  );
  expect(gone).toBe(3);
  expect([...map.keys()]).toEqual(['day:2025-10-25', 'applied:tab1-2', `quarantine:day:2025-01-02:${now - 2 * day}`, 'profile', 'names', 'unsynced', 'pruned']);
  // The unsynced list goes with the days it speaks of.
  expect(map.get('unsynced')).toEqual({ '2025-10-25': 1 });
  // Pruned up to that day already: the next page load of the day reads one key, not the store.
  map.set('day:2025-10-02', {});
  expect(
    await prune(
      createStore(
        memoryKV(map),
        () => {},
        undefined,
        () => now,
      ),
      '2025-10-25',
    ),
  ).toBe(0);
  expect(map.has('day:2025-10-02')).toBe(true);
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
