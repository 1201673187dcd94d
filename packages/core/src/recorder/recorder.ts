import type { LocalDay } from '../clock/day-clock';
import { emptyDelta, mergeDelta, type DayDelta } from '../rollup/day-rollup';
import type { Emitter } from '../emitter';
import type { HabitualEvents, TrackProps } from '../types';
import { trackProblem } from './validate-track';

/**
 * The hot path (habitual.js): validates a `track()` call and counts it into this tab's
 * in-memory delta of the local day. O(1), no I/O; storing is the tracker's, later.
 * Positional parameters: they minify to nothing, where a deps object's names would stay.
 *
 * @param accepting false while nothing may be recorded (consent denied, destroyed)
 * @param recorded something was recorded: the tracker schedules a store
 * @param events where `on('track')` listeners hear of each call
 * @param warn a dropped call, said in debug mode
 */
export function createRecorder(
  now: () => number,
  dayOf: (at: number) => LocalDay,
  accepting: () => boolean,
  recorded: () => void,
  events: Pick<Emitter<HabitualEvents>, 'has' | 'emit'>,
  warn: (message: string) => void,
) {
  // What this tab recorded since its last store, per local day.
  let deltas = new Map<string, DayDelta>();
  let current: DayDelta | undefined;
  const goodNames = new Set<string>();

  function deltaFor(at: number): DayDelta {
    const { day, tz } = dayOf(at);
    if (current?.day === day) return current;
    let d = deltas.get(day);
    if (!d) deltas.set(day, (d = emptyDelta(day, tz)));
    return (current = d);
  }

  return {
    // Kept together on purpose: no rest arguments, no allocation for a feature already
    // counted today, the name pattern tested once per name. `widget`: a widget's own count
    // (an `hb:` name, which no host may track), unchecked and unheard by `on('track')`.
    track(name: string, props?: TrackProps, widget?: boolean) {
      if (!accepting()) return;
      const known = widget || goodNames.has(name);
      const problem = trackProblem(name, props, known);
      if (problem) return void warn(problem);
      if (!known && goodNames.size < 1024) goodNames.add(name);
      const value = props?.value ?? 0;
      const at = now();
      const d = deltaFor(at);
      const f = d.features[name];
      if (f) f.n++, (f.value += value);
      else (d.features[name] = { n: 1, value }), (d.firsts[name] = at);
      if (!widget && events.has('track')) events.emit('track', { name, value });
      recorded();
    },

    /** Active time that ended at `at` goes to the day of `at`. */
    addActive(at: number, ms: number) {
      if (!accepting()) return;
      deltaFor(at).activeMs += ms;
      recorded();
    },

    /** Hands over what was recorded so far; later recording starts a new batch. */
    take(): Map<string, DayDelta> {
      const batch = deltas;
      deltas = new Map();
      current = undefined;
      return batch;
    },

    /** A batch that could not be stored comes back, added to what was recorded since. */
    putBack(batch: Map<string, DayDelta>) {
      for (const d of batch.values()) {
        const since = deltas.get(d.day);
        // mergeDelta adds counts (and stamps a rev, which a delta ignores): one adder, not two.
        deltas.set(d.day, since ? mergeDelta(mergeDelta(undefined, d), since) : d);
      }
      current = undefined;
    },
  };
}
