import { normalQuantile } from './normal-quantile';
import type { Interval } from './welch-interval';

/** Wilson's score interval for a proportion of `k` in `n` (0..1; [0, 1] when n is 0). */
export function wilsonInterval(k: number, n: number, level = 0.95): { p: number; low: number; high: number } {
  if (n <= 0) return { p: 0, low: 0, high: 1 };
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (his method 10) for the difference of two proportions,
 * `k1/n1` minus `k0/n0`, from the two Wilson intervals. Undefined while either group is empty.
 */
export function newcombeInterval(k1: number, n1: number, k0: number, n0: number, level = 0.95): Interval | undefined {
  if (n1 <= 0 || n0 <= 0) return undefined;
  const a = wilsonInterval(k1, n1, level);
  const b = wilsonInterval(k0, n0, level);
  const diff = a.p - b.p;
  return {
    diff,
    low: diff - Math.sqrt((a.p - a.low) ** 2 + (b.high - b.p) ** 2),
    high: diff + Math.sqrt((a.high - a.p) ** 2 + (b.p - b.low) ** 2),
  };
}
