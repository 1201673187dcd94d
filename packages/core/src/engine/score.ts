import type { ResolvedConfig } from '../config/resolve-config';
import type { ScoreMeasure } from '../config/types';
import { SCORE_MEASURES } from '../config/vocabulary';
import type { FeatureIndex } from './feature-index';
import { scoreMeasures } from './scorecard';
import type { Band, ScorePart } from './types';

/** Raw measures of one user; null where the measure has no data. */
export type RawMeasures = Record<ScoreMeasure, number | null>;

/** The user score, built with the same combiner as the collector's account scorecard. */
export function scoreUser(raw: RawMeasures, rc: ResolvedConfig, fx: FeatureIndex): { score: number; band: Band; parts: ScorePart[] } {
  const w = rc.engagement.weights;
  const r = scoreMeasures(
    SCORE_MEASURES.map((m) => ({ id: m, weight: w[m], raw: raw[m], normalise: fx.normalisers[m] })),
    rc.engagement.bands,
  );
  return {
    score: r.score,
    band: r.band,
    parts: r.parts.map((p) => ({ measure: p.id as ScoreMeasure, weight: p.weight, value: p.value, contribution: p.contribution, gap: p.gap })),
  };
}
