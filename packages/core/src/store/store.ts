import { mergeDelta, type DayDelta, type FeaturePolicy } from '../rollup/day-rollup';
import { createNames } from './day-codec';
import type { HabitualError } from '../types';
import { memoryKV, type KV } from './kv';

export const DAY_PREFIX = 'day:';
export const APPLIED_PREFIX = 'applied:';
export const QUARANTINE_PREFIX = 'quarantine:';
/** The feature names the stored days refer to by index (day-codec.ts). */
export const NAMES_KEY = 'names';
export const PROFILE_KEY = 'profile';
/** The last remote config with its ETag (the sync client's cache). */
export const CONFIG_CACHE_KEY = 'config';
/**
 * Days stored since the collector last acknowledged them: `{ [day]: rev }`, kept in the
 * same transaction as the days, so a sync reads a few records instead of scanning the store.
 */
export const UNSYNCED_KEY = 'unsynced';

/** Day -> stored revision not yet acknowledged by the collector. */
export type Unsynced = Record<string, number>;

/**
 * The device's key-value store of one user, which never fails its caller: when IndexedDB is
 * missing or breaks (private mode, blocked, quota), it carries on in memory with whatever it
 * could still read, and says so once through `onError`. Typed records on top: records.ts.
 */
export interface Store extends KV {
  /**
   * Adds a tab's deltas to the stored days in one transaction, and marks them unsynced.
   * With `batch`, the merge happens at most once: a replayed journal whose write had landed
   * after all is skipped.
   */
  mergeDays(deltas: DayDelta[], policy?: FeaturePolicy, batch?: string): Promise<boolean>;
  /** The clock its records are stamped with. */
  now: () => number;
  /**
   * The codec of its days (day-codec.ts), for readers: the store owns its encoding, and the
   * keeper's bundle decodes with the tracker's copy instead of shipping a second one.
   */
  names: typeof createNames;
  /** The IndexedDB database behind it; undefined for a memory store. */
  name?: string;
}

export function createStore(kv: KV | (() => KV), onError: (error: HabitualError) => void, name?: string, now = Date.now): Store {
  let backing: KV | undefined;
  let persistent = true;
  let switching: Promise<KV> | undefined;

  const report = (cause: unknown) =>
    onError({ code: 'storage-unavailable', message: "IndexedDB is unavailable; Habitual keeps this page's data in memory only.", cause });

  const opened = (): KV => {
    if (!backing) {
      try {
        backing = typeof kv === 'function' ? kv() : kv;
      } catch (cause) {
        persistent = false;
        backing = memoryKV();
        report(cause);
      }
    }
    return backing;
  };

  async function run<T>(op: (kv: KV) => Promise<T>): Promise<T> {
    const current = opened();
    try {
      return await op(current);
    } catch (cause) {
      if (!persistent) throw cause;
      // Copy what can still be read (a full disk still reads) so history stays in view.
      switching ??= (async () => {
        const rows = await current.entries().catch(() => [] as Array<[string, unknown]>);
        persistent = false;
        backing = memoryKV(new Map(rows));
        report(cause);
        return backing;
      })();
      return op(await switching);
    }
  }

  return {
    /** Resolves to false when `batch` had been applied before (nothing was written). */
    async mergeDays(deltas, policy, batch) {
      if (!deltas.length) return true;
      let applied = true;
      const n = deltas.length;
      const at = now();
      // One transaction: the days, the names list, the unsynced list, a place aside for each
      // day, the marker.
      const keys = [...deltas.map((d) => DAY_PREFIX + d.day), NAMES_KEY, UNSYNCED_KEY, ...deltas.map((d) => asideKey(DAY_PREFIX + d.day, at))];
      if (batch) keys.push(APPLIED_PREFIX + batch);
      await run((kv) =>
        kv.transact(keys, (old) => {
          applied = !(batch && old[2 * n + 2] !== undefined);
          if (!applied) return [];
          const names = createNames(old[n]);
          const unsynced: Unsynced = { ...(old[n + 1] as Unsynced | undefined) };
          const aside: unknown[] = [];
          const days = deltas.map((d, i) => {
            // Full validation is readDays' (days.ts); a merge only needs the same day, readable.
            const stored = old[i] === undefined ? undefined : names.decode(old[i]);
            const problem = old[i] !== undefined && (stored?.day !== d.day || typeof stored.features !== 'object') ? 'unreadable' : undefined;
            // A day that cannot be read is kept aside, never merged into or lost.
            aside[i] = problem ? { key: keys[i], value: old[i], reason: problem } : undefined;
            const merged = mergeDelta(problem ? undefined : stored, d, policy);
            unsynced[d.day] = merged.rev;
            return names.encode(merged);
          });
          return [...days, names.grew() ? names.names : undefined, unsynced, ...aside, ...(batch ? [at] : [])];
        }),
      );
      return applied;
    },
    get: (key) => run((kv) => kv.get(key)),
    set: (key, value) => run((kv) => kv.set(key, value)),
    update: (key, fn) => run((kv) => kv.update(key, fn)),
    transact: (keys, fn) => run((kv) => kv.transact(keys, fn)),
    entries: () => run((kv) => kv.entries()),
    delMany: (keys) => run((kv) => kv.delMany(keys)),
    clear: () => run((kv) => kv.clear()),
    now,
    names: createNames,
    name,
  };
}

/** Where a record that failed validation is kept aside (its key ends in the time, for prune). */
export const asideKey = (key: string, at: number) => `${QUARANTINE_PREFIX}${key}:${at}`;
