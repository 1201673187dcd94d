import { summarize, welchInterval, type Interval } from './welch-interval';
import { newcombeInterval } from './wilson-interval';

export type Verdict = 'not enough users yet' | 'no detectable effect' | 'better' | 'worse';

/** A treatment arm against the baseline on one outcome. */
export interface Comparison extends Interval {
  /** The 95% interval's verdict, once both arms have `minimumSample` users. */
  verdict: Verdict;
  /**
   * Users each arm needs for the 95% interval to be no wider than ± the smallest effect worth
   * seeing (given the spread seen so far); null while the spread is unknown (under 2 users).
   */
  minimumSample: number | null;
}

// normalQuantile(0.975), written out: a call at module level would keep these files in every bundle.
const Z95 = 1.959963984540054;

/**
 * The verdict of an interval: "not enough users yet" until both arms have the minimum sample
 * (decided before looking at the interval, so an early lucky interval is never called an
 * effect), then "better" or "worse" when it excludes zero, else "no detectable effect".
 */
export function verdictOf(interval: Interval | undefined, smallerArm: number, minimumSample: number | null, higherIsBetter = true): Verdict {
  if (!interval || minimumSample === null || smallerArm < minimumSample) return 'not enough users yet';
  if (interval.low > 0) return higherIsBetter ? 'better' : 'worse';
  if (interval.high < 0) return higherIsBetter ? 'worse' : 'better';
  return 'no detectable effect';
}

/** Welch's interval on a per-user outcome (qualified days), treatment minus baseline, with its verdict. */
export function compareMeans(treated: readonly number[], baseline: readonly number[], smallestEffect: number, higherIsBetter = true): Comparison | undefined {
  const a = summarize(treated);
  const b = summarize(baseline);
  const interval = welchInterval(a, b);
  if (!interval) return undefined;
  const spread = a.variance + b.variance;
  // At least 10 a side: below that a variance estimate says little.
  const minimumSample = Math.max(10, Math.ceil((Z95 * Z95 * spread) / (smallestEffect * smallestEffect)));
  return {
    diff: interval.diff,
    low: interval.low,
    high: interval.high,
    minimumSample,
    verdict: verdictOf(interval, Math.min(a.n, b.n), minimumSample, higherIsBetter),
  };
}

/** Newcombe's interval on a share of users (`k` of `n`), treatment minus baseline, with its verdict. */
export function compareShares(
  treated: { k: number; n: number },
  baseline: { k: number; n: number },
  smallestEffect: number,
  higherIsBetter = true,
): Comparison | undefined {
  const interval = newcombeInterval(treated.k, treated.n, baseline.k, baseline.n);
  if (!interval) return undefined;
  // Shares smoothed by half a user, so an arm at 0% or 100% still has a spread.
  const pq = ({ k, n }: { k: number; n: number }) => ((k + 0.5) / (n + 1)) * (1 - (k + 0.5) / (n + 1));
  const minimumSample = Math.max(10, Math.ceil((Z95 * Z95 * (pq(treated) + pq(baseline))) / (smallestEffect * smallestEffect)));
  return { ...interval, minimumSample, verdict: verdictOf(interval, Math.min(treated.n, baseline.n), minimumSample, higherIsBetter) };
}
