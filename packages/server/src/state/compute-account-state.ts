import { addDays, computeState, mergeDeviceRollups, todayKey, type HabitualConfig } from '@habitual/core';
import { accountScorecardSteps, userSummary, type AccountScorecard, type UserRollups, type UserSummary } from '../accounts/account-scorecard';
import type { Account } from '../accounts/account-store';
import { nextLocalMidnight } from './state-horizon';
import { runSteps } from './run-sliced';

export interface KeptUser {
  id: string;
  tz: string;
  summary?: UserSummary;
  /** Why this user's state could not be computed (their stored data is bad). */
  error?: string;
}

export interface KeptAccount {
  /** Without `usersDetail`: that lives in `user_states`. */
  card?: Omit<AccountScorecard, 'usersDetail'>;
  /** Why the scorecard could not be computed; the list shows the row in an error state. */
  error?: string;
  users: KeptUser[];
  /** When silence can next change this state (next local midnight), or null when it cannot. */
  dueAt: number | null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One user's kept state, or the reason it failed. */
export function keptUser(user: UserRollups, config: HabitualConfig, now: number): KeptUser {
  try {
    return { id: user.id, tz: user.tz, summary: userSummary(user.id, computeState(mergeDeviceRollups(user.perDevice), config, now, user.tz)) };
  } catch (error) {
    return { id: user.id, tz: user.tz, error: message(error) };
  }
}

/**
 * An account's kept scorecard and its users' states, with the same engine code as the list
 * used to run on every load. One user's bad data (an unknown stored time zone) fails the
 * account's card, named, and that user's row, never the other accounts.
 */
export function computeAccountState(account: Account, users: UserRollups[], config: HabitualConfig, now: number, horizonDays: number): KeptAccount {
  return runSteps(computeAccountStateSteps(account, users, config, now, horizonDays));
}

/** `computeAccountState` a user at a time, for `runSliced` (the state refresher). */
export function* computeAccountStateSteps(
  account: Account,
  users: UserRollups[],
  config: HabitualConfig,
  now: number,
  horizonDays: number,
): Generator<void, KeptAccount> {
  const dueAt = nextChange(users, now, horizonDays);
  try {
    const { usersDetail, ...scored } = yield* accountScorecardSteps(account, users, config, now, true);
    // Nothing stored yet (set by the backend, or its users sent no day): no score to judge by.
    const noData = users.every((u) => u.perDevice.every((d) => d.days.length === 0));
    const card = noData ? { ...scored, noData } : scored;
    const byId = new Map(users.map((u) => [u.id, u.tz]));
    return { card, users: usersDetail!.map((summary) => ({ id: summary.id, tz: byId.get(summary.id)!, summary })), dueAt };
  } catch (error) {
    const kept: KeptUser[] = [];
    for (const u of users) {
      kept.push(keptUser(u, config, now));
      yield;
    }
    const bad = kept.find((u) => u.error);
    return { error: bad ? `User "${bad.id}": ${bad.error}` : message(error), users: kept, dueAt };
  }
}

/**
 * The next local midnight (earliest over the users' zones) while any user's last stored day is
 * within `horizonDays` of their today; null once every user is past it (silence changes nothing).
 */
export function nextChange(users: UserRollups[], now: number, horizonDays: number): number | null {
  let due: number | null = null;
  for (const u of users) {
    let last = '';
    for (const d of u.perDevice) for (const r of d.days) if (r.day > last) last = r.day;
    if (!last) continue;
    let today: string;
    try {
      today = todayKey(now, u.tz);
    } catch {
      continue;
    }
    if (addDays(last, horizonDays) < today) continue;
    const at = nextLocalMidnight(now, u.tz);
    if (due === null || at < due) due = at;
  }
  return due;
}
