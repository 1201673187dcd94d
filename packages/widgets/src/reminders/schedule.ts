import { addDays, dayIndex, localParts, weekdayOf } from '@habitual/core';
import { minutes } from '../host/day-time';

export interface Reminder {
  id: string;
  /** Weekdays it repeats on, 0 = Monday (core's calendar). */
  days: number[];
  /** Local time `HH:MM`. */
  time: string;
  note?: string;
  /** Epoch ms it was created (or edited): earlier occurrences never fire. */
  created: number;
  /** Epoch ms of the occurrence last shown. */
  last?: number;
  /** Epoch ms a snoozed reminder comes back. */
  snoozed?: number;
}

export interface RemindersState {
  /** 2 since weekdays count from Monday; saved state without it counted from Sunday. */
  v?: 2;
  list: Reminder[];
  /** Epoch ms of every show in the last week, across tabs: the weekly cap counts these. */
  shown: number[];
}

const WEEK = 7 * 864e5;
/** An occurrence missed by more than this (the app was closed) is skipped, not shown late. */
const STALE = 12 * 36e5;

/** Saved state as this version reads it: Sunday-based weekdays (before `v: 2`) move to Monday = 0. */
export const upgrade = (s: RemindersState): RemindersState =>
  s.v === 2 ? s : { v: 2, shown: s.shown ?? [], list: (s.list ?? []).map((r) => ({ ...r, days: r.days.map((d) => (d + 6) % 7) })) };

/** The instant local wall time `hhmm` on `day` happens in `tz` (the later one in a DST fold). */
export function instantOf(day: string, hhmm: string, tz: string): number {
  const wall = dayIndex(day) * 864e5 + minutes(hhmm) * 6e4;
  let at = wall;
  // Two corrections settle the zone offset, also across a DST change.
  for (let i = 0; i < 2; i++) {
    const p = localParts(at, tz);
    at += wall - (dayIndex(p.day) * 864e5 + (p.hour * 60 + p.minute) * 6e4 + p.second * 1e3);
  }
  return at;
}

/** The latest local occurrence at or before `now` in `tz`, in epoch ms. */
export function lastOccurrence(r: Reminder, now: number, tz: string): number | undefined {
  const today = localParts(now, tz).day;
  for (let i = 0; i < 8; i++) {
    const day = addDays(today, -i);
    const at = instantOf(day, r.time, tz);
    if (at <= now && r.days.includes(weekdayOf(dayIndex(day)))) return at;
  }
  return undefined;
}

/** `now` falls inside `[start, end)` local time in `tz`, which may wrap midnight ('20:00'-'08:00'). */
export function isQuiet(now: number, tz: string, quiet?: [string, string]): boolean {
  if (!quiet) return false;
  const p = localParts(now, tz);
  const m = p.hour * 60 + p.minute;
  const [start, end] = quiet.map(minutes);
  return start <= end ? m >= start && m < end : m >= start || m < end;
}

/** The reminder to show now with its occurrence, or none when quiet or over the weekly cap. */
export function dueReminder(
  s: RemindersState,
  now: number,
  tz: string,
  rules: { maxPerWeek?: number; quietHours?: [string, string] } = {},
): { reminder: Reminder; at: number } | undefined {
  if (isQuiet(now, tz, rules.quietHours)) return undefined;
  if (s.shown.filter((at) => at > now - WEEK).length >= (rules.maxPerWeek ?? Infinity)) return undefined;
  for (const reminder of s.list) {
    if (reminder.snoozed) {
      if (now >= reminder.snoozed) return { reminder, at: reminder.snoozed };
      continue;
    }
    const at = lastOccurrence(reminder, now, tz);
    if (at !== undefined && at > Math.max(reminder.created, reminder.last ?? 0, now - STALE)) return { reminder, at };
  }
  return undefined;
}

/** State after showing `reminder` for its occurrence `at`. */
export const markShown = (s: RemindersState, id: string, at: number, now: number): RemindersState => ({
  v: 2,
  list: s.list.map((r) => (r.id === id ? { ...r, last: at, snoozed: undefined } : r)),
  shown: [...s.shown.filter((t) => t > now - WEEK), now],
});
