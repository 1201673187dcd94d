import { addDays, todayKey, type HabitualConfig } from '@habitual/core';
import { combineScorecard, type AccountScorecard, type KeptInputs } from '../accounts/account-scorecard';
import { scorecardInputs, lastStoredDay, type ScorecardInputs, type UserRollups, type UserSummary } from '../accounts/scorecard-inputs';
import type { Account } from '../accounts/account-store';
import { nextMidnight } from './local-day';
import { runSteps } from './run-sliced';

export interface KeptUser {
  id: string;
  tz: string;
  summary?: UserSummary;
  /** What the account's scorecard reads of this user (kept, so the next pass needs only the changed users' days). */
  inputs?: ScorecardInputs;
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

/** One user's kept state and scorecard inputs, or the reason they failed. */
export function keptUser(user: UserRollups, config: HabitualConfig, now: number): KeptUser {
  try {
    const inputs = scorecardInputs(user, config, now);
    return { id: user.id, tz: user.tz, summary: inputs.summary, inputs };
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
  const kept: KeptUser[] = [];
  for (const u of users) {
    kept.push(keptUser(u, config, now));
    yield;
  }
  const bad = kept.find((u) => u.error);
  if (bad)
    return {
      error: `User "${bad.id}": ${bad.error}`,
      users: kept,
      dueAt: nextChange(
        users.map((u) => ({ tz: u.tz, last: lastStoredDay(u) })),
        now,
        horizonDays,
      ),
    };
  return combineAccountState(account, kept as Array<KeptUser & KeptInputs>, config, now, horizonDays);
}

/**
 * The kept state of an account from its users (every one, in id order): those with kept
 * `inputs` as they are, the others computed from their days in `changed`. The state
 * refresher's incremental pass. Undefined when a changed user's data is bad (or missing), so
 * the caller computes the whole account (and its error) from the days.
 */
export function* updateAccountStateSteps(
  account: Account,
  users: Array<{ id: string; tz: string; inputs?: ScorecardInputs }>,
  changed: Map<string, UserRollups>,
  config: HabitualConfig,
  now: number,
  horizonDays: number,
): Generator<void, KeptAccount | undefined> {
  const kept: Array<KeptUser & KeptInputs> = [];
  for (const u of users) {
    if (u.inputs) {
      kept.push({ id: u.id, tz: u.tz, summary: u.inputs.summary, inputs: u.inputs });
      continue;
    }
    const fresh = changed.get(u.id);
    if (!fresh) return undefined;
    const k = keptUser(fresh, config, now);
    if (k.error) return undefined;
    kept.push(k as KeptUser & KeptInputs);
    yield;
  }
  return combineAccountState(account, kept, config, now, horizonDays);
}

function combineAccountState(account: Account, kept: Array<KeptUser & KeptInputs>, config: HabitualConfig, now: number, horizonDays: number): KeptAccount {
  const dueAt = nextChange(
    kept.map((u) => ({ tz: u.tz, last: u.inputs.last })),
    now,
    horizonDays,
  );
  try {
    const { usersDetail, ...scored } = combineScorecard(account, kept, config, now);
    // Nothing stored yet (set by the backend, or its users sent no day): no score to judge by.
    const noData = kept.every((u) => u.inputs.last === '');
    return { card: noData ? { ...scored, noData } : scored, users: kept, dueAt };
  } catch (error) {
    return { error: message(error), users: kept, dueAt };
  }
}

/**
 * The next local midnight (earliest over the users' zones) while any user's last stored day is
 * within `horizonDays` of their today; null once every user is past it (silence changes nothing).
 */
export function nextChange(users: Array<{ tz: string; last: string }>, now: number, horizonDays: number): number | null {
  let due: number | null = null;
  for (const u of users) {
    const last = u.last;
    if (!last) continue;
    let today: string;
    try {
      today = todayKey(now, u.tz);
    } catch {
      continue;
    }
    if (addDays(last, horizonDays) < today) continue;
    const at = nextMidnight(now, u.tz);
    if (due === null || at < due) due = at;
  }
  return due;
}
