import type { Band, Device, Locale, ScoreMeasure, Stage, StreakPeriod } from './vocabulary';

export type { Band, Device, Locale, ScoreMeasure, Stage, StreakPeriod } from './vocabulary';

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
  /** How many interruptive widgets a user may get: the attention budget. */
  attention?: AttentionConfig;
  /** A/B tests and holdouts of widgets or items; see `ExperimentSpec`. @default [] */
  experiments?: ExperimentSpec[];
  /** Days of rollups kept on the device. @default 400 */
  retentionDays?: number;
}

/**
 * One budget per user for the widgets that show themselves unasked (toasts, an auto-opened
 * digest, nudges, reminders), across widgets, tabs and devices.
 */
export interface AttentionConfig {
  /** On screen at the same time. @default 1 */
  maxAtOnce?: number;
  /** New ones per local day. @default 3 */
  perDay?: number;
  /** New ones per 7 days. @default 8 */
  perWeek?: number;
  /** Minutes after the user dismissed one before the next appears. @default 10 */
  cooldownMinutes?: number;
}

/** A trait value to match, or a list of them (any of). */
export type TraitMatch = string | number | boolean | Array<string | number | boolean>;

/**
 * Who and where a widget, checklist item, nudge or milestone is for: every listed condition
 * must hold; a list means any of its entries.
 */
export interface When {
  stages?: Stage[];
  bands?: Band[];
  /** Whole days from the first day of use to today (0 on the first day). */
  daysSinceFirstSeen?: { min?: number; max?: number };
  /** At least this many uses of each feature in the last `withinDays`. */
  used?: Record<string, number>;
  /** None of these features used in the last `withinDays`. */
  notUsed?: string[];
  /** The window `used` and `notUsed` count over, today included. @default 28 */
  withinDays?: number;
  /** Funnel ids; the user must be stuck on one of them. */
  stuckOn?: string[];
  /** `location.pathname` globs (`*` is any run of characters): `/invoices*`. */
  path?: string[];
  /** User traits, then account traits, by name: equal to the value or one of the list. */
  traits?: Record<string, TraitMatch>;
  locale?: string[];
  device?: Device[];
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
  /** Where the feature is in the app (a safe link: http:, https:, mailto: or relative); the shortcuts link to it. */
  href?: string;
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
  /** Weight of log(1 + days since first use); none counts as 0 (no schema default: a default would make a model of an absent one). */
  tenure?: number;
  /** The intercept; none counts as 0. */
  bias?: number;
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
  /** Who gets its reward toast (reaching it is not targeted). */
  when?: When;
}

/** What every widget's config has. */
export interface WidgetBase {
  enabled?: boolean;
  /** Who gets the widget: every condition must hold (see the README, "Targeting"). */
  when?: When;
  /** Among interruptive widgets waiting for the attention budget, the higher goes first. */
  priority?: number;
}

/**
 * One experiment: users split by a stable hash of their id and `id` into the variants (by
 * weight) and the holdout, which never sees the widget or items. The collector reports it at
 * `GET /v1/experiments/:id`.
 */
export interface ExperimentSpec {
  /** Letters, digits, `_` and `-`; the arm is counted as `hb:exp.<id>.<variant>`. */
  id: string;
  /** The widget it is about... */
  widget?: string;
  /** ...or these items: checklist item ids, nudges' feature (or funnel) names. */
  items?: string[];
  variants: ExperimentVariant[];
  /** Share of users held out (0-0.5). @default 0 */
  holdout?: number;
}

export interface ExperimentVariant {
  id: string;
  /** Relative share of the users not held out. @default 1 */
  weight?: number;
  /** Laid over the widget's config (or each item's) for the users in this variant. */
  config?: Record<string, unknown>;
}

/**
 * Share of users who never see the widget, so its effect on retention can be measured
 * (`GET /v1/experiments/widget-<id>`). @default 0.05 for widgets that show themselves
 * unasked (digest, rewards, reminders, nudges, team), 0 for the others
 */
