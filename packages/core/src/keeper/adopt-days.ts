import type { DayDelta, DayRollup, FeaturePolicy } from '../rollup/day-rollup';
import { loadDays } from '../store/days';
import type { Store } from '../store/store';
import type { HabitualError } from '../types';

const asDelta = (r: DayRollup): DayDelta => ({ day: r.day, tz: r.tz, activeMs: r.activeMs, features: r.features, firsts: r.firsts });

/** FNV-1a: a short, stable id for a list of day revisions. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Moves every day of `from` into `to` (an anonymous visitor who signs in, pending consent
 * that becomes granted), then empties `from`. Never into itself (its days would double, then
 * be cleared).
 */
export async function adoptDays(from: Store, to: Store, policy: FeaturePolicy, report: (e: HabitualError) => void) {
  if (from === to || (from.name && from.name === to.name)) return;
  const days = await loadDays(from, report);
  // The same days adopted twice (two tabs signing in, a page gone before the clear) carry
  // the same id, so the store takes them once.
  const id = `adopt:${hash(days.map((d) => `${d.day}@${d.rev}`).join())}`;
  if (days.length) await to.mergeDays(days.map(asDelta), policy, id);
  await from.clear();
}
