import { rollupProblem, type DayRollup } from '../rollup/day-rollup';
import type { HabitualError } from '../types';
import { setAside } from './set-aside';
import { APPLIED_PREFIX, CONFIG_CACHE_KEY, DAY_PREFIX, NAMES_KEY, PROFILE_KEY, QUARANTINE_PREFIX, UNSYNCED_KEY, type Store, type Unsynced } from './store';

/** Decodes stored day records; the invalid ones are moved aside (so reading may write). */
async function decodeDays(store: Store, rows: Array<[string, unknown]>, names: unknown, onError: (e: HabitualError) => void) {
  const list = store.names(names);
  const days: DayRollup[] = [];
  for (const [key, value] of rows) {
    if (value === undefined) continue;
    const day = list.decode(value);
    const problem = day ? rollupProblem(day) : 'unreadable';
    if (!problem) days.push(day!);
    else await setAside(store, key, value, problem, onError), await store.delMany([key]);
  }
  return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** The valid days among a store's rows, ascending. */
const daysOf = (store: Store, rows: Array<[string, unknown]>, onError: (e: HabitualError) => void) =>
  decodeDays(
    store,
    rows.filter(([key]) => key.startsWith(DAY_PREFIX)),
    rows.find(([key]) => key === NAMES_KEY)?.[1],
    onError,
  );

/** Every valid stored day, ascending. */
export async function readDays(store: Store, onError: (e: HabitualError) => void): Promise<DayRollup[]> {
  return daysOf(store, await store.entries(), onError);
}

/**
 * Every valid stored day, for the keeper's (re)load. The same single read (`rows`, when the
 * caller has read the store already) tells whether the store has its unsynced list; one from
 * before the list existed gets it now (startUnsynced). With `oldestKept` (a day key) it prunes
 * the store too, from the rows it read (the days it gives back still include the pruned ones,
 * as the engine loaded them before a prune did).
 */
export async function loadDays(store: Store, onError: (e: HabitualError) => void, oldestKept?: string, rows?: Array<[string, unknown]>): Promise<DayRollup[]> {
  rows ??= await store.entries();
  const days = await daysOf(store, rows, onError);
  // A store with no days has nothing unsynced: its first merge writes the list.
  if (days.length && !rows.some(([key]) => key === UNSYNCED_KEY)) await startUnsynced(store, days);
  if (oldestKept) await prune(store, rows, oldestKept);
  return days;
}

/**
 * Among `days` read from `rows` (the keeper's start), those the collector has not
 * acknowledged: what `readUnsynced` would read, without reading again. A store without the
 * list counts every day (startUnsynced).
 */
export function unsyncedAmong(rows: Array<[string, unknown]>, days: DayRollup[]): DayRollup[] {
  const list = rows.find(([key]) => key === UNSYNCED_KEY)?.[1] as Unsynced | undefined;
  return list ? days.filter((d) => list[d.day] !== undefined) : days;
}

/** The stored days the collector has not acknowledged yet: a few reads, never a scan. */
export async function readUnsynced(store: Store, onError: (e: HabitualError) => void): Promise<DayRollup[]> {
  const keys = Object.keys((await store.get<Unsynced>(UNSYNCED_KEY)) ?? {}).map((day) => DAY_PREFIX + day);
  if (!keys.length) return [];
  // A transaction that writes nothing: one round trip for every record needed.
  let read: unknown[] = [];
  await store.transact([NAMES_KEY, ...keys], (old) => ((read = old), []));
  const [names, ...values] = read;
  return decodeDays(
    store,
    keys.map((key, i) => [key, values[i]]),
    names,
    onError,
  );
}

/**
 * A store from before the unsynced list existed gets one, before this tab stores anything:
 * every day it holds counts as unsynced once (sending a day again is harmless: the collector
 * keeps the larger counts). Checked again in the transaction: another tab may have made it.
 */
const startUnsynced = (store: Store, days: DayRollup[]) =>
  store.transact([UNSYNCED_KEY], ([list]) => (list ? [] : [Object.fromEntries(days.map((d) => [d.day, d.rev]))]));

/**
 * The collector stored these revisions of `deviceId`'s days: they leave the unsynced list
 * unless they changed since. After a forget() the store holds a new device, whose days owe
 * nothing to the old one's acks. Returns whether the store still holds what a start must read
 * (days left unacknowledged, a cached config: its start marker stays), undefined when it holds
 * another device.
 */
export async function markSynced(store: Store, deviceId: string, acks: Array<{ day: string; rev: number }>): Promise<boolean | undefined> {
  let busy: boolean | undefined;
  await store.transact([PROFILE_KEY, UNSYNCED_KEY, CONFIG_CACHE_KEY], ([profile, old, cache]) => {
    if ((profile as { deviceId?: string } | undefined)?.deviceId !== deviceId) return [];
    const next: Unsynced = { ...(old as Unsynced | undefined) };
    for (const { day, rev } of acks) if (next[day] !== undefined && next[day] <= rev) delete next[day];
    busy = Object.keys(next).length > 0 || cache !== undefined;
    return [undefined, next];
  });
  return busy;
}

/**
 * Deletes, among `rows` (a start's read of the store), days before `oldestKept` (a day key),
 * journal markers older than a week (they only need to outlive a replay, which happens at
 * the next start) and records set aside a month ago. A start
 * reads every row anyway, so pruning there costs a write only when something is old.
 */
async function prune(store: Store, rows: Array<[string, unknown]>, oldestKept: string): Promise<void> {
  const now = store.now();
  const old = rows
    .filter(([key, value]) =>
      key.startsWith(DAY_PREFIX)
        ? key.slice(DAY_PREFIX.length) < oldestKept
        : key.startsWith(APPLIED_PREFIX)
          ? typeof value === 'number' && value < now - 7 * 86_400_000
          : key.startsWith(QUARANTINE_PREFIX) && Number(key.slice(key.lastIndexOf(':') + 1)) < now - 30 * 86_400_000,
    )
    .map(([key]) => key);
  if (!old.length) return;
  await store.delMany(old);
  // The unsynced list goes with the days it speaks of.
  await store.update<Unsynced>(UNSYNCED_KEY, (u = {}) => Object.fromEntries(Object.entries(u).filter(([day]) => day >= oldestKept)));
}
