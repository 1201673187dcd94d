import type { StreakState } from './types';
import type { StreakPeriod } from '../config/vocabulary';
import { periodOf, weekIndex } from './day-keys';

/** Running streak over qualified periods, folded in ascending order. */
export interface StreakAcc {
  current: number;
  longest: number;
  lifetime: number;
  freezes: number;
  freezesUsed: number;
  /** Periods qualified since the last freeze was earned (or the streak began). */
  sinceEarn: number;
  /** Last qualified period, or null before the first. */
  lastP: number | null;
}

export interface StreakRules {
  period: StreakPeriod;
  freezeEvery: number;
  maxFreezes: number;
}

export const newStreak = (): StreakAcc => ({ current: 0, longest: 0, lifetime: 0, freezes: 0, freezesUsed: 0, sinceEarn: 0, lastP: null });

/**
 * Spends freezes on `missed` periods; the streak survives only if every missed period
 * had one. Freezes spend themselves, so a long break still uses them up.
 */
function miss(s: StreakAcc, missed: number): void {
  if (missed <= 0) return;
  const spend = Math.min(missed, s.freezes);
  s.freezes -= spend;
  s.freezesUsed += spend;
  if (missed > spend) {
    s.current = 0;
    s.sinceEarn = 0;
  }
}

/** Folds one qualified day in; returns true when it opened a new qualified period. */
export function stepStreak(s: StreakAcc, dayIdx: number, rules: StreakRules): boolean {
  const p = periodOf(dayIdx, rules.period);
  // Weekend days under the weekday period neither count nor break.
  if (p === null || (s.lastP !== null && p <= s.lastP)) return false;
  if (s.lastP !== null) miss(s, p - s.lastP - 1);
  s.lastP = p;
  s.current += 1;
  s.lifetime += 1;
  s.sinceEarn += 1;
  if (s.sinceEarn >= rules.freezeEvery) {
    s.sinceEarn = 0;
    if (s.freezes < rules.maxFreezes) s.freezes += 1;
  }
  if (s.current > s.longest) s.longest = s.current;
  return true;
}

/**
 * The streak as of `todayIdx`. The current period is still open (grace: not doing it yet
 * today breaks nothing), so only periods that are over count as missed. On a weekend under
 * the weekday period, the open period is the coming Monday.
 */
export function streakState(acc: StreakAcc, todayIdx: number, rules: StreakRules): StreakState {
  const s = { ...acc };
  const p = periodOf(todayIdx, rules.period);
  const open = p ?? (weekIndex(todayIdx) + 1) * 5;
  if (s.lastP !== null) miss(s, open - s.lastP - 1);
  return {
    period: rules.period,
    current: s.current,
    longest: s.longest,
    lifetime: s.lifetime,
    freezes: s.freezes,
    freezesUsed: s.freezesUsed,
    todayDone: p !== null && s.lastP === p,
  };
}
