import { describe, expect, it } from 'vitest';
import { compareMeans, compareShares, verdictOf } from './compare-arms';
import { normalQuantile } from './normal-quantile';
import { studentTQuantile } from './student-t';
import { summarize, welchInterval } from './welch-interval';
import { newcombeInterval, wilsonInterval } from './wilson-interval';

// Known values: quantiles and Welch's test from scipy 1.17 (stats.t.ppf, ttest_ind(equal_var=False)
// .confidence_interval); Wilson and Newcombe from Newcombe, Statistics in Medicine 17 (1998).
describe('the statistics of experiments', () => {
  it('normal and t quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 7);
    for (const [df, q] of [
      [1, 12.706204736174694],
      [2, 4.302652729749462],
      [5, 2.5705818356363146],
      [10, 2.228138851986274],
      [30, 2.0422724563012378],
      [1000, 1.9623390808264083],
    ]) {
      expect(studentTQuantile(0.975, df), `df ${df}`).toBeCloseTo(q, 6);
    }
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 6);
  });

  it("Welch's interval for a difference of means", () => {
    const a = summarize([19.1, 21.5, 22.3, 20.0, 23.8, 18.2, 25.1, 21.0]);
    const b = summarize([17.2, 18.9, 16.5, 20.1, 15.8, 19.4]);
    expect(a.variance).toBeCloseTo(5.416428571428574, 10);
    const w = welchInterval(a, b)!;
    expect(w.diff).toBeCloseTo(3.3916666666666693, 10);
    expect(w.df).toBeCloseTo(11.99783296505846, 8);
    expect(w.low).toBeCloseTo(1.0308497670192556, 6);
    expect(w.high).toBeCloseTo(5.752483566314083, 6);
    expect(welchInterval(a, summarize([3]))).toBeUndefined();
  });

  it("Wilson's interval for a proportion and Newcombe's for a difference of two", () => {
    const w = wilsonInterval(81, 263);
    expect([w.low, w.high].map((x) => +x.toFixed(4))).toEqual([0.2553, 0.3662]);
    const zero = wilsonInterval(0, 10);
    expect([zero.low, +zero.high.toFixed(4)]).toEqual([0, 0.2775]);
    const d = newcombeInterval(56, 70, 48, 80)!;
    expect(d.diff).toBeCloseTo(0.2, 10);
    expect([d.low, d.high].map((x) => +x.toFixed(4))).toEqual([0.0524, 0.3339]);
    const e = newcombeInterval(9, 10, 3, 10)!;
    expect([e.low, e.high].map((x) => +x.toFixed(4))).toEqual([0.1705, 0.809]);
  });

  it('plain verdicts, never before the minimum sample', () => {
    const i = { diff: 2, low: 0.5, high: 3.5 };
    expect(verdictOf(i, 99, 100)).toBe('not enough users yet');
    expect(verdictOf(i, 100, 100)).toBe('better');
    expect(verdictOf(i, 100, 100, false)).toBe('worse');
    expect(verdictOf({ diff: -2, low: -3, high: -1 }, 100, 100)).toBe('worse');
    expect(verdictOf({ diff: 0.2, low: -1, high: 1.4 }, 100, 100)).toBe('no detectable effect');

    // Spread 4 a side, smallest effect 1 day: (1.96² × 8) / 1² → 31 users each.
    const spread = (mean: number, n: number) => Array.from({ length: n }, (_, k) => mean + (k % 2 ? 2 : -2));
    const few = compareMeans(spread(12, 20), spread(10, 20), 1)!;
    expect([few.minimumSample, few.verdict]).toEqual([Math.ceil(1.959963984540054 ** 2 * (80 / 19) * 2), 'not enough users yet']);
    const many = compareMeans(spread(12, 200), spread(10, 200), 1)!;
    expect(many.verdict).toBe('better');
    expect(compareShares({ k: 50, n: 100 }, { k: 48, n: 100 }, 0.05)!.verdict).toBe('not enough users yet');
    expect(compareShares({ k: 500, n: 1000 }, { k: 490, n: 1000 }, 0.05)!.verdict).toBe('no detectable effect');
    expect(compareShares({ k: 100, n: 1000 }, { k: 200, n: 1000 }, 0.05, false)!.verdict).toBe('better');
  });
});
