export * from './rollup/day-rollup';
export type * from './config/types';
export type * from './engine/types';
export type * from './tracker/types';
