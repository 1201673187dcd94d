import type { ScoreMeasure } from '../config/vocabulary';
import type { ResolvedConfig } from '../config/resolve-config';
import { isReserved } from '../rollup/reserved';
import type { Normaliser } from './scorecard';

/** What one configured feature means to the engine, looked up once per feature per day. */
interface FeatureInfo {
  /** A use qualifies the day on its own. */
  core: boolean;
  /** Position among the key features, or -1. */
  keyPos: number;
  /** Counts value units. */
  value: boolean;
  /** Position among the value features, or -1. */
  valuePos: number;
  /** Thresholds on the running total of uses: [slot in `reached`, count]. */
  watch: Array<[slot: number, count: number]>;
}

export interface FeatureIndex {
  info: Map<string, FeatureInfo>;
  keyNames: string[];
  keyWeights: number[];
  keyWeightSum: number;
  hasValue: boolean;
  /** The value features in config order, and their unit labels. */
  valueNames: string[];
  valueUnits: string[];
  /** Reached slots: activation steps first, then milestones (config order). */
  slots: number;
  /** Streak milestones as [slot, streak length]. */
  streakSlots: Array<[slot: number, length: number]>;
  /** Active-day milestones as [slot, qualified days in all]. */
  activeDaySlots: Array<[slot: number, days: number]>;
  activeMs: number;
  normalisers: Record<ScoreMeasure, Normaliser>;
}

const cache = new WeakMap<ResolvedConfig, FeatureIndex>();

/** Precomputes, once per resolved config, everything the per-day loop asks of a feature. */
export function featureIndex(rc: ResolvedConfig): FeatureIndex {
  const hit = cache.get(rc);
  if (hit) return hit;
  const info = new Map<string, FeatureInfo>();
  const keyNames: string[] = [];
  const keyWeights: number[] = [];
  const valueNames: string[] = [];
  const valueUnits: string[] = [];
  let anyCore = false;
  for (const name in rc.features) {
    // A widget's count is never a feature, even when a config names one (scanDay skips them).
    if (isReserved(name)) continue;
    const f = rc.features[name];
    if (f.core) anyCore = true;
    const keyPos = f.key ? keyNames.push(name) - 1 : -1;
    if (f.key) keyWeights.push(f.weight);
    const valuePos = f.value !== undefined ? valueNames.push(name) - 1 : -1;
    if (f.value !== undefined) valueUnits.push(f.value);
    info.set(name, { core: f.core, keyPos, value: f.value !== undefined, valuePos, watch: [] });
  }
  // With no core value event configured, using any key feature is what counts as value.
  if (!anyCore) for (const i of info.values()) if (i.keyPos >= 0) i.core = true;
  const watch = (event: string, slot: number, count: number) => {
    let i = info.get(event);
    // Rules may name events that are not features (a funnel start); they still get counted.
    if (!i) info.set(event, (i = { core: false, keyPos: -1, value: false, valuePos: -1, watch: [] }));
    i.watch.push([slot, count]);
  };
  rc.activation.forEach((a, s) => watch(a.event, s, a.count));
  rc.milestones.forEach((m, i) => {
    if (m.event !== undefined) watch(m.event, rc.activation.length + i, m.count ?? 1);
  });
  const e = rc.engagement;
  const upTo = (top: number): Normaliser => ({
    kind: 'linear',
    points: [
      [0, 0],
      [top, 100],
    ],
  });
  const unit = upTo(1);
  const normalisers: Record<ScoreMeasure, Normaliser> = {
    frequency: upTo(e.frequencyTarget),
    breadth: unit,
    intensity: upTo(e.intensityTarget),
    momentum: unit,
    activation: unit,
    volume: upTo(e.volumeTarget),
    drivers: unit,
  };
  // Against the app's own population: a raw value scores the percentile it stands at.
  const pop = e.percentiles ?? {};
  for (const m in pop) {
    const v = [...pop[m as ScoreMeasure]!].sort((a, b) => a - b);
    if (v.length > 1) normalisers[m as ScoreMeasure] = { kind: 'linear', points: v.map((x, i) => [x, (100 * i) / (v.length - 1)]) };
  }
  const fx: FeatureIndex = {
    info,
    keyNames,
    keyWeights,
    keyWeightSum: keyWeights.reduce((a, b) => a + b, 0),
    hasValue: valueNames.length > 0,
    valueNames,
    valueUnits,
    slots: rc.activation.length + rc.milestones.length,
    streakSlots: rc.milestones.flatMap((m, i): Array<[number, number]> => (m.streak !== undefined ? [[rc.activation.length + i, m.streak]] : [])),
    activeDaySlots: rc.milestones.flatMap((m, i): Array<[number, number]> => (m.activeDays !== undefined ? [[rc.activation.length + i, m.activeDays]] : [])),
    activeMs: e.activeMinutes * 60_000,
    normalisers,
  };
  cache.set(rc, fx);
  return fx;
}
