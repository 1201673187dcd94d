import type { ResolvedEngagement } from '../config/resolve-config';
import type { Stage } from './types';

export interface StageInput {
  todayIdx: number;
  /** First day with any record, or null without data. */
  firstIdx: number | null;
  /** First and last qualified day (last may be today). */
  firstQIdx: number | null;
  lastQIdx: number | null;
  /** Qualified day indices, ascending, including today's when it qualified. Only the tail is read. */
  qualified: ArrayLike<number>;
  l7: number;
  l28: number;
  breadth: number;
  /** Breadth can be judged at all (key features are configured). */
  hasKeys: boolean;
  momentum: number | null;
  /** Activation complete (or nothing to activate). */
  activated: boolean;
  /** Last day of activation progress (first day when none yet). */
  lastProgressIdx: number;
  /** Was engaged (activated and L28 at the engaged bar) on some day so far. */
  everEngaged: boolean;
  prev?: Stage;
}

/** How the latest comeback looks: the gap before it, when it happened within `returnDays`. */
function lastReturnGap(q: ArrayLike<number>, todayIdx: number, e: ResolvedEngagement): number | null {
  for (let i = q.length - 1; i > 0 && q[i] > todayIdx - e.returnDays; i--) {
    const gap = q[i] - q[i - 1];
    if (gap >= e.atRiskDays) return gap;
  }
  return null;
}

/**
 * The lifecycle stage, in priority order: away (dormant, at risk), back (resurrected;
 * reactivated once activated), sliding (at risk on momentum), then power, engaged, new,
 * activating and stuck. Power has hysteresis: once power, a user stays power until L28
 * drops below `power.leaveBelowL28`, so a single quiet day does not flip the badge.
 */
export function stageOf(s: StageInput, e: ResolvedEngagement): Stage {
  if (s.firstIdx === null) return 'new';
  const absent = s.todayIdx - (s.lastQIdx ?? s.firstIdx);
  if (absent >= e.dormantDays) return 'dormant';
  const wasEngaged = s.everEngaged || s.prev === 'engaged' || s.prev === 'power' || s.prev === 'at_risk';
  if (wasEngaged && absent >= e.atRiskDays) return 'at_risk';
  const gap = lastReturnGap(s.qualified, s.todayIdx, e);
  if (gap !== null && gap >= e.dormantDays) return 'resurrected';
  // Someone still onboarding who takes a week off is still onboarding: stuck or
  // activating says more about what they need than "reactivated".
  if (gap !== null && s.activated) return 'reactivated';
  if (wasEngaged && s.momentum !== null && s.momentum < e.momentum.atRiskBelow) return 'at_risk';
  const p = e.power;
  const powerNow = s.l7 >= p.l7 && s.l28 >= p.l28 && (!s.hasKeys || s.breadth >= p.breadth);
  if (powerNow || (s.prev === 'power' && s.l28 >= p.leaveBelowL28)) return 'power';
  if (s.activated && s.l28 >= e.engagedL28) return 'engaged';
  if (s.todayIdx - (s.firstQIdx ?? s.firstIdx) < e.newDays) return 'new';
  // Activated but not yet at the engaged bar: still forming the habit.
  if (s.activated) return 'activating';
  const sinceProgress = s.todayIdx - s.lastProgressIdx;
  if (sinceProgress >= e.stuckDays || s.todayIdx - s.firstIdx >= e.onboardingDays) return 'stuck';
  return 'activating';
}
