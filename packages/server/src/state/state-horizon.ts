import { localParts, resolveConfig, type HabitualConfig } from '@habitual/core';

/**
 * Days after a user's last stored day beyond which silence can no longer change their kept
 * state: the longest window the engine reads (momentum's baseline, L28, the trend's 28 days,
 * the dormant, onboarding, new, return and stuck thresholds, funnel windows), plus one.
 */
export function stateHorizonDays(config: HabitualConfig): number {
  const rc = resolveConfig(config);
  const e = rc.engagement;
  const funnels = rc.funnels.map((f) => f.withinDays);
  return Math.max(28, e.momentum.baselineDays, e.dormantDays, e.onboardingDays, e.newDays, e.atRiskDays, e.returnDays, e.stuckDays, ...funnels) + 1;
}

/** The first instant of the next local day in `tz` after `now` (a DST day may make it up to an hour late). */
export function nextLocalMidnight(now: number, tz: string): number {
  const p = localParts(now, tz);
  const intoDay = ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + (now % 1000);
  let at = now - intoDay + 86_400_000;
  // A 25-hour day: 24 hours on is still today.
  while (localParts(at, tz).day === p.day) at += 3_600_000;
  return at;
}
