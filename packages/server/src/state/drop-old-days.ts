import { addDays, todayKey } from '@habitual/core';
import type { Db } from '../db/database';
import { markStale } from './mark-stale';

export interface RetentionOptions {
  /** The clock. */
  now: number;
  /** Days of rollups kept, as on the device. @default 400 */
  retentionDays?: number;
  /** Rows deleted per statement, so no delete holds locks (or PGlite's event loop) for long. @default 5000 */
  chunk?: number;
}

/**
 * The retention job: drops day rollups older than `retentionDays` (the device keeps the same
 * 400 days), at most once a UTC day per database however many collectors run it (the
 * `settings` row is the claim), and queues the affected accounts for a state refresh. Keeps
 * `day_rollups` at a bounded size, so one table with an (app_id, day) index serves instead
 * of monthly partitions. The score history, stage moves and old alerts go with the same job.
 * Returns the day rollups deleted.
 */
export async function dropOldDays(db: Db, options: RetentionOptions): Promise<number> {
  const { now, retentionDays = 400, chunk = 5_000 } = options;
  const today = todayKey(now, 'UTC');
  const claimed = await db.query(
    `INSERT INTO settings (key, value) VALUES ('retention_ran_on', $1) ON CONFLICT (key) DO UPDATE SET value = $1 WHERE settings.value < $1 RETURNING key`,
    [today],
  );
  if (!claimed.length) return 0;
  // A day of margin for zones ahead of UTC.
  const cutoff = addDays(today, -retentionDays - 1);
  let deleted = 0;
  for (const { id } of await db.query<{ id: string }>('SELECT id FROM apps ORDER BY id')) {
    for (;;) {
      const gone = await db.transaction(async (tx) => {
        const rows = await tx.query<{ user_id: string; account_id: string | null }>(
          `WITH d AS (
             DELETE FROM day_rollups WHERE ctid = ANY(ARRAY(SELECT ctid FROM day_rollups WHERE app_id = $1 AND day < $2 LIMIT $3))
             RETURNING user_id)
           SELECT d.user_id, u.account_id FROM d LEFT JOIN users u ON u.app_id = $1 AND u.id = d.user_id`,
          [id, cutoff, chunk],
        );
        const seen = new Set<string>();
        for (const r of rows) {
          const key = r.account_id ?? `\u0000${r.user_id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          await markStale(tx, id, r.account_id, r.user_id);
        }
        return rows.length;
      });
      if (gone === 0) break;
      deleted += gone;
    }
  }
  // The history the dashboard reads keeps as long as the days it came from; delivered alerts
  // (and ones that never could be) 90 days.
  await db.query('DELETE FROM account_scores WHERE day < $1', [cutoff]);
  await db.query('DELETE FROM stage_changes WHERE day < $1', [cutoff]);
  await db.query('DELETE FROM alert_outbox WHERE created_at < to_timestamp($1::float8 / 1000)', [now - 90 * 86_400_000]);
  return deleted;
}
