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
  /** The profile of the current store, as this tab last read it. */
  profile: () => Profile;
  /** Read-modify-write of the current store's profile. */
  writeProfile: (fn: (p: Profile) => Profile) => Promise<Profile>;
}

/**
 * The engagement state of the current user, kept fresh: stored days in, state out, and the
 * `state`, `stage` and `milestone` events on real changes only (a milestone once, in one tab).
 */
export function createEngagement(deps: EngagementDeps) {
  let engine: Engine | undefined;
  let config: HabitualConfig = {};
  let state: EngagementState | null = null;
  let stateKey = '';

  // One refresh at a time: a refresh that waits on the profile write of a new milestone
  // would otherwise let a later one announce the same state first, before the milestone.
  let last: Promise<void> = Promise.resolve();
  const refresh = () => (last = last.then(recompute, recompute));

  /** Recomputes the state; listeners hear of real changes only (milestones before the state that reached them). */
  async function recompute() {
    if (!engine) return;
    const next = engine.state(deps.now());
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
    /** A fresh engine over every stored day (unflushed counts arrive with their flush). */
    load(days: DayRollup[]) {
      const { milestones, stage } = deps.profile();
      engine = createEngine({ config, today: deps.today, prev: { milestones, stage } });
      engine.load(days);
      return refresh();
    },
    /**
     * Counts just stored, into the engine. Once per flush, not per event: the state is only
     * recomputed after a flush, and `track()` stays a few counter increments.
     */
    absorb(deltas: Iterable<DayDelta>) {
      if (engine) for (const d of deltas) engine.merge(d);
    },
    refresh,
    setConfig(next: HabitualConfig) {
      config = next;
      engine?.setConfig(next);
    },
    state: () => state,
  };
}
