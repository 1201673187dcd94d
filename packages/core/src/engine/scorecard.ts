import { engagementDefaults } from '../config/defaults';
import type { Band } from './types';

/**
 * How a raw measure becomes a 0..100 score.
 * - `linear`: piecewise linear through `points` (sorted by raw), clamped at both ends.
 * - `bands`: the score of the first band with `raw <= upTo`; above every band, the last band's score.
 */
export type Normaliser = { kind: 'linear'; points: Array<[raw: number, score: number]> } | { kind: 'bands'; bands: Array<{ upTo: number; score: number }> };

export interface MeasureInput {
  id: string;
  /** Non-negative weight; only measures with data count towards the denominator. */
  weight: number;
  /** Raw value, or null when the measure has no data (it then drops out). */
  raw: number | null;
  normalise: Normaliser;
}

export interface MeasurePart {
  id: string;
  weight: number;
  raw: number | null;
  /** Normalised 0..100, or null without data. */
  value: number | null;
  /** Points this measure adds to the score (the parts sum to the score). */
  contribution: number;
  /** Points missing to a full score on this measure. */
  gap: number;
}

const clamp100 = (x: number): number => (x < 0 ? 0 : Math.min(x, 100));

/** Normalise one raw value to 0..100. */
export function normalise(raw: number, n: Normaliser): number {
  if (n.kind === 'bands') {
    const bands = n.bands;
    if (bands.length === 0) return 0;
    for (let i = 0; i < bands.length; i++) if (raw <= bands[i].upTo) return clamp100(bands[i].score);
    return clamp100(bands[bands.length - 1].score);
  }
  const p = n.points;
  if (p.length === 0) return 0;
  if (raw <= p[0][0]) return clamp100(p[0][1]);
  for (let i = 1; i < p.length; i++) {
    const [x1, y1] = p[i];
    if (raw <= x1) {
      const [x0, y0] = p[i - 1];
      // Two points on the same raw make a step; take the upper one.
      if (x1 === x0) return clamp100(y1);
      return clamp100(y0 + ((raw - x0) / (x1 - x0)) * (y1 - y0));
    }
  }
  return clamp100(p[p.length - 1][1]);
}

/** The band of a score; bands are judged on the rounded score people see. */
export function bandOf(score: number, bands: { red: number; yellow: number } = engagementDefaults().bands): Band {
  const shown = Math.round(score);
  return shown <= bands.red ? 'red' : shown <= bands.yellow ? 'yellow' : 'green';
}

/**
 * Combines weighted measures into one 0..100 score with each measure's contribution and gap.
 * Used for the user score on the device and the account scorecard on the collector, so both
 * explain themselves the same way. Measures without data (`raw` null or not finite) drop out
 * of the denominator; with no data at all the score is 0.
 */
export function scoreMeasures(
  measures: MeasureInput[],
  bands: { red: number; yellow: number } = engagementDefaults().bands,
): { score: number; band: Band; parts: MeasurePart[] } {
  let denominator = 0;
  const values: Array<number | null> = [];
  for (const m of measures) {
    if (!(m.weight >= 0) || !Number.isFinite(m.weight)) {
      throw new RangeError(`Measure "${m.id}" has weight ${String(m.weight)}; weights must be finite and >= 0.`);
    }
    const has = m.raw !== null && Number.isFinite(m.raw);
    const value = has ? normalise(m.raw as number, m.normalise) : null;
    values.push(value);
    if (value !== null) denominator += m.weight;
  }
  let score = 0;
  const parts: MeasurePart[] = measures.map((m, i) => {
    const value = values[i];
    if (value === null || denominator === 0) {
      return { id: m.id, weight: m.weight, raw: value === null ? null : m.raw, value, contribution: 0, gap: 0 };
    }
    const contribution = (m.weight * value) / denominator;
    score += contribution;
    return { id: m.id, weight: m.weight, raw: m.raw, value, contribution, gap: (m.weight * (100 - value)) / denominator };
  });
  score = clamp100(score);
  return { score, band: bandOf(score, bands), parts };
}
