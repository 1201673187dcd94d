import type { HabitualError, Profile } from '../types';
import { setAside } from './set-aside';
import { PROFILE_KEY, type Store } from './store';

function profileProblem(x: unknown): string | undefined {
  if (!x || typeof x !== 'object') return 'not an object';
  const p = x as Partial<Profile>;
  if (p.v !== 1) return `unknown version ${String(p.v)}`;
  if (typeof p.deviceId !== 'string' || !p.deviceId) return 'deviceId is missing';
  // (Profiles from before the unsynced list also carry a `syncCursor`, no longer read.)
  for (const k of ['milestones', 'widgets'] as const) {
    if (!p[k] || typeof p[k] !== 'object') return `${k} is not an object`;
  }
  return undefined;
}

/** The stored value when it is a valid profile (the start's read of the store), else undefined. */
export const validProfile = (x: unknown): Profile | undefined => (profileProblem(x) ? undefined : (x as Profile));

/** Read-modify-write of the profile in one transaction (`init` stands in for a missing or invalid one). */
export async function updateProfile(store: Store, fn: (p: Profile) => Profile, init: () => Profile, onError: (e: HabitualError) => void): Promise<Profile> {
  let bad: { value: unknown; problem: string } | undefined;
  const next = await store.update<Profile>(PROFILE_KEY, (old) => {
    const problem = old === undefined ? 'missing' : profileProblem(old);
    if (problem && old !== undefined) bad = { value: old, problem };
    return fn(problem ? init() : (old as Profile));
  });
  if (bad) await setAside(store, PROFILE_KEY, bad.value, bad.problem, onError);
  return next;
}
