import { describe, expect, it } from 'vitest';
import { createRandom } from '@habitual/core/sim';
import { fitLogistic, predictLogistic } from './fit-logistic';
import { auc, calibration, wilson } from './model-quality';

/** `n` rows of two inputs on different scales, y drawn from a known logistic model. */
function sample(n: number, seed = 1) {
  const r = createRandom(seed);
  const x = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[i * 3] = r.next() * 10;
    x[i * 3 + 1] = r.next() * 2 - 1;
    x[i * 3 + 2] = 7; // constant: keeps weight 0
    const z = -1 + 0.4 * x[i * 3] - 2 * x[i * 3 + 1];
    y[i] = r.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x, y };
}

describe('fitLogistic', () => {
  it('recovers a known model on the inputs own scale, converging in a few Newton steps', () => {
    const { x, y } = sample(20_000);
    const fit = fitLogistic(x, y, 3, { lambda: 1e-6 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(12);
    expect(Math.abs(fit.weights[0] - 0.4)).toBeLessThan(0.04);
    expect(Math.abs(fit.weights[1] + 2)).toBeLessThan(0.15);
    expect(fit.weights[2]).toBe(0);
    expect(fit.bias).toBeCloseTo(-1, 0);
    // The truth lies inside about two standard errors (standardised scale).
    expect(Math.abs(fit.weights[1] * fit.sds[1] - -2 * fit.sds[1])).toBeLessThan(3 * fit.standardErrors[1]);
  });

  it('shrinks weights as the penalty grows, and is deterministic', () => {
    const { x, y } = sample(2_000, 2);
    const loose = fitLogistic(x, y, 3, { lambda: 1e-6 });
    const tight = fitLogistic(x, y, 3, { lambda: 500 });
    expect(Math.abs(tight.weights[1])).toBeLessThan(Math.abs(loose.weights[1]) * 0.8);
    expect(fitLogistic(x, y, 3, { lambda: 1 })).toEqual(fitLogistic(x, y, 3, { lambda: 1 }));
  });

  it('predicts on the inputs own scale', () => {
    const { x, y } = sample(5_000, 3);
    const fit = fitLogistic(x, y, 3);
    const p = Array.from({ length: y.length }, (_, i) => predictLogistic(fit, x, i));
    // Calibrated: in every tenth by prediction, what happened is near what was predicted.
    for (const bin of calibration(p, y)) expect(Math.abs(bin.observed - bin.predicted)).toBeLessThan(0.08);
    expect(auc(p, y)).toBeGreaterThan(0.8);
  });
});

describe('model quality', () => {
  it('auc counts ties as half and is NaN without both classes', () => {
    expect(auc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(auc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    expect(auc([1, 2], [1, 1])).toBeNaN();
  });

  it('wilson intervals hold the share and stay in 0..1', () => {
    const [lo, hi] = wilson(45, 50);
    expect(lo).toBeLessThan(0.9);
    expect(hi).toBeGreaterThan(0.9);
    expect(hi).toBeLessThanOrEqual(1);
    expect(wilson(0, 10)[0]).toBe(0);
  });
});
