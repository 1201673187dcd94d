import { mergeDelta, rollupProblem, type DayDelta, type DayRollup } from '../rollup/day-rollup';
import type { HabitualError, Profile } from '../tracker/types';
import { memoryKV, type KV } from './kv';

export const DAY_PREFIX = 'day:';
const PROFILE = 'profile';
const QUARANTINE = 'quarantine:';
const APPLIED = 'applied:';

/** The device's record of one user: day rollups, profile, small caches. */
export interface Store {
  /**
   * Adds a tab's deltas to the stored days in one transaction. With `batch`, the merge
   * happens at most once: a replayed journal whose write had landed after all is skipped.
   */
  mergeDays(deltas: DayDelta[], keep?: (name: string) => boolean, batch?: string): Promise<void>;
  /** Every valid stored day, ascending; invalid records are moved aside. */
  days(): Promise<DayRollup[]>;
  /** Read-modify-write of the profile in one transaction (created by `init` when missing). */
  updateProfile(fn: (p: Profile) => Profile, init: () => Profile): Promise<Profile>;
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Deletes days before `oldestKept` (a day key); resolves to how many went. */
  prune(oldestKept: string): Promise<number>;
  clear(): Promise<void>;
  /** False once the store fell back to memory. */
  persistent(): boolean;
}

function profileProblem(x: unknown): string | undefined {
  if (!x || typeof x !== 'object') return 'not an object';
  const p = x as Partial<Profile>;
  if (p.v !== 1) return `unknown version ${String(p.v)}`;
  if (typeof p.deviceId !== 'string' || !p.deviceId) return 'deviceId is missing';
  for (const k of ['milestones', 'widgets', 'syncCursor'] as const) {
    if (!p[k] || typeof p[k] !== 'object') return `${k} is not an object`;
  }
  return undefined;
}

/**
 * A store over `kv` that never fails its caller: when IndexedDB is missing or breaks
 * (private mode, blocked, quota), it carries on in memory with whatever it could still
 * read, and says so once through `onError`.
 */
export function createStore(kv: KV | (() => KV), onError: (error: HabitualError) => void): Store {
  let backing: KV | undefined;
  let persistent = true;
  let switching: Promise<KV> | undefined;
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

  function report(cause: unknown) {
    onError({
      code: 'storage-unavailable',
      message: 'IndexedDB is unavailable; Habitual keeps this page\'s data in memory only.',
      cause,
    });
  }

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

  async function quarantine(key: string, value: unknown, reason: string) {
    await run(async (kv) => {
      await kv.set(`${QUARANTINE}${key}:${Date.now()}`, { key, value, reason });
      await kv.delMany([key]);
    });
    onError({ code: 'storage-corrupt', message: `Stored record ${key} was invalid (${reason}) and was set aside.` });
  }

  return {
    async mergeDays(deltas, keep, batch) {
      if (!deltas.length) return;
      const keys = deltas.map((d) => DAY_PREFIX + d.day);
      if (batch) keys.push(APPLIED + batch);
      await run((kv) =>
        kv.transact(keys, (old) => {
          if (batch && old[deltas.length] !== undefined) return [];
          const next: unknown[] = deltas.map((d, i) => mergeDelta(rollupProblem(old[i]) ? undefined : (old[i] as DayRollup), d, keep));
          if (batch) next.push(Date.now());
          return next;
        }),
      );
    },

    async days() {
      const rows = await run((kv) => kv.entries());
      const days: DayRollup[] = [];
      for (const [key, value] of rows) {
        if (typeof key !== 'string' || !key.startsWith(DAY_PREFIX)) continue;
        const problem = rollupProblem(value);
        if (problem) await quarantine(key, value, problem);
        else days.push(value as DayRollup);
      }
      return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    },

    async updateProfile(fn, init) {
      let bad: { value: unknown; problem: string } | undefined;
      const next = await run((kv) =>
        kv.update<Profile>(PROFILE, (old) => {
          const problem = old === undefined ? 'missing' : profileProblem(old);
          if (problem && old !== undefined) bad = { value: old, problem };
          return fn(problem ? init() : (old as Profile));
        }),
      );
      if (bad) {
        await run((kv) => kv.set(`${QUARANTINE}${PROFILE}:${Date.now()}`, { key: PROFILE, value: bad!.value, reason: bad!.problem }));
        onError({ code: 'storage-corrupt', message: `The stored profile was invalid (${bad.problem}) and was set aside.` });
      }
      return next;
    },

    get: (key) => run((kv) => kv.get(key)),
    set: (key, value) => run((kv) => kv.set(key, value)),

    async prune(oldestKept) {
      const rows = await run((kv) => kv.entries());
      // Journal markers only need to outlive a replay, which happens at the next start.
      const markersBefore = Date.now() - 7 * 86_400_000;
      const old = rows
        .filter(([key, value]) =>
          key.startsWith(DAY_PREFIX)
            ? key.slice(DAY_PREFIX.length) < oldestKept
            : key.startsWith(APPLIED) && typeof value === 'number' && value < markersBefore,
        )
        .map(([key]) => key);
      if (old.length) await run((kv) => kv.delMany(old));
      return old.length;
    },

    clear: () => run((kv) => kv.clear()),
    persistent: () => (opened(), persistent),
  };
}
