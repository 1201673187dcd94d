import type { DayRollup, FeatureCount } from '../rollup/day-rollup';
import { dayIndex } from './day-keys';

/** One local day with every record for it merged: what the engine reads. */
export interface EngineDay {
  idx: number;
  key: string;
  activeMs: number;
  features: Record<string, FeatureCount>;
  firsts: Record<string, number>;
}

/** Adds `b` into the mutable day `a` (records of other devices for the same day add up). */
export function addInto(a: EngineDay, b: { activeMs: number; features: Record<string, FeatureCount>; firsts: Record<string, number> }): void {
  a.activeMs += b.activeMs;
  for (const name in b.features) {
    const f = b.features[name];
    const have = a.features[name];
    if (have) (have.n += f.n), (have.value += f.value);
    else a.features[name] = { n: f.n, value: f.value };
  }
  for (const name in b.firsts) {
    const at = b.firsts[name];
    if (!(name in a.firsts) || at < a.firsts[name]) a.firsts[name] = at;
  }
}

/** A mutable copy of a rollup, safe to add to. */
export function copyDay(
  r: { day: string; activeMs: number; features: Record<string, FeatureCount>; firsts: Record<string, number> },
  idx = dayIndex(r.day),
): EngineDay {
  const d: EngineDay = { idx, key: r.day, activeMs: 0, features: {}, firsts: {} };
  addInto(d, r);
  return d;
}

/**
 * Rollups in any order, several per day allowed (one per device), as ascending merged
 * days. Days with one record reuse its objects untouched (the engine only reads them), so
 * the common case costs one parse per day and no copies.
 */
export function toDays(rollups: readonly DayRollup[]): EngineDay[] {
  const out: EngineDay[] = [];
  let sorted = true;
  for (const r of rollups) {
    const idx = dayIndex(r.day);
    if (Number.isNaN(idx)) continue;
    if (out.length && idx <= out[out.length - 1].idx) sorted = false;
    out.push({ idx, key: r.day, activeMs: r.activeMs, features: r.features, firsts: r.firsts });
  }
  if (sorted) return out;
  out.sort((a, b) => a.idx - b.idx);
  const merged: EngineDay[] = [];
  // Copy on the first collision so the caller's rollups are never written to.
  const owned = new Set<EngineDay>();
  for (const d of out) {
    let last = merged[merged.length - 1];
    if (last && last.idx === d.idx) {
      if (!owned.has(last)) {
        last = copyDay({ day: last.key, activeMs: last.activeMs, features: last.features, firsts: last.firsts }, last.idx);
        owned.add(last);
        merged[merged.length - 1] = last;
      }
      addInto(last, d);
    } else merged.push(d);
  }
  return merged;
}
