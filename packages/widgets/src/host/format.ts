import { dayIndex } from '@habitual/core';
import { minutes } from './day-time';

// The one place that formats numbers, dates and times (Intl), so every widget reads the same.

export interface Format {
  num(n: number, options?: Intl.NumberFormatOptions): string;
  /** A local day key as a date. */
  day(key: string, options?: Intl.DateTimeFormatOptions): string;
  /** Weekday name, 0 = Monday (core's calendar). */
  weekday(dow: number): string;
  /** `'HH:MM'` in the locale's clock. */
  time(hhmm: string): string;
}

// A day key and wall time as a Date read in UTC: formatting never shifts it by a zone.
const at = (key: string, hhmm = '12:00') => new Date(dayIndex(key) * 864e5 + minutes(hhmm) * 6e4);

export function createFormat(locale: string): Format {
  const dt = (options: Intl.DateTimeFormatOptions, date: Date) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
  return {
    num: (n, options) => new Intl.NumberFormat(locale, options).format(n),
    day: (key, options = { dateStyle: 'medium' }) => dt(options, at(key)),
    // 2024-01-01 was a Monday.
    weekday: (dow) => dt({ weekday: 'long' }, at(`2024-01-0${1 + dow}`)),
    time: (hhmm) => dt({ hour: 'numeric', minute: '2-digit' }, at('2024-01-01', hhmm)),
  };
}
