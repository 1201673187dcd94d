export * from './rollup/day-rollup';
export type * from './config/types';
export type * from './engine/types';
export type * from './tracker/types';
export { scoreMeasures, normalise, bandOf, DEFAULT_BANDS } from './engine/scorecard';
export type { Normaliser, MeasureInput, MeasurePart } from './engine/scorecard';