type Holdout = { holdout?: number };

export interface WidgetsConfig {
  digest?: WidgetBase & Holdout & { at?: string; link?: { text: Text; href: string } };
  checklist?: WidgetBase & Holdout & { title?: Text; items?: ChecklistItem[] };
  rewards?: WidgetBase & Holdout & { share?: Array<'slack' | 'discord'> };
  records?: WidgetBase & Holdout;
  reminders?: WidgetBase & Holdout & { maxPerWeek?: number; quietHours?: [string, string] };
  nudges?: WidgetBase & Holdout & { items?: NudgeItem[] };
  /** The user's most used features (each with a `features[name].href`) and their pins. */
  shortcuts?: WidgetBase & Holdout & ShortcutsConfig;
  /** "What's new": announcements of features, each a card or a banner. */
  announce?: WidgetBase & Holdout & { items?: AnnounceItem[] };
  /** The journal (a private note per day, optionally shared with the team) and the month in review. */
  journal?: WidgetBase & Holdout & { team?: boolean; share?: Array<'slack' | 'discord'> };
  /**
   * Team progress (`<habitual-team>`): the account's week from `GET /v1/team`, for verified users.
   * `refreshMinutes`: how old the device's copy may get before it asks again (@default 15);
   * `buddies`: show what opted-in teammates used most this week (@default true);
   * `nudge`: the buddy line also as a weekly toast, in the attention budget (@default true).
   */
  team?: WidgetBase & Holdout & { refreshMinutes?: number; buddies?: boolean; nudge?: boolean };
  survey?: WidgetBase & Holdout & SurveyConfig;
  /** Theme overrides as CSS custom property values (`--habitual-accent` etc.). */
  theme?: Record<string, string>;
}

export interface ShortcutsConfig {
  /** Most used features shown after the user's pins. @default 5 */
  limit?: number;
}

/** One announcement: shown until the user dismisses it or follows its call to action, on every device. */
export interface AnnounceItem {
  /** Letters, digits, `_` and `-`: it names its counts (`hb:announce.<id>.shown`). */
  id: string;
  /** The feature it announces: by default it is shown only to users who have not used it. */
  feature?: string;
  title: Text;
  text?: Text;
  /** A card in the corner, or a wider banner along the top. @default 'card' */
  style?: 'card' | 'banner';
  /** The call to action; its link defaults to the feature's `href`. */
  cta?: { text: Text; href?: string };
  /** Who sees it. @default users who have not used `feature` (`{ notUsed: [feature] }`) */
  when?: When;
}

/** `widgets.survey`: exit-reason, NPS and CSAT forms (see the README, "Survey"). */
export interface SurveyConfig {
  /** The form the widget offers by itself while `when` holds (budgeted); none: only the host opens forms. */
  ask?: string;
  /** Days before a form asked by rule is offered again after an answer or a dismissal. @default 90 */
  repeatDays?: number;
  /** The app's name in the free-text consent box ("Share my comment with …"). @default the app id */
  appName?: Text;
  /** Forms by id, over the built-in `exit`, `nps` and `csat`. */
  forms?: Record<string, SurveyForm>;
}

export interface SurveyForm {
  /** `choice`: pick one of `choices`; `nps`: 0-10; `csat`: 1-5. @default 'choice' */
  kind?: 'choice' | 'nps' | 'csat';
  question?: Text;
  choices?: Array<{ id: string; label: Text }>;
  /** Offers an optional comment box. @default true for `choice`, false otherwise */
  comment?: boolean;
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
  /** Who sees the item in the checklist. */
  when?: When;
}

export interface NudgeItem {
  /** Shown while this feature is not yet adopted... */
  feature?: string;
  /** ...or while the user is stuck on this funnel. */
  funnel?: string;
  target: string;
  text: Text;
  href?: string;
  /** Who gets the nudge, besides its feature or funnel rule. */
  when?: When;
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
