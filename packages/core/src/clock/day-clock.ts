/** A local calendar day and the IANA zone it was read in. */
export interface LocalDay {
  day: string;
  tz: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building an Intl.DateTimeFormat costs far more than using one, so keep one per zone.
// The one place local dates are read, for the tracker's day keys and the engine's "today".
export function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/**
 * Wall-clock parts of `at` in `tz`. The formatter's en-US text (`MM/DD/YYYY, HH:MM:SS`, Latin
 * digits, 24 hours) read by position: `formatToParts` took three times as long.
 */
export function localParts(at: number, tz: string): { day: string; hour: number; minute: number; second: number } {
  const [month, day, year, hour, minute, second] = formatter(tz).format(at).split(/\D+/);
  return { day: `${year.padStart(4, '0')}-${month}-${day}`, hour: +hour, minute: +minute, second: +second };
}

/**
 * `make(at, tz)`, remembered by instant and zone (up to 1,024 answers, then all forgotten at
 * once): the collector's refresher asks the same local facts of every user it computes at one
 * pass's instant, in a few zones, and ICU's formatting was a fifth of its engine time.
 */
export function byInstantAndZone<T>(make: (at: number, tz: string) => T): (at: number, tz: string) => T {
  const answers = new Map<string, T>();
  return (at, tz) => {
    const key = `${at}|${tz}`;
    if (!answers.has(key)) {
      if (answers.size >= 1024) answers.clear();
      answers.set(key, make(at, tz));
    }
    return answers.get(key) as T;
  };
}

/** The local calendar date `YYYY-MM-DD` of `at` in `tz` (remembered, `byInstantAndZone`). */
export const localDay = byInstantAndZone((at, tz) => localParts(at, tz).day);

/**
 * The system's IANA zone. Temporal answers in microseconds where it exists; the first
 * `Intl.DateTimeFormat` of a page costs Chromium 25-115 ms of ICU set-up (measured, shared
 * machine), paid by the first `track()` of every page that has no Temporal.
 */
export function systemTimeZone(): string {
  try {
    return (
      (globalThis as { Temporal?: { Now: { timeZoneId(): string } } }).Temporal?.Now.timeZoneId() || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
    );
  } catch {
    return 'UTC';
  }
}

const QUARTER_HOUR = 15 * 60_000;

/**
 * Day keys for the hot path. Formatting a date costs microseconds, so the answer is kept
 * until the next quarter hour of wall time: every midnight and every DST transition in the
 * IANA database falls on a quarter hour, so no event is ever given the wrong day. Travel
 * (a new zone) is noticed at the next refresh; days already recorded keep their key.
 *
 * In the system's own zone (the default) the day comes from `Date`'s local fields and the
 * zone's name is read only when something asks for `tz` (the first recorded use): the
 * first `Intl.DateTimeFormat` of a page costs Chromium 20–40 ms of ICU set-up, which a page
 * that records nothing (and the keeper's start) should not pay.
 */
export function createDayClock(timeZone: () => string = systemTimeZone): (at: number) => LocalDay {
  let current: LocalDay = { day: '', tz: '' };
  let from = Infinity;
  let until = -Infinity;
  return (at) => {
    if (at >= from && at < until) return current;
    const tz = timeZone === systemTimeZone ? '' : timeZone();
    const d = new Date(at);
    // The system zone's wall clock is Date's own: the local date is the UTC date of the shifted instant.
    const p = tz
      ? localParts(at, tz)
      : { day: new Date(at - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10), minute: d.getMinutes(), second: d.getSeconds() };
    const intoQuarter = ((p.minute % 15) * 60 + p.second) * 1000 + (((at % 1000) + 1000) % 1000);
    from = at - intoQuarter;
    until = from + QUARTER_HOUR;
    // The system zone's name is read again (when asked for) after each refresh: travel shows.
    if (!tz) current = zoneWhenAsked(p.day);
    else if (p.day !== current.day || tz !== current.tz) current = { day: p.day, tz };
    return current;
  };
}

/** A day in the system zone whose `tz` is read when first asked for. */
function zoneWhenAsked(day: string): LocalDay {
  let tz: string | undefined;
  return {
    day,
    get tz() {
      return (tz ??= systemTimeZone());
    },
  };
}
