import { addDays, dayIndex, localParts, weekdayOf } from '@habitual/core';
import type { WidgetHost } from '@habitual/core';

/** `'HH:MM'` as minutes after midnight. */
export const minutes = (hhmm: string): number => +hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5);

/** Local wall time now, by the instance's clock and time zone: the day key and minutes after midnight. */
export function wallTime(host: WidgetHost, at = host.now()): { day: string; minutes: number; seconds: number } {
  const p = localParts(at, host.timeZone());
  return { day: p.day, minutes: p.hour * 60 + p.minute, seconds: p.second };
}

/** The Monday that starts the week of `key` (core's calendar: Monday = 0). */
export const weekStart = (key: string): string => addDays(key, -weekdayOf(dayIndex(key)));
