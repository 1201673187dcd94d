import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayIndex, dayKey, periodOf, todayKey, weekdayOf, weekIndex } from './day-keys';

describe('day keys', () => {
  it('round-trips every day key and agrees with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (i) => {
        const key = dayKey(i);
        expect(dayIndex(key)).toBe(i);
        expect(new Date(Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, +key.slice(8, 10))).toISOString().slice(0, 10)).toBe(key);
      }),
    );
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-10', 1, '2024-03-11'], // a 23 h day in New York is still one day
    ['2024-03-01', -1, '2024-02-29'],
  ])('%s %+i day -> %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
  });

  it('rejects what is not a day key', () => {
    expect(dayIndex('2024-13-01')).toBeNaN();
    expect(dayIndex('yesterday')).toBeNaN();
  });

  it.each([
    ['2024-06-17', 0],
    ['2024-06-19', 2],
    ['2024-06-22', 5],
    ['2024-06-23', 6],
    ['1970-01-01', 3],
  ])('%s is weekday %i (0 = Monday)', (key, dow) => {
    expect(weekdayOf(dayIndex(key))).toBe(dow);
  });

  it('weekday periods are consecutive across weekends; weekends have none', () => {
    const fri = dayIndex('2024-06-21');
    expect(periodOf(fri + 3, 'weekday')).toBe(periodOf(fri, 'weekday')! + 1);
    expect(periodOf(fri + 1, 'weekday')).toBeNull();
    expect(periodOf(fri + 2, 'weekday')).toBeNull();
    expect(weekIndex(fri + 2)).toBe(weekIndex(fri));
    expect(weekIndex(fri + 3)).toBe(weekIndex(fri) + 1);
  });

  it('todayKey is the local date in the zone, and names a bad zone', () => {
    const at = Date.UTC(2024, 5, 19, 23, 30);
    expect(todayKey(at, 'UTC')).toBe('2024-06-19');
    expect(todayKey(at, 'Asia/Tokyo')).toBe('2024-06-20');
    expect(todayKey(at, 'Pacific/Kiritimati')).toBe('2024-06-20');
    expect(todayKey(Date.UTC(2024, 5, 20, 9, 30), 'Pacific/Pago_Pago')).toBe('2024-06-19');
    expect(() => todayKey(at, 'Mars/Olympus')).toThrow(/Unknown time zone "Mars\/Olympus"/);
  });
});
