import { resolveConfig, type ResolvedConfig } from '../config/resolve-config';
import type { HabitualConfig } from '../config/types';
import type { DayRollup } from '../rollup/day-rollup';
import { dayIndex, todayKey } from './day-keys';
import { copyDay, addInto, type EngineDay } from './engine-day';
import { featureIndex, type FeatureIndex } from './feature-index';
import { finishState, type PrevState } from './finish-state';
import { buildHistory, type History } from './history';
import type { EngagementState } from './types';

export interface EngineOptions {
  config: HabitualConfig;
  /** IANA time zone that decides "today" (unless `today` is given). */
  timeZone?: string;
  /**
   * The local day of `now`, when the caller has a cheaper way to tell it than formatting
   * `now` in `timeZone` (the tracker's day clock, which needs no Intl in the system zone).
   * @default todayKey(now, timeZone)
   */
  today?: (now: number) => string;
  /** Milestones already reached and the last stage, from the profile. */
  prev?: PrevState;
}

export interface Engine {
  /** Replaces every day (several records per day are summed: one per device). */
  load(rollups: DayRollup[]): void;
  /** One use of a feature: O(1). */
  add(day: string, name: string, value: number, at: number): void;
  /** Active time: O(1). */
  addActive(day: string, ms: number): void;
  /** Adds a tab's counts for one day at once (the tracker's flushed delta): O(features). */
  merge(delta: { day: string; activeMs: number; features: DayRollup['features']; firsts: DayRollup['firsts'] }): void;
  /** Validates (throws on a bad config, keeping the old one) and forces a full recompute. */
  setConfig(config: HabitualConfig): void;
  /**
   * The state at `now`. Folds today's counters onto a cached history of earlier days;
   * the history is rebuilt only on day rollover, a change to an earlier day, or a new config.
   * Each milestone appears in `newMilestones` once per engine (and never if in `prev`).
   */
  state(now: number): EngagementState;
}

/** The incremental engine the tracker keeps fresh as events arrive. */
export function createEngine(options: EngineOptions): Engine {
  let rc: ResolvedConfig = resolveConfig(options.config);
  let fx: FeatureIndex = featureIndex(rc);
  // todayKey says what is wrong with a missing or unknown zone.
  const today = options.today ?? ((now: number) => todayKey(now, options.timeZone!));
  const milestones: Record<string, string> = { ...options.prev?.milestones };
  let stage = options.prev?.stage;

  const days = new Map<number, EngineDay>();
  let sorted: EngineDay[] | null = null;
  let maxIdx = -Infinity;
  let history: History | null = null;
  // The tracker adds to the same day over and over: skip re-parsing its key.
  let lastKey = '';
  let lastIdx = NaN;

  const idxOf = (key: string) => (key === lastKey ? lastIdx : ((lastKey = key), (lastIdx = dayIndex(key))));

  function dayFor(key: string): EngineDay | undefined {
    const idx = idxOf(key);
    if (Number.isNaN(idx)) return undefined;
    let d = days.get(idx);
    if (!d) {
      days.set(idx, (d = { idx, key, activeMs: 0, features: {}, firsts: {} }));
      sorted = null;
      if (idx > maxIdx) maxIdx = idx;
    }
    // A change before the cached "today" invalidates the folded history.
    if (history && idx < history.todayIdx) history = null;
    return d;
  }

  return {
    load(rollups) {
      days.clear();
      maxIdx = -Infinity;
      for (const r of rollups) {
        const idx = dayIndex(r.day);
        if (Number.isNaN(idx)) continue;
        const have = days.get(idx);
        if (have) addInto(have, r);
        else days.set(idx, copyDay(r, idx));
        if (idx > maxIdx) maxIdx = idx;
      }
      sorted = null;
      history = null;
    },
    add(day, name, value, at) {
      const d = dayFor(day);
      if (!d) return;
      const f = d.features[name];
      const v = Number.isFinite(value) ? value : 0;
      if (f) (f.n += 1), (f.value += v);
      else d.features[name] = { n: 1, value: v };
      const first = d.firsts[name];
      if (first === undefined || at < first) d.firsts[name] = at;
    },
    addActive(day, ms) {
      const d = dayFor(day);
      if (d && ms > 0 && Number.isFinite(ms)) d.activeMs += ms;
    },
    merge(delta) {
      const d = dayFor(delta.day);
      if (d) addInto(d, delta);
    },
    setConfig(config) {
      rc = resolveConfig(config);
      fx = featureIndex(rc);
      history = null;
    },
    state(now) {
      let T = dayIndex(today(now));
      if (maxIdx > T) T = maxIdx;
      if (!history || history.todayIdx !== T) {
        if (!sorted) sorted = [...days.values()].sort((a, b) => a.idx - b.idx);
        history = buildHistory(sorted, T, rc, fx);
      }
      const s = finishState(history, days.get(T), rc, fx, { milestones, stage });
      for (const m of s.newMilestones) milestones[m.id] = m.day;
      stage = s.stage;
      return s;
    },
  };
}
