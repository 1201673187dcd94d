import { expect, it } from 'vitest';
import { memoryKV } from './kv';
import { prune } from './days';
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
