import { addDays, dayIndex, todayKey } from '@habitual/core';
import { fail } from '../http/fail';
import { realDay } from '../summaries/real-day';

/** Longest range one report may cover: the cost of a report is bounded by it. */
const MAX_RANGE_DAYS = 400;

/**
 * `from` and `to` (`YYYY-MM-DD`, both included) of a report's query string; by default the
 * 28 days ending today (UTC). Answers 400 naming the parameter.
 */
export function parseDayRange(get: (name: string) => string | undefined, now: number): { from: string; to: string } {
  const day = (name: 'from' | 'to', fallback: string) => {
    const text = get(name);
    if (text === undefined) return fallback;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !realDay(text)) fail(400, `${name} must be a calendar date YYYY-MM-DD; got "${text.slice(0, 40)}".`);
    return text;
  };
  const to = day('to', todayKey(now, 'UTC'));
  const from = day('from', addDays(to, -27));
  const span = dayIndex(to) - dayIndex(from) + 1;
  if (span < 1) fail(400, `from (${from}) must not be after to (${to}).`);
  if (span > MAX_RANGE_DAYS) fail(400, `from..to covers ${span} days; ask for at most ${MAX_RANGE_DAYS} at a time.`);
  return { from, to };
}
