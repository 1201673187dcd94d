// The one place that formats numbers, dates and times (Intl), so every widget reads the same.

export interface Format {
  num(n: number, options?: Intl.NumberFormatOptions): string;
  /** A local day key as a date. */
  day(key: string, options?: Intl.DateTimeFormatOptions): string;
  /** Weekday name, 0 = Sunday. */
  weekday(dow: number): string;
  /** `'HH:MM'` in the locale's clock. */
  time(hhmm: string): string;
}

const at = (key: string, hhmm = '12:00') => new Date(+key.slice(0, 4), +key.slice(5, 7) - 1, +key.slice(8, 10), +hhmm.slice(0, 2), +hhmm.slice(3, 5));

export function createFormat(locale: string): Format {
  const dt = (options: Intl.DateTimeFormatOptions, date: Date) => new Intl.DateTimeFormat(locale, options).format(date);
  return {
    num: (n, options) => new Intl.NumberFormat(locale, options).format(n),
    day: (key, options = { dateStyle: 'medium' }) => dt(options, at(key)),
    // 2024-01-07 was a Sunday.
    weekday: (dow) => dt({ weekday: 'long' }, at(`2024-01-${String(7 + dow).padStart(2, '0')}`)),
    time: (hhmm) => dt({ hour: 'numeric', minute: '2-digit' }, at('2024-01-01', hhmm)),
  };
}
