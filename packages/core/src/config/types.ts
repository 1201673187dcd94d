import type { Locale, ScoreMeasure, StreakPeriod } from './vocabulary';

export type { Locale, ScoreMeasure, StreakPeriod } from './vocabulary';

/**
 * The config product teams edit: inline in `init({ config })` or remote from the collector
 * (`GET /v1/config`). Every field is optional; `resolveConfig()` fills the defaults.
 */
export interface HabitualConfig {
  /** Widget language. @default 'auto' */
  locale?: 'auto' | Locale;
  /** The features that matter, by `noun.verb` name. */
  features?: Record<string, FeatureSpec>;
  engagement?: EngagementConfig;
  /** Ordered activation milestones, reached within `engagement.onboardingDays`. */
  activation?: ActivationStep[];
  funnels?: FunnelSpec[];
  milestones?: MilestoneSpec[];
  widgets?: WidgetsConfig;
  /** Days of rollups kept on the device. @default 400 */
  retentionDays?: number;
}

export interface FeatureSpec {
  label?: string;
  /** Counts towards breadth. @default false */
  key?: boolean;
  /** Breadth weight of a key feature. @default 1 */
  weight?: number;
  /** Unit label of the value this feature delivers ('invoices'); such a feature is a core value event. */
  value?: string;
  /** A use qualifies the day on its own. @default true when `value` is set */
  core?: boolean;
}

export interface EngagementConfig {
  /** Minutes of active time that qualify a day without a core value event. @default 5 */
  activeMinutes?: number;
  streak?: {
    /** @default 'day' */
    period?: StreakPeriod;
    /** One freeze earned per this many periods. @default 7 */
    freezeEvery?: number;
    /** Most freezes held at once. @default 2 */
    maxFreezes?: number;
  };
  /** @default 30 */
  onboardingDays?: number;
  /** Days without milestone progress before an activating user is stuck. @default 5 */
  stuckDays?: number;
  /** Value units in 28 days that score 100 on intensity. @default 20 */
  intensityTarget?: number;
  /** Uses of configured features in 28 days that score 100 on volume. @default 100 */
  volumeTarget?: number;
  /** Score weights per measure. @default { frequency: 30, breadth: 25, intensity: 20, momentum: 15, activation: 10, volume: 10, drivers: 100 } */
  weights?: Partial<Record<ScoreMeasure, number>>;
  /**
   * Per measure, its raw values in the app's population at evenly spaced percentiles
   * (lowest first; `GET /v1/drivers` computes them): the measure then scores the percentile
   * of its user instead of against a fixed target.
   */
  percentiles?: Partial<Record<ScoreMeasure, number[]>>;
  /** The learned drivers model (`GET /v1/drivers`, "use these weights"); without it the `drivers` measure has no data. */
  drivers?: DriversModel;
  power?: { l7?: number; l28?: number; breadth?: number; leaveBelowL28?: number };
  /** L28 at which an activated user is engaged. @default 8 */
  engagedL28?: number;
  /** Score bands: red up to `red`, yellow up to `yellow`, green above. @default { red: 50, yellow: 75 } */
  bands?: { red?: number; yellow?: number };
  /** L28 that scores 100 on frequency. @default 20 */
  frequencyTarget?: number;
  /** A user is `new` for this many days from the first qualified day. @default 7 */
  newDays?: number;
  /** Days without a qualified day that put a once engaged user at risk. @default 7 */
  atRiskDays?: number;
  /** Days without a qualified day after which a user is dormant. @default 30 */
  dormantDays?: number;
  /** Days a comeback keeps the `reactivated` / `resurrected` stage. @default 7 */
  returnDays?: number;
  momentum?: {
    /** Half-life of the decayed activity, in days. @default 7 */
    halfLifeDays?: number;
    /** Length of the user's own baseline, in days. @default 56 */
    baselineDays?: number;
    /** Days of history needed before momentum is reported. @default 14 */
    minHistoryDays?: number;
    /** Momentum under this share of the baseline puts a once engaged user at risk. @default 0.5 */
    atRiskBelow?: number;
  };
}

/**
 * A logistic model of staying: the `drivers` measure is 100 x the chance to stay,
 * 1 / (1 + e^-(bias + tenure x log(1 + days since first use) + sum of weight x input)).
 * Inputs (see `driverInputs`): each feature name for log(1 + its uses in the last 28 days),
 * and `frequency` (L28 / 28), `breadth`, `intensity` (log(1 + value units in 28 days)),
 * `momentum`, `activation` (share of steps done) and `volume` (log(1 + uses in 28 days)).
 */
export interface DriversModel {
  /** Signed weight per input; negative ones count against the score. */
  weights: Record<string, number>;
  /** @default 0 */
  tenure?: number;
  /** @default 0 */
  bias?: number;
}

export interface ActivationStep {
  event: string;
  /** @default 1 */
  count?: number;
  label?: string;
}

export interface FunnelSpec {
  id: string;
  start: string;
  done: string;
  /** @default 2 */
  withinDays?: number;
  label?: string;
  help?: { text: string; href?: string };
}

export interface MilestoneSpec {
  id: string;
  title: string;
  /** Reached when `event` has been used `count` times in all. */
  event?: string;
  count?: number;
  /** Reached at this streak length. */
  streak?: number;
  /** Reached at this many qualified days in all. */
  activeDays?: number;
}

export interface WidgetsConfig {
  digest?: { enabled?: boolean; at?: string; link?: { text: string; href: string } };
  checklist?: { enabled?: boolean; title?: string; items?: ChecklistItem[] };
  rewards?: { enabled?: boolean; share?: Array<'slack' | 'discord'> };
  records?: { enabled?: boolean };
  reminders?: { enabled?: boolean; maxPerWeek?: number; quietHours?: [string, string] };
  nudges?: { enabled?: boolean; items?: NudgeItem[] };
  /** Theme overrides as CSS custom property values (`--habitual-accent` etc.). */
  theme?: Record<string, string>;
}

export interface ChecklistItem {
  id: string;
  label: string;
  /** Completes when `event` has been used `count` times (default 1)... */
  event?: string;
  count?: number;
  /** ...or when this milestone is reached. */
  milestone?: string;
  /** CSS selector of the element "show me" points at. */
  target?: string;
  help?: string;
}

export interface NudgeItem {
  /** Shown while this feature is not yet adopted... */
  feature?: string;
  /** ...or while the user is stuck on this funnel. */
  funnel?: string;
  target: string;
  text: string;
  href?: string;
}

/** Every engagement setting with its default filled in (defaults from `CONFIG_SCHEMA`). */
export interface ResolvedEngagement {
  activeMinutes: number;
  streak: { period: StreakPeriod; freezeEvery: number; maxFreezes: number };
  onboardingDays: number;
  stuckDays: number;
  intensityTarget: number;
  frequencyTarget: number;
  volumeTarget: number;
  weights: Record<ScoreMeasure, number>;
  percentiles?: Partial<Record<ScoreMeasure, number[]>>;
  drivers?: DriversModel;
  power: { l7: number; l28: number; breadth: number; leaveBelowL28: number };
  engagedL28: number;
  bands: { red: number; yellow: number };
  newDays: number;
  atRiskDays: number;
  dormantDays: number;
  returnDays: number;
  momentum: { halfLifeDays: number; baselineDays: number; minHistoryDays: number; atRiskBelow: number };
}
