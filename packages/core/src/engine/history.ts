import type { ResolvedConfig } from '../config/resolve-config';
import type { FeatureCount } from '../rollup/day-rollup';
import type { EngineDay } from './engine-day';
import type { FeatureIndex } from './feature-index';
import { scanDay, type DayScan } from './qualified-days';
import { addRecentUnits, recentRows, RECENT_DAYS } from './value-summary';
import { newStreak, stepStreak, type StreakAcc } from './streak';
import { stepFunnel, type FunnelPending } from './stuck';
import { addUseRow, sumUses } from './recent-uses';

/**
 * Everything about the days before today that the state needs, folded once. Today's
 * counters change with every event; folding them onto this is O(features), so the engine
 * rebuilds a history only when the day rolls over, a past day changes or the config does.
 */
export interface History {
  todayIdx: number;
  firstIdx: number | null;
  firstKey?: string;
  firstQIdx: number | null;
  lastQIdx: number | null;
  qualifiedKeys: string[];
  qualifiedIdx: number[];
  totals: Map<string, FeatureCount>;
  /** Uses per feature in the 27 days before today (no `hb:` counters). */
  uses28: Record<string, number>;
  /** Last day each key feature was used (-1e9 when never). */
  keyLast: Int32Array;
  /** Day each activation step / milestone threshold was first met (-1 when not yet). */
  reached: Int32Array;
  /** Last day each activation step's event was used (NEVER when not). */
  stepLast: Int32Array;
  value28: number;
  /** Value units per value feature for the 14 days ending today (today's row empty). */
  recent: Float64Array;
  l7: number;
  l28: number;
  /** Momentum sums over the baseline window: weighted qualified, weights, qualified, days. */
  mom: { wq: number; w: number; q: number; n: number };
  streak: StreakAcc;
  funnels: FunnelPending[];
  /** Latest day on which the user was activated and at the engaged bar (-1e9 when never). */
  lastEngagedIdx: number;
  /** Uses per feature by days before today (slot 0 unused), see `recent-uses.ts`. */
  uses: Record<string, number[]>;
}

const NEVER = -1e9;

/** After a qualified day: streak, and the streak and active-day milestones. */
export function foldQualified(streak: StreakAcc, qualifiedCount: number, idx: number, reached: Int32Array, rc: ResolvedConfig, fx: FeatureIndex): void {
  if (stepStreak(streak, idx, rc.engagement.streak)) {
    for (const [slot, n] of fx.streakSlots) if (reached[slot] < 0 && streak.current >= n) reached[slot] = idx;
  }
  for (const [slot, n] of fx.activeDaySlots) if (reached[slot] < 0 && qualifiedCount >= n) reached[slot] = idx;
}

/** Day the activation steps were all met, in order (NaN while incomplete). */
export function activationIdx(reached: Int32Array, steps: number, firstIdx: number): number {
  let at = firstIdx;
  for (let i = 0; i < steps; i++) {
    if (reached[i] < 0) return NaN;
    if (reached[i] > at) at = reached[i];
  }
  return at;
}

/** Folds the days before `todayIdx` (ascending, merged; later days are ignored). */
export function buildHistory(days: readonly EngineDay[], todayIdx: number, rc: ResolvedConfig, fx: FeatureIndex): History {
  const e = rc.engagement;
  let end = days.length;
  while (end > 0 && days[end - 1].idx >= todayIdx) end--;
  const firstIdx = end > 0 ? days[0].idx : null;
  const totals = new Map<string, FeatureCount>();
  const keyLast = new Int32Array(fx.keyNames.length).fill(NEVER);
  const reached = new Int32Array(fx.slots).fill(-1);
  const stepLast = new Int32Array(rc.activation.length).fill(NEVER);
  const streak = newStreak();
  const funnels: FunnelPending[] = rc.funnels.map(() => null);
  const qualifiedKeys: string[] = [];
  const qualifiedIdx: number[] = [];
  const span = firstIdx === null ? 0 : todayIdx - firstIdx;
  const q = new Uint8Array(span);
  const scan: DayScan = { qualified: false, units: 0 };
  let value28 = 0;
  const from28 = todayIdx - 27;
  const recent = recentRows(fx);
  const fromRecent = todayIdx - RECENT_DAYS + 1;
  const uses: Record<string, number[]> = {};
  for (let i = 0; i < end; i++) {
    const day = days[i];
    addUseRow(uses, day, todayIdx - day.idx);
    scanDay(day, fx, totals, keyLast, reached, scan, stepLast);
    if (scan.units && day.idx >= from28) value28 += scan.units;
    if (scan.units && day.idx >= fromRecent) addRecentUnits(day, fx, recent, day.idx - fromRecent);
    for (let k = 0; k < funnels.length; k++) funnels[k] = stepFunnel(funnels[k], day, rc.funnels[k]);
    if (scan.qualified) {
      q[day.idx - firstIdx!] = 1;
      qualifiedKeys.push(day.key);
      qualifiedIdx.push(day.idx);
      foldQualified(streak, qualifiedIdx.length, day.idx, reached, rc, fx);
    }
  }

  const uses28: Record<string, number> = {};
  for (let i = end - 1; i >= 0 && days[i].idx >= from28; i--) sumUses(uses28, days[i].features);

  let l7 = 0;
  let l28 = 0;
  const mom = { wq: 0, w: 0, q: 0, n: 0 };
  let lastEngagedIdx = NEVER;
  if (firstIdx !== null) {
    // Today is the 7th and 28th day of the windows; it is folded in later.
    for (let k = 1; k < 28 && k <= span; k++) {
      const v = q[span - k];
      l28 += v;
      if (k < 7) l7 += v;
    }
    const m = e.momentum;
    const decay = 2 ** (-1 / m.halfLifeDays);
    let w = decay;
    for (let k = 1; k < m.baselineDays && k <= span; k++, w *= decay) {
      mom.w += w;
      mom.n += 1;
      if (q[span - k]) (mom.wq += w), (mom.q += 1);
    }
    const act = activationIdx(reached, rc.activation.length, firstIdx);
    if (!Number.isNaN(act)) {
      // Rolling L28 over the history; the last day at the engaged bar after activation.
      let run = 0;
      for (let i = 0; i < span; i++) {
        run += q[i];
        if (i >= 28) run -= q[i - 28];
        if (run >= e.engagedL28 && firstIdx + i >= act) lastEngagedIdx = firstIdx + i;
      }
    }
  }

  return {
    todayIdx,
    firstIdx,
    firstKey: end > 0 ? days[0].key : undefined,
    firstQIdx: qualifiedIdx.length ? qualifiedIdx[0] : null,
    lastQIdx: qualifiedIdx.length ? qualifiedIdx[qualifiedIdx.length - 1] : null,
    qualifiedKeys,
    qualifiedIdx,
    totals,
    uses28,
    keyLast,
    reached,
    stepLast,
    value28,
    recent,
    l7,
    l28,
    mom,
    streak,
    funnels,
    lastEngagedIdx,
    uses,
  };
}
