import { studentTQuantile } from './student-t';

/** What an interval on a mean needs of one group. */
export interface MeanSummary {
  n: number;
  mean: number;
  /** Sample variance (n - 1 in the denominator). */
  variance: number;
}

/** n, mean and sample variance of `values`. */
export function summarize(values: readonly number[]): MeanSummary {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : 0;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

export interface Interval {
  /** The point estimate of the difference (treatment minus baseline). */
  diff: number;
  low: number;
  high: number;
}

/**
 * Welch's interval for the difference of two means (`a` minus `b`), unequal variances, with
 * the Welch–Satterthwaite degrees of freedom. Undefined while either group has fewer than 2.
 */
export function welchInterval(a: MeanSummary, b: MeanSummary, level = 0.95): (Interval & { df: number; se: number }) | undefined {
  if (a.n < 2 || b.n < 2) return undefined;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  const diff = a.mean - b.mean;
  if (se === 0) return { diff, low: diff, high: diff, df: a.n + b.n - 2, se };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = studentTQuantile(1 - (1 - level) / 2, df);
  return { diff, low: diff - t * se, high: diff + t * se, df, se };
}
