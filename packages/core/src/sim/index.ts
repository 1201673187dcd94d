export { createRandom } from './create-random';
export type { Random } from './create-random';
export { simulateUser } from './simulate-user';
export type { Cohort, SimEvent, SimUser } from './simulate-user';
export { COHORTS, SIM_CONFIG } from './cohorts';
export { benchInput } from './bench-input';
// The request body the SDK's sync sends, for the collector bench.
export { encodeBatch } from '../sync/encode-batch';
export { applyTreatment } from './treatment';
export { churnWorld, CHURN_CONFIG, CHURN_TRUTH, TENURE_HAZARD } from './churn-world';
export type { ChurnUser, ChurnWorldOptions } from './churn-world';
