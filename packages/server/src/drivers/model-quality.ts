/**
 * Area under the ROC curve: the chance that a random positive scores above a random
 * negative (ties count half). NaN without both classes.
 */
export function auc(scores: ArrayLike<number>, positive: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    // Tied scores share their average rank (1-based).
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (positive[order[k]]) (pos += 1), (rankSum += rank);
    i = j + 1;
  }
  const neg = order.length - pos;
  return pos && neg ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : Number.NaN;
}

export interface CalibrationBin {
  /** Mean predicted chance of the event in the bin. */
  predicted: number;
  /** Share of the bin's rows where it happened. */
  observed: number;
  n: number;
}

/** Predictions cut into `bins` equal-count groups by predicted chance, each with what happened. */
export function calibration(predicted: ArrayLike<number>, happened: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const order = Array.from({ length: predicted.length }, (_, i) => i).sort((a, b) => predicted[a] - predicted[b]);
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * order.length) / bins);
    const to = Math.floor(((b + 1) * order.length) / bins);
    if (to <= from) continue;
    let p = 0;
    let o = 0;
    for (let k = from; k < to; k++) (p += predicted[order[k]]), (o += happened[order[k]]);
    out.push({ predicted: p / (to - from), observed: o / (to - from), n: to - from });
  }
  return out;
}

/** Wilson 95% interval of a share `k / n`. */
export function wilson(k: number, n: number): [number, number] {
  if (!n) return [0, 1];
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}
