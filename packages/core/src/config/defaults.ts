import type { ScoreMeasure } from './types';

/**
 * Every engagement default in one place. `resolveConfig()` fills a config from here, and
 * the TSDoc in `types.ts` quotes the same numbers.
 */
export const ENGAGEMENT_DEFAULTS = {
  /** @default 5 */
  activeMinutes: 5,
  streak: {
    /** @default 'day' */
    period: 'day' as 'day' | 'weekday' | 'week',
    /** @default 7 */
    freezeEvery: 7,
    /** @default 2 */
    maxFreezes: 2,
  },
  /** @default 30 */
  onboardingDays: 30,
  /** @default 5 */
  stuckDays: 5,
  /** @default 20 */
  intensityTarget: 20,
  /** @default 20 */
  frequencyTarget: 20,
  /** @default { frequency: 30, breadth: 25, intensity: 20, momentum: 15, activation: 10 } */
  weights: { frequency: 30, breadth: 25, intensity: 20, momentum: 15, activation: 10 } as Record<ScoreMeasure, number>,
  /** @default { l7: 5, l28: 20, breadth: 0.6, leaveBelowL28: 16 } */
  power: { l7: 5, l28: 20, breadth: 0.6, leaveBelowL28: 16 },
  /** @default 8 */
  engagedL28: 8,
  /** @default { red: 50, yellow: 75 } */
  bands: { red: 50, yellow: 75 },
  /** @default 7 */
  newDays: 7,
  /** @default 7 */
  atRiskDays: 7,
  /** @default 30 */
  dormantDays: 30,
  /** @default 7 */
  returnDays: 7,
  /** @default { halfLifeDays: 7, baselineDays: 56, minHistoryDays: 14, atRiskBelow: 0.5 } */
  momentum: { halfLifeDays: 7, baselineDays: 56, minHistoryDays: 14, atRiskBelow: 0.5 },
};

/** @default 400 */
export const DEFAULT_RETENTION_DAYS = 400;
/** @default 1 */
export const DEFAULT_FEATURE_WEIGHT = 1;
/** @default 1 */
export const DEFAULT_STEP_COUNT = 1;
/** @default 2 */
export const DEFAULT_FUNNEL_WITHIN_DAYS = 2;

export const SCORE_MEASURES: readonly ScoreMeasure[] = ['frequency', 'breadth', 'intensity', 'momentum', 'activation'];
