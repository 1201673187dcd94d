import type { Db } from '../db/database';

/**
 * Adds one to `key`'s counter of the window of `windowMs` holding now, in the database at
 * once (exact across collectors; for rare requests such as shares), and says whether the
 * counter is still within `limit`.
 */
export async function countInDatabase(db: Db, key: string, limit: number, windowMs: number, nowMs: number): Promise<{ ok: boolean; retryAfterS: number }> {
  const start = Math.floor(nowMs / windowMs) * windowMs;
  const [row] = await db.query<{ count: number }>(
    `INSERT INTO rate_windows (key, window_start, count, expires_at) VALUES ($1, $2, 1, $3)
     ON CONFLICT (key, window_start) DO UPDATE SET count = rate_windows.count + 1
     RETURNING count`,
    [key, start, start + 2 * windowMs],
  );
  // The first count of a key in a window clears windows that have ended (indexed, rare), so
  // the table holds about two windows of keys even where no shared limiter prunes it (PGlite).
  if (Number(row.count) === 1) await db.query('DELETE FROM rate_windows WHERE expires_at < $1', [nowMs]);
  return { ok: Number(row.count) <= limit, retryAfterS: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)) };
}
