import { rollupProblem, type DayRollup } from '../rollup/day-rollup';
import type { HabitualError, Profile } from '../tracker/types';
import { createNames } from './day-codec';
import { APPLIED_PREFIX, DAY_PREFIX, NAMES_KEY, QUARANTINE_PREFIX, type Store } from './store';

const PROFILE = 'profile';

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

/** Keeps a record that failed validation aside (never deleted, never crashed on). */
async function quarantine(store: Store, key: string, value: unknown, reason: string, onError: (e: HabitualError) => void) {
  await store.set(`${QUARANTINE_PREFIX}${key}:${Date.now()}`, { key, value, reason });
  onError({ code: 'storage-corrupt', message: `Stored record ${key} was invalid (${reason}) and was set aside.` });
}

/** Every valid stored day, ascending; invalid records are moved aside. */
export async function readDays(store: Store, onError: (e: HabitualError) => void): Promise<DayRollup[]> {
  const rows = await store.entries();
  const names = createNames(rows.find(([key]) => key === NAMES_KEY)?.[1]);
  const days: DayRollup[] = [];
  for (const [key, value] of rows) {
    if (typeof key !== 'string' || !key.startsWith(DAY_PREFIX)) continue;
    const day = names.decode(value);
    const problem = day ? rollupProblem(day) : 'unreadable';
    if (!problem) days.push(day!);
    else await quarantine(store, key, value, problem, onError), await store.delMany([key]);
  }
  return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Read-modify-write of the profile in one transaction (`init` stands in for a missing or invalid one). */
export async function updateProfile(
  store: Store,
  fn: (p: Profile) => Profile,
  init: () => Profile,
  onError: (e: HabitualError) => void,
): Promise<Profile> {
  let bad: { value: unknown; problem: string } | undefined;
  const next = await store.update<Profile>(PROFILE, (old) => {
    const problem = old === undefined ? 'missing' : profileProblem(old);
    if (problem && old !== undefined) bad = { value: old, problem };
    return fn(problem ? init() : (old as Profile));
  });
  if (bad) await quarantine(store, PROFILE, bad.value, bad.problem, onError);
  return next;
}

/** Deletes days before `oldestKept` (a day key) and old journal markers; resolves to how many went. */
export async function prune(store: Store, oldestKept: string, now: number): Promise<number> {
  // Journal markers only need to outlive a replay, which happens at the next start; records
  // set aside stay a month for anyone who wants to look at them (their key ends in the time).
  const markersBefore = now - 7 * 86_400_000;
  const asideBefore = now - 30 * 86_400_000;
  const old = (await store.entries())
    .filter(([key, value]) =>
      key.startsWith(DAY_PREFIX)
        ? key.slice(DAY_PREFIX.length) < oldestKept
        : key.startsWith(APPLIED_PREFIX)
          ? typeof value === 'number' && value < markersBefore
          : key.startsWith(QUARANTINE_PREFIX) && Number(key.slice(key.lastIndexOf(':') + 1)) < asideBefore,
    )
    .map(([key]) => key);
  if (old.length) await store.delMany(old);
  return old.length;
}
