import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDayClock, localDay, systemTimeZone } from './day-clock';

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
