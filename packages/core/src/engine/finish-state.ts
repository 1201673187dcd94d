import type { ResolvedConfig } from '../config/resolve-config';
import type { FeatureCount } from '../rollup/day-rollup';
import { dayKey } from './day-keys';
import type { EngineDay } from './engine-day';
import type { FeatureIndex } from './feature-index';
import { activationIdx, foldQualified, type History } from './history';
import { driverInputs, stayChance } from './driver-inputs';
import { checklistState } from './checklist-state';
import { nextStep } from './next-step';
import { addRecentUnits, RECENT_DAYS, valueSummary } from './value-summary';
import { scanDay, type DayScan } from './qualified-days';
import { scoreUser } from './score';
import { stageOf } from './stage';
import { streakState } from './streak';
import { stepFunnel, stuckFunnel } from './stuck';
import { recentUses, sumUses } from './recent-uses';
import type { EngagementState, ReachedMilestone, Stage } from './types';

/** What the caller remembers between states: milestones already reached, last stage. */
export interface PrevState {
  /** Milestone id -> local day reached; these never fire again. */
  milestones?: Record<string, string>;
  /** Last stage, for the power hysteresis. */
  stage?: Stage;
}

/**
 * Folds today's merged counters onto the history and derives the state. Costs
 * O(features + config rules), independent of how many days are stored.
 */
