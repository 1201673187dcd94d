import type { HabitualConfig } from '../config/types';
import { createEngine } from '../engine/create-engine';
import { dayIndex, dayKey } from '../engine/day-keys';
import type { EngagementState } from '../engine/types';
import type { DayRollup } from '../rollup/day-rollup';

/** Days an experiment's outcomes are measured over, from the day a user entered their arm. */
export const OUTCOME_DAYS = 28;

/** What an experiment measures of one user over the OUTCOME_DAYS from their first day in it. */
export interface UserOutcome {
  /** Qualified days in the window (0-28). */
  qualifiedDays: number;
  /** Still active at its end: a qualified day in its last 7 days. */
  activeAtEnd: boolean;
  /** Activation complete by its end. */
  activated: boolean;
  /** Stage `at_risk` or `dormant` on any day of it. */
  reachedAtRisk: boolean;
}

/**
 * One user's outcomes from their merged day rollups (one per local day, any order), with the
 * engine the device runs, day by day through the window as the user lived it (no day after
 * the one being judged is seen). Windows that have not ended yet are the caller's to leave out.
 */
export function userOutcome(days: readonly DayRollup[], firstDay: string, config: HabitualConfig): UserOutcome {
  const start = dayIndex(firstDay);
  const end = start + OUTCOME_DAYS - 1;
  const engine = createEngine({ config, timeZone: 'UTC' });
  engine.load(days.filter((d) => dayIndex(d.day) < start));
  const later = new Map(days.filter((d) => dayIndex(d.day) >= start).map((d) => [dayIndex(d.day), d]));
  let risk = false;
  let s: EngagementState | undefined;
  for (let i = start; i <= end; i++) {
    const d = later.get(i);
    if (d) engine.merge(d);
    // Noon UTC of the local day: in UTC, "today" is that day.
    s = engine.state(i * 86_400_000 + 43_200_000);
    if (s.stage === 'at_risk' || s.stage === 'dormant') risk = true;
  }
  const last = dayKey(end);
  return {
    qualifiedDays: s!.qualifiedDays.filter((k) => k >= firstDay && k <= last).length,
    activeAtEnd: s!.l7 > 0,
    activated: s!.activation.complete,
    reachedAtRisk: risk,
  };
}
