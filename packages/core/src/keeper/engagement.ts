import type { HabitualConfig } from '../config/types';
import { createEngine, type Engine } from '../engine/create-engine';
import type { EngagementState } from '../engine/types';
import type { DayDelta, DayRollup } from '../rollup/day-rollup';
import type { HabitualEvents, Profile } from '../types';

export interface EngagementDeps {
  now: () => number;
  /** The local day of `now()`, by the tracker's day clock (no Intl in the system zone). */
  today: () => string;
  emit: <E extends keyof HabitualEvents>(event: E, payload: HabitualEvents[E]) => void;
  /** Whether anyone listens for `state`, `stage` or `milestone`. */
  listened: () => boolean;
  /** The profile of the current store, as this tab last read it. */
  profile: () => Profile;
  /** Read-modify-write of the current store's profile. */
  writeProfile: (fn: (p: Profile) => Profile) => Promise<Profile>;
}

/**
 * The engagement state of the current user, kept fresh: stored days in, state out, and the
 * `state`, `stage` and `milestone` events on real changes only (a milestone once, in one tab).
 *
 * Computed only once someone wants it (`getState()`, or a listener of `state`, `stage` or
 * `milestone` by the next load or flush; widgets are both): until then the stored days and
 * the deltas stored since wait, and no engine is built. A page with every
 * widget off and no listener never pays for the engine. The milestones and stage a page
 * without listeners did not compute are decided by the first page that does.
 */
export function createEngagement(deps: EngagementDeps) {
  let engine: Engine | undefined;
  let config: HabitualConfig = {};
  let state: EngagementState | null = null;
  let stateKey = '';
  let wanted = false;
  // Days loaded and deltas stored while nobody wanted the state, for the engine to come.
  let days: DayRollup[] | undefined;
  let deltas: DayDelta[] = [];

  // One refresh at a time: a refresh that waits on the profile write of a new milestone
  // would otherwise let a later one announce the same state first, before the milestone.
  let last: Promise<void> = Promise.resolve();
  const refresh = (given?: EngagementState) => {
    const run = () => recompute(given);
    return (wanted ||= deps.listened()) ? (last = last.then(run, run)) : last;
  };

  function build() {
    if (!engine && days) {
      // The profile's milestones and stage: the engine's previous state.
      engine = createEngine({ config, today: deps.today, prev: deps.profile() });
      engine.load(days);
      deltas.forEach(engine.merge);
    }
    return engine;
  }

  /** Recomputes the state; listeners hear of real changes only (milestones before the state that reached them). */
  async function recompute(given?: EngagementState) {
    const next = given ?? build()?.state(deps.now());
    if (!next) return;
    state = next;
    const profile = deps.profile();
    const fresh = next.newMilestones.filter((m) => !(m.id in profile.milestones));
    const from = profile.stage;
    if (fresh.length || next.stage !== from) {
      // Another tab may have celebrated first: the stored profile decides, in one transaction.
      const won: typeof fresh = [];
      await deps.writeProfile((p) => {
        const milestones = { ...p.milestones };
        for (const m of fresh) if (!(m.id in milestones)) (milestones[m.id] = m.day), won.push(m);
        return { ...p, milestones, stage: next.stage };
      });
      if (next.stage !== from) deps.emit('stage', { from, to: next.stage });
      for (const m of won) deps.emit('milestone', m);
    }
    const key = JSON.stringify({ ...next, newMilestones: undefined });
    if (key !== stateKey) (stateKey = key), deps.emit('state', next);
  }

  return {
    /** Every stored day, for a fresh engine (unflushed counts arrive with their flush). */
    load(next: DayRollup[]) {
      engine = undefined;
      days = next;
      deltas = [];
      return refresh();
    },
    /**
     * Counts just stored, into the engine. Once per flush, not per event: the state is only
     * recomputed after a flush, and `track()` stays a few counter increments.
     */
    absorb(stored: Iterable<DayDelta>) {
      if (engine) for (const d of stored) engine.merge(d);
      // Bounded: a long page that nobody asks builds the engine once, then merges into it.
      else if (deltas.push(...stored) > 500) build();
    },
    refresh,
    setConfig(next: HabitualConfig) {
      config = next;
      engine?.setConfig(next);
    },
    /** The state, from now on kept fresh; computed on the spot the first time it is asked for. */
    state() {
      if (!wanted) {
        wanted = true;
        if (build()) refresh((state = build()!.state(deps.now())));
      }
      return state;
    },
  };
}
