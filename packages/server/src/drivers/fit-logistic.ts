/** A fitted logistic regression on the inputs' own scale: P(y = 1) = 1 / (1 + e^-(bias + w.x)). */
export interface LogisticFit {
  weights: number[];
  bias: number;
  /** Standard errors of the weights on the standardised scale (per standard deviation of the input); 0 for a constant input. */
  standardErrors: number[];
  /** Standard deviation of each input in the training rows (weight x sd: the effect of one sd). */
  sds: number[];
  iterations: number;
  converged: boolean;
}

export interface FitOptions {
  /** L2 penalty on the standardised weights (the intercept is free). @default 1 */
  lambda?: number;
  /** @default 50 */
  maxIterations?: number;
  /** Largest Newton step at which the fit has converged. @default 1e-8 */
  tolerance?: number;
}

/** Solves A x = b for a symmetric positive definite A (p x p, row-major) by Cholesky; A is overwritten. */
function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= a[j * p + k] ** 2;
    d = Math.sqrt(Math.max(d, 1e-12));
    a[j * p + j] = d;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= a[i * p + k] * a[j * p + k];
      a[i * p + j] = s / d;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) x[i] -= a[i * p + k] * x[k];
    x[i] /= a[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    for (let k = i + 1; k < p; k++) x[i] -= a[k * p + i] * x[k];
    x[i] /= a[i * p + i];
  }
  return x;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * L2-regularised logistic regression by Newton's method (IRLS) on standardised inputs, with a
 * step halved while it does not lower the penalised loss. `x` holds `n` rows of `p` inputs,
 * row-major; `y` is 0 or 1 per row. Deterministic: the same rows in the same order give the
 * same fit. Costs n x p^2 per iteration and converges in about ten.
 */
export function fitLogistic(x: Float64Array, y: Uint8Array, p: number, options: FitOptions = {}): LogisticFit {
  const { lambda = 1, maxIterations = 50, tolerance = 1e-8 } = options;
  const n = y.length;
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += x[i * p + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) sd[j] += (x[i * p + j] - mean[j]) ** 2 / n;
  // A constant input (up to rounding in the mean) has sd 0: it stays out of the model.
  for (let j = 0; j < p; j++) sd[j] = Math.sqrt(sd[j]) > 1e-9 * (1 + Math.abs(mean[j])) ? Math.sqrt(sd[j]) : 0;
  // Standardised copy; a constant column stays 0 and so keeps weight 0.
  const z = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) z[i * p + j] = sd[j] > 1e-12 ? (x[i * p + j] - mean[j]) / sd[j] : 0;

  const q = p + 1; // the intercept last
  let beta = new Float64Array(q);
  let ySum = 0;
  for (let i = 0; i < n; i++) ySum += y[i];
  beta[p] = Math.log((ySum + 0.5) / (n - ySum + 0.5));
  const eta = (b: Float64Array, i: number) => {
    let e = b[p];
    for (let j = 0; j < p; j++) e += b[j] * z[i * p + j];
    return e;
  };
  const loss = (b: Float64Array) => {
    let l = 0;
    for (let i = 0; i < n; i++) {
      const e = eta(b, i);
      // log(1 + e^e) - y e, computed without overflow.
      l += (e > 0 ? e + Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e))) - y[i] * e;
    }
    for (let j = 0; j < p; j++) l += (lambda / 2) * b[j] ** 2;
    return l;
  };
  const hessian = (b: Float64Array, g?: Float64Array) => {
    const h = new Float64Array(q * q);
    const row = new Float64Array(q);
    for (let i = 0; i < n; i++) {
      const m = sigmoid(eta(b, i));
      const w = m * (1 - m);
      for (let j = 0; j < p; j++) row[j] = z[i * p + j];
      row[p] = 1;
      for (let j = 0; j < q; j++) {
        if (g) g[j] += (y[i] - m) * row[j];
        const wj = w * row[j];
        for (let k = 0; k <= j; k++) h[j * q + k] += wj * row[k];
      }
    }
    for (let j = 0; j < q; j++) for (let k = 0; k < j; k++) h[k * q + j] = h[j * q + k];
    for (let j = 0; j < p; j++) {
      h[j * q + j] += lambda;
      if (g) g[j] -= lambda * b[j];
    }
    return h;
  };

  let iterations = 0;
  let converged = false;
  let current = loss(beta);
  while (iterations < maxIterations && !converged) {
    iterations++;
    const g = new Float64Array(q);
    const step = choleskySolve(hessian(beta, g), g, q);
    let t = 1;
    let next = beta;
    let nextLoss = current;
    for (let halvings = 0; halvings < 30; halvings++, t /= 2) {
      next = beta.map((b, j) => b + t * step[j]);
      nextLoss = loss(next);
      if (nextLoss <= current + 1e-12) break;
    }
    const largest = Math.max(...step.map((s) => Math.abs(s * t)));
    beta = next;
    current = nextLoss;
    converged = largest < tolerance;
  }

  // Standard errors: the diagonal of the inverse Hessian at the fit, one solve per weight.
  const h = hessian(beta);
  const standardErrors = Array.from({ length: p }, (_, j) => {
    if (!(sd[j] > 1e-12)) return 0;
    const e = new Float64Array(q);
    e[j] = 1;
    return Math.sqrt(Math.max(choleskySolve(h.slice(), e, q)[j], 0));
  });
  const weights = Array.from({ length: p }, (_, j) => (sd[j] > 1e-12 ? beta[j] / sd[j] : 0));
  let bias = beta[p];
  for (let j = 0; j < p; j++) bias -= weights[j] * mean[j];
  return { weights, bias, standardErrors, sds: Array.from(sd), iterations, converged };
}

/** P(y = 1) of one row of inputs under a fit. */
export function predictLogistic(fit: Pick<LogisticFit, 'weights' | 'bias'>, x: Float64Array, row: number): number {
  const p = fit.weights.length;
  let e = fit.bias;
  for (let j = 0; j < p; j++) e += fit.weights[j] * x[row * p + j];
  return sigmoid(e);
}
