import type { Locale, ScoreMeasure, StreakPeriod } from './vocabulary';

export type { Locale, ScoreMeasure, StreakPeriod } from './vocabulary';

/**
 * A text the widgets show: one string for every language, or one per locale
 * (`{ en: 'Import your clients', fi: 'Tuo asiakkaasi' }`); a locale left out shows English
 * (in debug mode with a console warning naming the texts).
 */
export type Text = string | { [locale in Locale]?: string };

/** Forms of a counted word by plural category (`Intl.PluralRules`): `{ one: 'invoice', other: 'invoices' }`. */
export type PluralForms = { [rule in Intl.LDMLPluralRule]?: string } & { other: string };

/** A counted word (a value unit): a `Text`, or plural forms, for all locales or per locale. */
export type CountedText = string | PluralForms | { [locale in Locale]?: string | PluralForms };

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
  label?: Text;
  /** Counts towards breadth. @default false */
  key?: boolean;
  /** Breadth weight of a key feature. @default 1 */
  weight?: number;
  /**
   * Unit of the value this feature delivers, with plural forms where the word changes
   * (`{ one: 'invoice', other: 'invoices' }`, or per locale); such a feature is a core value event.
   */
  value?: CountedText;
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
  /** Score weights per measure. @default { frequency: 30, breadth: 25, intensity: 20, momentum: 15, activation: 10 } */
  weights?: Partial<Record<ScoreMeasure, number>>;
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

export interface ActivationStep {
  event: string;
  /** @default 1 */
  count?: number;
  label?: Text;
}

export interface FunnelSpec {
  id: string;
  start: string;
  done: string;
  /** @default 2 */
  withinDays?: number;
  label?: Text;
  help?: { text: Text; href?: string };
}

export interface MilestoneSpec {
  id: string;
  title: Text;
  /** Reached when `event` has been used `count` times in all. */
  event?: string;
  count?: number;
  /** Reached at this streak length. */
  streak?: number;
  /** Reached at this many qualified days in all. */
  activeDays?: number;
}

export interface WidgetsConfig {
  digest?: { enabled?: boolean; at?: string; link?: { text: Text; href: string } };
  checklist?: { enabled?: boolean; title?: Text; items?: ChecklistItem[] };
  rewards?: { enabled?: boolean; share?: Array<'slack' | 'discord'> };
  records?: { enabled?: boolean };
  reminders?: { enabled?: boolean; maxPerWeek?: number; quietHours?: [string, string] };
  nudges?: { enabled?: boolean; items?: NudgeItem[] };
  /** Theme overrides as CSS custom property values (`--habitual-accent` etc.). */
  theme?: Record<string, string>;
}

export interface ChecklistItem {
  id: string;
  label: Text;
  /** Completes when `event` has been used `count` times (default 1)... */
  event?: string;
  count?: number;
  /** ...or when this milestone is reached. */
  milestone?: string;
  /** CSS selector of the element "show me" points at. */
  target?: string;
  help?: Text;
}

export interface NudgeItem {
  /** Shown while this feature is not yet adopted... */
  feature?: string;
  /** ...or while the user is stuck on this funnel. */
  funnel?: string;
  target: string;
  text: Text;
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
  weights: Record<ScoreMeasure, number>;
  power: { l7: number; l28: number; breadth: number; leaveBelowL28: number };
  engagedL28: number;
  bands: { red: number; yellow: number };
  newDays: number;
  atRiskDays: number;
  dormantDays: number;
  returnDays: number;
  momentum: { halfLifeDays: number; baselineDays: number; minHistoryDays: number; atRiskBelow: number };
}