export function finishState(h: History, today: EngineDay | undefined, rc: ResolvedConfig, fx: FeatureIndex, prev: PrevState = {}): EngagementState {
  const e = rc.engagement;
  const T = h.todayIdx;
  const todayKeyStr = dayKey(T);

  // Copies, so the history stays reusable for the next event of the day.
  const totals = new Map<string, FeatureCount>();
  for (const [k, v] of h.totals) totals.set(k, { n: v.n, value: v.value });
  const keyLast = h.keyLast.slice();
  const reached = h.reached.slice();
  const stepLast = h.stepLast.slice();
  const streak = { ...h.streak };
  const funnels = h.funnels.slice();

  const scan: DayScan = { qualified: false, units: 0 };
  const recent = h.recent.slice();
  if (today) {
    addRecentUnits(today, fx, recent, RECENT_DAYS - 1);
    scanDay(today, fx, totals, keyLast, reached, scan, stepLast);
    for (let k = 0; k < funnels.length; k++) funnels[k] = stepFunnel(funnels[k], today, rc.funnels[k]);
  }
  const qToday = scan.qualified;
  const qCount = h.qualifiedIdx.length + (qToday ? 1 : 0);
  if (qToday) foldQualified(streak, qCount, T, reached, rc, fx);

  const firstIdx = h.firstIdx ?? (today ? T : null);
  const hasData = firstIdx !== null;
  const l7 = h.l7 + (qToday ? 1 : 0);
  const l28 = h.l28 + (qToday ? 1 : 0);

  const keyUsed = new Uint8Array(fx.keyNames.length);
  let usedWeight = 0;
  for (let i = 0; i < keyUsed.length; i++) {
    if (keyLast[i] > T - 28) (keyUsed[i] = 1), (usedWeight += fx.keyWeights[i]);
  }
  const hasKeys = fx.keyWeightSum > 0;
  const breadth = hasKeys ? usedWeight / fx.keyWeightSum : 0;
  const valueUnits28 = h.value28 + scan.units;
  const intensity = Math.min(1, valueUnits28 / e.intensityTarget);

  // Momentum: the half-life-weighted share of qualified days against the plain share over
  // the same baseline window. Today only counts once it qualified (an unfinished day is
  // not a miss); weights scale together, so leaving it out shifts nothing.
  let momentum: number | null = null;
  {
    const m = h.mom;
    const wq = m.wq + (qToday ? 1 : 0);
    const w = m.w + (qToday ? 1 : 0);
    const q = m.q + (qToday ? 1 : 0);
    const n = m.n + (qToday ? 1 : 0);
    if (hasData && T - firstIdx + 1 >= e.momentum.minHistoryDays && q > 0 && w > 0) momentum = wq / w / (q / n);
  }

  const steps = rc.activation.map((a) => ({ event: a.event, count: a.count, reachedOn: undefined as string | undefined }));
  let lastProgressIdx = firstIdx ?? T;
  {
    let at = firstIdx ?? T;
    for (let i = 0; i < steps.length; i++) {
      if (reached[i] < 0) break;
      // Steps are reached in order: a later step counts from the day its predecessor did.
      if (reached[i] > at) at = reached[i];
      steps[i].reachedOn = dayKey(at);
      if (at > lastProgressIdx) lastProgressIdx = at;
    }
  }
  const done = steps.filter((s) => s.reachedOn !== undefined).length;
  // Using the open step's event counts as progress too (two of three customers added).
  if (done < steps.length && stepLast[done] > lastProgressIdx) lastProgressIdx = stepLast[done];
  const activated = done === steps.length;
  const actIdx = activationIdx(reached, steps.length, firstIdx ?? T);
  const everEngaged = (!Number.isNaN(actIdx) && h.lastEngagedIdx >= actIdx) || (activated && l28 >= e.engagedL28);

  const stuckAt = stuckFunnel(funnels, rc.funnels, T);
  const stuck = stuckAt
    ? { funnel: rc.funnels[stuckAt.at].id, since: dayKey(stuckAt.sinceIdx), ...(rc.funnels[stuckAt.at].help ? { help: rc.funnels[stuckAt.at].help } : {}) }
    : undefined;

  const prevMs = prev.milestones ?? {};
  const milestones: ReachedMilestone[] = [];
  const newMilestones: ReachedMilestone[] = [];
  const reachedIds: Record<string, string> = {};
  rc.milestones.forEach((m, i) => {
    const slot = rc.activation.length + i;
    if (m.id in prevMs) milestones.push({ id: m.id, title: m.title, day: prevMs[m.id] });
    else if (reached[slot] >= 0) {
      const r = { id: m.id, title: m.title, day: dayKey(reached[slot]) };
      milestones.push(r);
      newMilestones.push(r);
    }
  });
  // Milestones are once, ever: ones reached before a config change stay reached.
  for (const id in prevMs) if (!rc.milestones.some((m) => m.id === id)) milestones.push({ id, title: id, day: prevMs[id] });
  milestones.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const m of milestones) reachedIds[m.id] = m.day;

  const qualifiedTail = h.qualifiedIdx.slice(-(e.returnDays + 1));
  if (qToday) qualifiedTail.push(T);
  const stage = stageOf(
    {
      todayIdx: T,
      firstIdx,
      firstQIdx: h.firstQIdx ?? (qToday ? T : null),
      lastQIdx: qToday ? T : h.lastQIdx,
      qualified: qualifiedTail,
      l7,
      l28,
      breadth,
      hasKeys,
      momentum,
      activated,
      lastProgressIdx,
      everEngaged,
      prev: prev.stage,
    },
    e,
  );

  const uses28 = { ...h.uses28 };
  if (today) sumUses(uses28, today.features);
  let volume = 0;
  for (const k in uses28) volume += uses28[k];
  const activation = { done, total: steps.length, complete: activated, steps };
  const model = e.drivers;
  const { score, band, parts } = scoreUser(
    {
      frequency: hasData ? l28 : null,
      breadth: hasData && hasKeys ? breadth : null,
      intensity: hasData && fx.hasValue ? valueUnits28 : null,
      momentum: hasData ? momentum : null,
      activation: hasData && steps.length ? done / steps.length : null,
      volume: hasData ? volume : null,
      drivers: hasData && model ? stayChance(driverInputs({ uses28, l28, breadth, valueUnits28, momentum, activation }), T - firstIdx, model) : null,
    },
    rc,
    fx,
  );

  const totalsOut: Record<string, FeatureCount> = {};
  for (const [k, v] of totals) totalsOut[k] = v;
  const checklist = checklistState(rc.checklist, totalsOut, reachedIds);
  const next = nextStep({ stuck, activation, checklist }, keyUsed, rc, fx);

  const state: EngagementState = {
    today: todayKeyStr,
    qualifiedDays: qToday ? [...h.qualifiedKeys, todayKeyStr] : h.qualifiedKeys.slice(),
    l7,
    l28,
    breadth,
    valueUnits28,
    intensity,
    momentum,
    streak: streakState(streak, T, e.streak),
    activation,
    stage,
    score,
    band,
    parts,
    milestones,
    newMilestones,
    totals: totalsOut,
    uses28,
    topFeatures: Object.keys(uses28).sort((a, b) => uses28[b] - uses28[a] || (a < b ? -1 : 1)),
    value: valueSummary(recent, T, fx),
    checklist,
    uses: recentUses(h.uses, today),
  };
  if (stuck) state.stuck = stuck;
  if (next) state.next = next;
  const firstKey = h.firstKey ?? (today ? today.key : undefined);
  if (firstKey !== undefined) state.firstDay = firstKey;
  return state;
}
