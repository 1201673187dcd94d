import { mergeDelta, type DayDelta, type DayRollup, type FeaturePolicy } from '../rollup/day-rollup';
import type { HabitualError } from '../tracker/types';
import { memoryKV, type KV } from './kv';

export const DAY_PREFIX = 'day:';
export const APPLIED_PREFIX = 'applied:';

/**
 * The device's key-value store of one user, which never fails its caller: when IndexedDB is
 * missing or breaks (private mode, blocked, quota), it carries on in memory with whatever it
 * could still read, and says so once through `onError`. Typed records on top: records.ts.
 */
export interface Store extends KV {
  /**
   * Adds a tab's deltas to the stored days in one transaction. With `batch`, the merge
   * happens at most once: a replayed journal whose write had landed after all is skipped.
   */
  mergeDays(deltas: DayDelta[], policy?: FeaturePolicy, batch?: string): Promise<void>;
  /** False once the store fell back to memory. */
  persistent(): boolean;
}

export function createStore(kv: KV | (() => KV), onError: (error: HabitualError) => void): Store {
  let backing: KV | undefined;
  let persistent = true;
  let switching: Promise<KV> | undefined;

  const report = (cause: unknown) =>
    onError({ code: 'storage-unavailable', message: 'IndexedDB is unavailable; Habitual keeps this page\'s data in memory only.', cause });

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
    async mergeDays(deltas, policy, batch) {
      if (!deltas.length) return;
      const keys = deltas.map((d) => DAY_PREFIX + d.day);
      if (batch) keys.push(APPLIED_PREFIX + batch);
      await run((kv) =>
        kv.transact(keys, (old) => {
          if (batch && old[deltas.length] !== undefined) return [];
          // A stored day that is not a rollup is left for records.ts to set aside on read.
          const next: unknown[] = deltas.map((d, i) => mergeDelta((old[i] as DayRollup | undefined)?.v === 1 ? (old[i] as DayRollup) : undefined, d, policy));
          if (batch) next.push(Date.now());
          return next;
        }),
      );
    },
    get: (key) => run((kv) => kv.get(key)),
    set: (key, value) => run((kv) => kv.set(key, value)),
    update: (key, fn) => run((kv) => kv.update(key, fn)),
    transact: (keys, fn) => run((kv) => kv.transact(keys, fn)),
    entries: () => run((kv) => kv.entries()),
    delMany: (keys) => run((kv) => kv.delMany(keys)),
    clear: () => run((kv) => kv.clear()),
    persistent: () => (opened(), persistent),
  };
}
