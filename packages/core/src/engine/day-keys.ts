/**
 * Calendar arithmetic on local day keys (`YYYY-MM-DD`). A key is a calendar date, not an
 * instant: days are counted on the proleptic Gregorian calendar, so a 23 h or 25 h DST day
 * is still one day and no epoch-ms division ever crosses a local midnight.
 */
import { localDay } from '../clock/day-clock';
import type { StreakPeriod } from '../config/vocabulary';

const ZERO = 48;

/** Days since 1970-01-01 of a `YYYY-MM-DD` key (NaN when it is not one). */
export function dayIndex(key: string): number {
  if (key.length !== 10) return NaN;
  const c = (i: number) => key.charCodeAt(i) - ZERO;
  const y = c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3);
  const m = c(5) * 10 + c(6);
  const d = c(8) * 10 + c(9);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31) || !(y >= 0)) return NaN;
  return daysFromCivil(y, m, d);
}

/** The `YYYY-MM-DD` key of a day index. */
export function dayKey(index: number): string {
  const [y, m, d] = civilFromDays(index);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Shift a day key by whole calendar days. */
export function addDays(key: string, days: number): string {
  return dayKey(dayIndex(key) + days);
}

// Howard Hinnant's days_from_civil / civil_from_days: integer maths, no Date objects.
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Day of the week of a day index: 0 Monday ... 6 Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(index: number): number {
  return (((index + 3) % 7) + 7) % 7;
}

/** Monday-based week number of a day index. */
export function weekIndex(index: number): number {
  return Math.floor((index + 3) / 7);
}

/**
 * The streak period a day belongs to, as a consecutive integer: the day itself, the
 * weekday ordinal (null on Saturday and Sunday, which neither break nor count) or the week.
 */
export function periodOf(index: number, period: StreakPeriod): number | null {
  if (period === 'day') return index;
  if (period === 'week') return weekIndex(index);
  const dow = weekdayOf(index);
  return dow >= 5 ? null : weekIndex(index) * 5 + dow;
}

/** The local calendar day of an instant in an IANA time zone (the clock's, one formatter per zone). */
export function todayKey(now: number, timeZone: string): string {
  try {
    return localDay(now, timeZone);
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}": pass an IANA zone such as "Europe/Helsinki".`);
  }
}
