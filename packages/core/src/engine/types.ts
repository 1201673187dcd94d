import type { Band, ScoreMeasure, Stage, StreakPeriod } from '../config/vocabulary';
import type { RecentUses } from './recent-uses';

export type { Band, Stage } from '../config/vocabulary';

/** One measure's part of the score: "why this score". */
export interface ScorePart {
  measure: ScoreMeasure;
  weight: number;
  /** Normalised 0..100, or null when the measure has no data (then it drops out). */
  value: number | null;
  /** Points this measure adds to the score. */
  contribution: number;
  /** Points missing to a full score on this measure. */
  gap: number;
}

export interface StreakState {
  period: StreakPeriod;
  current: number;
  longest: number;
  /** Qualified periods in all. */
  lifetime: number;
  freezes: number;
  /** Freezes spent so far. */
  freezesUsed: number;
  /** The current period is already qualified. */
  todayDone: boolean;
}

export interface ReachedMilestone {
  id: string;
  title: string;
  /** Local day it was reached. */
  day: string;
}

export interface NextStep {
  kind: 'stuck' | 'checklist' | 'feature' | 'activation';
  /** Feature, funnel, checklist item or activation step id. */
  id: string;
  label: string;
  help?: { text: string; href?: string };
}

export interface EngagementState {
  /** Local day the state is for. */
  today: string;
  /** Local days that qualified, ascending. */
  qualifiedDays: string[];
  l7: number;
  l28: number;
  /** 0..1 weighted share of key features used in the last 28 days. */
  breadth: number;
  /** Value units in the last 28 days. */
  valueUnits28: number;
  /** 0..1 against the target. */
  intensity: number;
  /** Decayed activity / own baseline; null when there is no baseline yet. */
  momentum: number | null;
  streak: StreakState;
  activation: { done: number; total: number; complete: boolean; steps: Array<{ event: string; count: number; reachedOn?: string }> };
  stage: Stage;
  score: number;
  band: Band;
  parts: ScorePart[];
  stuck?: { funnel: string; since: string; help?: { text: string; href?: string } };
  next?: NextStep;
  /** Milestones reached, each once, ever. */
  milestones: ReachedMilestone[];
  /** Milestones reached since the previous state (fire once). */
  newMilestones: ReachedMilestone[];
  /** Totals per feature over every stored day. */
  totals: Record<string, { n: number; value: number }>;
  /** Uses per feature in the last 28 days, today included (no `hb:` counters): the volume and drivers measures read them. */
  uses28: Record<string, number>;
  /** The features of `uses28` by uses, most used first (ties by name): "this month's" top features, what the shortcuts show. */
  topFeatures: string[];
  /** First local day of use. */
  firstDay?: string;
  /** Value units of the value features lately: what the digest shows. */
  value: ValueSummary;
  /** The configured checklist items in order, each done or not (one rule, in the engine). */
  checklist: ChecklistItemState[];
  /**
   * Uses per feature over the last 90 local days: `today[name]`, and `days[name][k]` for k
   * days ago. What targeting's `used` / `notUsed` count over (`usesWithin`).
   */
  uses: RecentUses;
}

export interface ValueSummary {
  /**
   * Per value feature (config order): its unit label and the units delivered yesterday and
   * this week (Monday to today). A use without a positive `value` is one unit.
   */
  features: Array<{ feature: string; unit: string; yesterday: number; week: number }>;
  /** All value units per day for the 14 days ending today, oldest first. */
  daily: number[];
}

export interface ChecklistItemState {
  id: string;
  done: boolean;
}
