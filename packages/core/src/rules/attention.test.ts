import { describe, expect, it } from 'vitest';
import { ATTENTION_DEFAULTS, budgetOf, emptyAttention, mayShow, mergeAttention, recordMark, recordShow, type AttentionRecord } from './attention';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 20, 9);
const budget = budgetOf(undefined);
const at = (over: Partial<Parameters<typeof mayShow>[3]> = {}) => ({ now: T0, today: '2026-03-20', firstDay: '2026-03-01', onScreen: 0, ...over });
const shown = (...keys: Array<[string, string, number]>): AttentionRecord => ({ marks: {}, shows: keys });

describe('the attention budget', () => {
  it('defaults: one at once, 3 a day, 8 a week, 10 minutes after a dismissal', () => {
    expect(budget).toEqual({ maxAtOnce: 1, perDay: 3, perWeek: 8, cooldownMinutes: 10 });
    expect(budgetOf({ perDay: 5 })).toEqual({ ...ATTENTION_DEFAULTS, perDay: 5 });
  });

  it('room on screen', () => {
    expect(mayShow(emptyAttention(), 'a', budget, at())).toBe(true);
    expect(mayShow(emptyAttention(), 'a', budget, at({ onScreen: 1 }))).toBe(false);
    expect(mayShow(emptyAttention(), 'a', { ...budget, maxAtOnce: 2 }, at({ onScreen: 1 }))).toBe(true);
  });

  it('per day; an item already shown today was paid for', () => {
    const rec = shown(['a', '2026-03-20', T0 - 3 * H], ['b', '2026-03-20', T0 - 2 * H], ['c', '2026-03-20', T0 - H]);
    expect(mayShow(rec, 'd', budget, at())).toBe(false);
    expect(mayShow(rec, 'b', budget, at())).toBe(true);
    expect(mayShow(rec, 'd', budget, at({ today: '2026-03-21', now: T0 + 24 * H }))).toBe(true);
  });

  it('per 7 days', () => {
    const rec = shown(...Array.from({ length: 8 }, (_, i): [string, string, number] => [`k${i}`, `2026-03-1${3 + (i % 6)}`, T0 - (i + 1) * 18 * H]));
    expect(mayShow(rec, 'x', budget, at())).toBe(false);
    expect(mayShow(rec, 'x', { ...budget, perWeek: 9 }, at())).toBe(true);
  });

  it('none within the cooldown after a dismissal', () => {
    const rec = recordMark(emptyAttention(), 'a', 'dismissed', T0 - 9 * 60_000);
    expect(rec.dismissedAt).toBe(T0 - 9 * 60_000);
    expect(mayShow(rec, 'b', budget, at())).toBe(false);
    expect(mayShow(rec, 'b', budget, at({ now: T0 + 61_000 }))).toBe(true);
    expect(recordMark(emptyAttention(), 'a', 'done', T0).dismissedAt).toBeUndefined();
  });

  it("on the user's first day, one interruption (besides the launcher)", () => {
    const first = at({ firstDay: '2026-03-20' });
    expect(mayShow(emptyAttention(), 'a', budget, first)).toBe(true);
    const rec = recordShow(emptyAttention(), 'a', '2026-03-20', T0);
    expect(mayShow(rec, 'b', budget, first)).toBe(false);
    expect(mayShow(rec, 'a', budget, first)).toBe(true);
    expect(mayShow(rec, 'b', budget, at({ firstDay: undefined }))).toBe(false);
  });

  it('records a show once per key and day, and the first seen', () => {
    let rec = recordShow(emptyAttention(), 'a', '2026-03-20', T0);
    rec = recordShow(rec, 'a', '2026-03-20', T0 + H);
    expect(rec.shows).toEqual([['a', '2026-03-20', T0]]);
    expect(rec.marks.a.seen).toBe(T0);
    rec = recordShow(rec, 'a', '2026-03-21', T0 + 24 * H);
    expect(rec.shows).toHaveLength(2);
    expect(rec.marks.a.seen).toBe(T0);
  });

  it('merges two records (two tabs, two devices): first seen, latest other marks, every show once', () => {
    const laptop = recordMark(recordShow(emptyAttention(), 'n', '2026-03-20', T0), 'n', 'dismissed', T0 + 1000);
    const desktop = recordShow(recordShow(emptyAttention(), 'n', '2026-03-20', T0 + 500), 'm', '2026-03-20', T0 + 600);
    const merged = mergeAttention(desktop, laptop, T0 + H);
    expect(merged.marks.n).toEqual({ seen: T0, dismissed: T0 + 1000 });
    expect(merged.shows).toEqual([
      ['n', '2026-03-20', T0],
      ['m', '2026-03-20', T0 + 600],
    ]);
    expect(merged.dismissedAt).toBe(T0 + 1000);
    expect(mergeAttention(merged, emptyAttention(), T0 + 9 * 24 * H).shows).toEqual([]);
  });
});
