import type { DriversModel } from '../config/types';
import type { EngagementState } from './types';

/** What the drivers inputs are read from: the engine's state (or its parts before it exists). */
export type DriverSource = Pick<EngagementState, 'uses28' | 'l28' | 'breadth' | 'valueUnits28' | 'momentum' | 'activation'>;

/**
 * The drivers model's inputs of one user, by name: log(1 + uses in the last 28 days) per
 * feature, and the score's raw measures on fixed scales (never their percentiles, so a new
 * population does not move a fitted model). The collector fits on exactly these numbers.
 */
export function driverInputs(s: DriverSource): Record<string, number> {
  const x: Record<string, number> = {};
  let volume = 0;
  for (const name in s.uses28) (x[name] = Math.log1p(s.uses28[name])), (volume += s.uses28[name]);
  x.frequency = s.l28 / 28;
  x.breadth = s.breadth;
  x.intensity = Math.log1p(s.valueUnits28);
  // No baseline yet reads as steady; a surge past three times it adds nothing more.
  x.momentum = Math.min(s.momentum ?? 1, 3);
  x.activation = s.activation.total ? s.activation.done / s.activation.total : 0;
  x.volume = Math.log1p(volume);
  return x;
}

/** The model's chance that this user stays: what the `drivers` measure scores (x 100). */
export function stayChance(x: Record<string, number>, tenureDays: number, m: DriversModel): number {
  let z = (m.bias ?? 0) + (m.tenure ?? 0) * Math.log1p(tenureDays);
  for (const k in m.weights) z += m.weights[k] * (x[k] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
