import type { Db } from '../db/database';

/** Puts `userId` on `accountId`'s leaderboard under `displayName` (again: the name changes). */
export async function joinTeam(db: Db, appId: string, who: { userId: string; accountId: string }, displayName: string, nowMs: number): Promise<void> {
  await db.query(
    `INSERT INTO team_members (app_id, user_id, account_id, display_name, joined_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (app_id, user_id) DO UPDATE SET account_id = EXCLUDED.account_id, display_name = EXCLUDED.display_name`,
    [appId, who.userId, who.accountId, displayName, new Date(nowMs).toISOString()],
  );
}

/** Takes `userId` off every leaderboard, name and all (leaving, and forget-me). */
export async function leaveTeam(db: Db, appId: string, userId: string): Promise<void> {
  await db.query('DELETE FROM team_members WHERE app_id = $1 AND user_id = $2', [appId, userId]);
}
