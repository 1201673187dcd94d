import type { DayRollup } from '@habitual/core';
import type { Db } from '../db/database';
import { MERGE_STORED_DAY } from './merge-stored-day';
import { markStale } from '../state/mark-stale';
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
 * Upserts a batch by (app, user, device, day) in one transaction, merging each copy into the
 * stored one (see MERGE_STORED_DAY), so re-sends and out-of-order arrivals are harmless.
 * Returns how many rows were written. A write queues the state refresh of the user's account
 * (and of the account the user left, if they moved) in the same transaction.
 */
export async function storeSummaries(db: Db, appId: string, who: SummaryIdentity, days: DayRollup[]): Promise<number> {
  const params: unknown[] = [appId, who.userId, who.deviceId];
  const rows = days.map((d) => {
    const at = params.length;
    params.push(d.day, d.tz, d.rev, d.activeMs, JSON.stringify(d.features), JSON.stringify(d.firsts));
    return `($1, $2, $3, $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::jsonb, $${at + 6}::jsonb)`;
  });
  const tz = days[days.length - 1]?.tz ?? 'UTC';
  return db.transaction(async (tx) => {
    const [user] = await tx.query<{ account_id: string | null; prev_account: string | null }>(
      `WITH prev AS (SELECT account_id FROM users WHERE app_id = $1 AND id = $2)
       INSERT INTO users (app_id, id, account_id, tz, last_seen, name) VALUES ($1, $2, $3, $4, now(), $5)
       ON CONFLICT (app_id, id) DO UPDATE SET account_id = COALESCE($3, users.account_id), tz = $4, last_seen = now(), name = COALESCE($5, users.name)
       RETURNING account_id, (SELECT account_id FROM prev) AS prev_account`,
      [appId, who.userId, who.accountId ?? null, tz, who.name || null],
    );
    const written = await tx.query(
      `INSERT INTO day_rollups (app_id, user_id, device_id, day, tz, rev, active_ms, features, firsts)
       VALUES ${rows.join(', ')}
       ${MERGE_STORED_DAY}
       RETURNING day`,
      params,
    );
    // A user who moved changes who both accounts are: they compute whole.
    const moved = user.prev_account !== null && user.prev_account !== user.account_id;
    if (written.length || moved) await markStale(tx, appId, user.account_id, who.userId, moved);
    await recordArms(tx, appId, who.userId, days);
    if (moved) await markStale(tx, appId, user.prev_account, who.userId, true);
    return written.length;
  });
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
