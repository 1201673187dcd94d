// Every word of the config's fixed vocabularies, written once: the types, the schema, the
// resolver, the engine, the widgets and the collector import them from here.

/** The widgets' languages (`locale: 'auto'` picks one of them from the browser). */
export const LOCALES = ['en', 'zh', 'fi', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** What a streak counts: every day, working days (weekends neither break nor count), or weeks. */
export const STREAK_PERIODS = ['day', 'weekday', 'week'] as const;
export type StreakPeriod = (typeof STREAK_PERIODS)[number];

/**
 * The score's measures in display order, each with its default weight. `drivers` (the
 * learned model) has data only with `engagement.drivers` set; until then it drops out.
 */
export const DEFAULT_WEIGHTS = { frequency: 30, breadth: 25, intensity: 20, momentum: 15, activation: 10, volume: 10, drivers: 100 } as const;
export type ScoreMeasure = keyof typeof DEFAULT_WEIGHTS;
export const SCORE_MEASURES = Object.keys(DEFAULT_WEIGHTS) as ScoreMeasure[];

/** The engine's lifecycle stages. */
export const STAGES = ['new', 'activating', 'stuck', 'engaged', 'power', 'at_risk', 'dormant', 'reactivated', 'resurrected'] as const;
export type Stage = (typeof STAGES)[number];

/** Score bands, worst first. */
export const BANDS = ['red', 'yellow', 'green'] as const;
export type Band = (typeof BANDS)[number];

/** Device classes for targeting: `mobile` is a viewport under 480 px wide. */
export const DEVICES = ['desktop', 'mobile'] as const;
export type Device = (typeof DEVICES)[number];
