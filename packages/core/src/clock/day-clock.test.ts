import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDayClock, formatter, localDay, localParts, systemTimeZone } from './day-clock';

afterEach(() => vi.restoreAllMocks());

describe('createDayClock', () => {
  it("tells the day in the system zone without Intl, and reads the zone's name only when asked", () => {
    const Real = Intl.DateTimeFormat;
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    const dayOf = createDayClock();
    const at = Date.parse('2026-03-29T00:59:59Z');
    const local = dayOf(at);
    const d = new Date(at);
    expect(local.day).toBe(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
    expect(dayOf(at + 1000).day).toBe(local.day);
    // The first Intl.DateTimeFormat costs Chromium 20-40 ms: nothing made one so far.
    expect(made).not.toHaveBeenCalled();
    made.mockRestore();
    expect(local.tz).toBe(Real().resolvedOptions().timeZone || 'UTC');
    expect(local.day).toBe(localDay(at, local.tz));
  });

  it('agrees with localDay in the system zone across days, and a given zone formats as before', () => {
    const system = createDayClock();
    const helsinki = createDayClock(() => 'Europe/Helsinki');
    const start = Date.parse('2026-10-24T20:07:00Z');
    for (let at = start; at < start + 3 * 86_400_000; at += 7 * 60_000 + 13_000) {
      expect(system(at).day).toBe(localDay(at, systemTimeZone()));
      expect(helsinki(at)).toEqual({ day: localDay(at, 'Europe/Helsinki'), tz: 'Europe/Helsinki' });
    }
  });
});

describe('localParts', () => {
  // What the same formatter's parts say, read the way localParts read them before it read the text by position.
  const fromParts = (at: number, tz: string) => {
    const p: Record<string, string> = {};
    for (const { type, value } of formatter(tz).formatToParts(at)) p[type] = value;
    return { day: `${p.year.padStart(4, '0')}-${p.month}-${p.day}`, hour: +p.hour, minute: +p.minute, second: +p.second };
  };

  it("reads the same wall clock as the formatter's parts: odd offsets, DST both ways, midnight, years before 1000", () => {
    const zones = ['UTC', 'Europe/Helsinki', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Australia/Lord_Howe'];
    const instants = [
      Date.parse('2026-03-29T00:59:59Z'),
      Date.parse('2026-10-25T01:00:00Z'),
      Date.parse('2026-11-01T05:30:00Z'),
      Date.parse('2026-12-31T23:59:59Z'),
      Date.parse('2027-01-01T00:00:00Z'),
      Date.UTC(999, 5, 15, 12),
    ];
    for (const tz of zones) for (const at of instants) for (const d of [0, 1000, 3_600_000]) expect(localParts(at + d, tz)).toEqual(fromParts(at + d, tz));
    expect(localParts(Date.UTC(999, 5, 15, 12), 'UTC').day).toBe('0999-06-15');
  });

  it('gives a remembered day again for the same instant and zone, and throws on an unknown zone each time', () => {
    const at = Date.parse('2026-03-29T00:59:59Z');
    expect(localDay(at, 'Europe/Helsinki')).toBe('2026-03-29');
    expect(localDay(at, 'America/New_York')).toBe('2026-03-28');
    expect(localDay(at, 'Europe/Helsinki')).toBe('2026-03-29');
    expect(() => localDay(at, 'Not/AZone')).toThrow(RangeError);
    expect(() => localDay(at, 'Not/AZone')).toThrow(RangeError);
  });
});

describe('systemTimeZone', () => {
  it('asks Temporal where there is one (no Intl.DateTimeFormat made), Intl otherwise', () => {
    const g = globalThis as { Temporal?: unknown };
    const real = g.Temporal;
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      g.Temporal = { Now: { timeZoneId: () => 'Pacific/Chatham' } };
      expect(systemTimeZone()).toBe('Pacific/Chatham');
      expect(made).not.toHaveBeenCalled();
      g.Temporal = undefined;
      made.mockRestore();
      expect(systemTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
    } finally {
      g.Temporal = real;
    }
  });
});
