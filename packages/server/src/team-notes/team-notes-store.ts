import type { Db } from '../db/database';

/** A note as a teammate sees it: no user id, only the name the author chose to show. */
export interface TeamNote {
  day: string;
  text: string;
  name?: string;
}

/** Most notes one answer lists (the newest days first). */
export const MAX_LISTED = 100;

export const saveTeamNote = (db: Db, appId: string, note: { userId: string; accountId: string; day: string; text: string; name?: string }, now: number) =>
  db.query(
    `INSERT INTO team_notes (app_id, user_id, day, account_id, name, text, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (app_id, user_id, day) DO UPDATE SET account_id = $4, name = $5, text = $6, updated_at = $7`,
    [appId, note.userId, note.day, note.accountId, note.name ?? null, note.text, new Date(now).toISOString()],
  );

/** Unshares one day's note; true when there was one. */
export const deleteTeamNote = async (db: Db, appId: string, userId: string, day: string): Promise<boolean> =>
  (await db.query('DELETE FROM team_notes WHERE app_id = $1 AND user_id = $2 AND day = $3 RETURNING day', [appId, userId, day])).length > 0;

/** Forget-me: every note the user shared. */
export const forgetTeamNotes = (db: Db, appId: string, userId: string) =>
  db.query('DELETE FROM team_notes WHERE app_id = $1 AND user_id = $2', [appId, userId]);

/** The account's shared notes but the reader's own, newest day first. */
export async function listTeamNotes(db: Db, appId: string, accountId: string, readerId: string): Promise<TeamNote[]> {
  const rows = await db.query<{ day: string; text: string; name: string | null }>(
    `SELECT day, text, name FROM team_notes WHERE app_id = $1 AND account_id = $2 AND user_id <> $3
     ORDER BY day DESC, updated_at DESC LIMIT ${MAX_LISTED}`,
    [appId, accountId, readerId],
  );
  return rows.map((r) => ({ day: r.day, text: r.text, ...(r.name ? { name: r.name } : {}) }));
}
