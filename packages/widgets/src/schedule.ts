import { minutes } from './days';

export interface Reminder {
  id: string;
  /** Weekdays it repeats on, 0 = Sunday. */
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
  list: Reminder[];
  /** Epoch ms of every show in the last week, across tabs: the weekly cap counts these. */
  shown: number[];
}

const WEEK = 7 * 864e5;
/** An occurrence missed by more than this (the app was closed) is skipped, not shown late. */
const STALE = 12 * 36e5;

/** The latest local occurrence at or before `now`, in epoch ms. */
export function lastOccurrence(r: Reminder, now: number): number | undefined {
  const d = new Date(now);
  for (let i = 0; i < 8; i++) {
    const at = new Date(d.getFullYear(), d.getMonth(), d.getDate() - i, +r.time.slice(0, 2), +r.time.slice(3, 5));
    if (+at <= now && r.days.includes(at.getDay())) return +at;
  }
  return undefined;
}

/** `now` falls inside `[start, end)`, which may wrap midnight ('20:00'-'08:00'). */
export function isQuiet(now: number, quiet?: [string, string]): boolean {
  if (!quiet) return false;
  const d = new Date(now);
  const m = d.getHours() * 60 + d.getMinutes();
  const [start, end] = quiet.map(minutes);
  return start <= end ? m >= start && m < end : m >= start || m < end;
}

/** The reminder to show now with its occurrence, or none when quiet or over the weekly cap. */
export function dueReminder(
  s: RemindersState,
  now: number,
  rules: { maxPerWeek?: number; quietHours?: [string, string] } = {},
): { reminder: Reminder; at: number } | undefined {
  if (isQuiet(now, rules.quietHours)) return undefined;
  if (s.shown.filter((at) => at > now - WEEK).length >= (rules.maxPerWeek ?? Infinity)) return undefined;
  for (const reminder of s.list) {
    if (reminder.snoozed) {
      if (now >= reminder.snoozed) return { reminder, at: reminder.snoozed };
      continue;
    }
    const at = lastOccurrence(reminder, now);
    if (at !== undefined && at > Math.max(reminder.created, reminder.last ?? 0, now - STALE)) return { reminder, at };
  }
  return undefined;
}

/** State after showing `reminder` for its occurrence `at`. */
export const markShown = (s: RemindersState, id: string, at: number, now: number): RemindersState => ({
  list: s.list.map((r) => (r.id === id ? { ...r, last: at, snoozed: undefined } : r)),
  shown: [...s.shown.filter((t) => t > now - WEEK), now],
});
