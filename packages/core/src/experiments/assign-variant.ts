import type { ExperimentSpec } from '../config/types';
import { bucketOf } from './bucket-of';

/** The arm of a held-out user: they never see the widget (or items) the experiment is about. */
export const HOLDOUT = 'holdout';

/**
 * The arm `unit` is in: `holdout` for the first `holdout` share of the buckets, else a
 * variant, each taking the rest in proportion to its weight (default 1). Deterministic.
 */
export function assignVariant(experiment: Pick<ExperimentSpec, 'id' | 'variants' | 'holdout'>, unit: string): string {
  const u = bucketOf(unit, experiment.id);
  const holdout = experiment.holdout ?? 0;
  if (u < holdout || !experiment.variants.length) return HOLDOUT;
  const weights = experiment.variants.map((v) => Math.max(0, v.weight ?? 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let at = ((u - holdout) / (1 - holdout)) * total;
  for (let i = 0; i < weights.length; i++) if ((at -= weights[i]) < 0) return experiment.variants[i].id;
  return experiment.variants[weights.length - 1].id;
}
