import { isReserved, type DayRollup } from '@habitual/core';
import type { Db } from '../db/database';
import { markStale } from '../state/mark-stale';
import { STORE_SUMMARIES } from './store-summaries-routine';
import { forgetResponses } from '../responses/store-responses';
import { forgetArms, recordArms } from '../experiments/experiment-arms';
import { forgetTeamNotes } from '../team-notes/team-notes-store';
import { leaveTeam } from '../team/team-members';

export interface SummaryIdentity {
  userId: string;
  accountId?: string;
  deviceId: string;
  /** Display name, kept until a later batch sends another. */
  name?: string;
}

/** The user key of a device that has no user id yet. */
export const anonymousUserId = (deviceId: string) => `anon:${deviceId}`;

/**
 * Upserts a batch by (app, user, device, day) atomically (one statement), merging each copy into the
 * stored one (see MERGE_STORED_DAY), so re-sends and out-of-order arrivals are harmless.
 * Returns how many rows were written. A write queues the state refresh of the user's account
 * (and of the account the user left, if they moved) in the same statement.
 */
export async function storeSummaries(db: Db, appId: string, who: SummaryIdentity, days: DayRollup[]): Promise<number> {
  const write = async (tx: Db) => {
    const [{ result: written }] = await tx.query<{ result: number }>(
      STORE_SUMMARIES.call,
      [
        appId,
        who.userId,
        who.deviceId,
        who.accountId ?? null,
        days[days.length - 1]?.tz ?? 'UTC',
        who.name || null,
        days.map((d) => d.day),
        days.map((d) => d.tz),
        days.map((d) => d.rev),
        days.map((d) => d.activeMs),
        // One JSON array each, not an array of JSON texts: the driver escapes every quote of those.
        JSON.stringify(days.map((d) => d.features)),
        JSON.stringify(days.map((d) => d.firsts)),
      ],
      { name: STORE_SUMMARIES.name },
    );
    await recordArms(tx, appId, who.userId, days);
    return written;
  };
  // The one statement is atomic on its own; a batch with widget counts (experiment arms among
  // them) records its arms in the same transaction.
  return days.some((d) => Object.keys(d.features).some(isReserved)) ? db.transaction(write) : write(db);
}

/** Every stored day rollup of a user, per device, oldest day first. */
export async function loadUserDays(db: Db, appId: string, userId: string): Promise<Array<{ deviceId: string; days: DayRollup[] }>> {
  const rows = await db.query<{
    device_id: string;
    day: string;
    tz: string;
    rev: number;
    active_ms: number;
    features: DayRollup['features'];
    firsts: DayRollup['firsts'];
  }>('SELECT device_id, day, tz, rev, active_ms, features, firsts FROM day_rollups WHERE app_id = $1 AND user_id = $2 ORDER BY device_id, day', [
    appId,
    userId,
  ]);
  const byDevice = new Map<string, DayRollup[]>();
  for (const r of rows) {
    const list = byDevice.get(r.device_id) ?? [];
    list.push({ v: 1, day: r.day, tz: r.tz, rev: r.rev, activeMs: r.active_ms, features: r.features, firsts: r.firsts });
    byDevice.set(r.device_id, list);
  }
  return [...byDevice].map(([deviceId, days]) => ({ deviceId, days }));
}

/**
 * Forget-me on the collector: the user's rollups, user row (with their name), stage moves and
 * shared team notes; the account's refresh drops their kept state. Returns the day rollups deleted.
 */
export async function deleteUser(db: Db, appId: string, userId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const gone = await tx.query('DELETE FROM day_rollups WHERE app_id = $1 AND user_id = $2 RETURNING day', [appId, userId]);
    await forgetArms(tx, appId, userId);
    await tx.query('DELETE FROM user_outcomes WHERE app_id = $1 AND user_id = $2', [appId, userId]);
    await tx.query('DELETE FROM stage_changes WHERE app_id = $1 AND user_id = $2', [appId, userId]);
    await tx.query('DELETE FROM user_attention WHERE app_id = $1 AND user_id = $2', [appId, userId]);
    await forgetTeamNotes(tx, appId, userId);
    await leaveTeam(tx, appId, userId);
    await forgetResponses(tx, appId, userId);
    const [user] = await tx.query<{ account_id: string | null }>('DELETE FROM users WHERE app_id = $1 AND id = $2 RETURNING account_id', [appId, userId]);
    if (user) await markStale(tx, appId, user.account_id, userId, true);
    return gone.length;
  });
}
