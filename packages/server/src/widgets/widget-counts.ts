import type { Db } from '../db/database';

/** One aggregate of the widgets' counts; `null` where the row sums over that column. */
export interface WidgetCountRow {
  day: string | null;
  surface: string;
  item: string | null;
  action: string | null;
  /** Times counted (summed over users and devices). */
  n: number;
  /** Distinct users counted. */
  users: number;
  /** Which columns this row sums over: day 4, item 2, action 1 (SQL `GROUPING`). */
  level: number;
}

/**
 * The widgets' counts (`hb:<surface>[.<item>].<action>`, experiments' arms left out) of the
 * stored day rows of `from..to`, in one pass: per item and action, per widget and action, users
 * reached per item and per widget, and per day. A range scan of `day_rollups_day` (app, day),
 * so the cost follows the date range, not the history.
 */
export async function loadWidgetCounts(db: Db, appId: string, from: string, to: string): Promise<WidgetCountRow[]> {
  const rows = await db.query<{ day: string | null; surface: string; item: string | null; action: string | null; n: unknown; users: unknown; level: unknown }>(
    `WITH c AS (
       SELECT r.day, r.user_id,
              substring(f.key from '^hb:([^.]+)') AS surface,
              substring(f.key from '^hb:[^.]+\\.(.+)\\.[^.]+$') AS item,
              substring(f.key from '^hb:[^.]+(?:\\..+)?\\.([^.]+)$') AS action,
              (f.value ->> 'n')::double precision AS n
         FROM day_rollups r, jsonb_each(r.features) f
        WHERE r.app_id = $1 AND r.day BETWEEN $2 AND $3
          AND left(f.key, 3) = 'hb:' AND left(f.key, 7) <> 'hb:exp.'
     )
     SELECT day, surface, item, action, sum(n) AS n, count(DISTINCT user_id) AS users, GROUPING(day, item, action) AS level
       FROM c
      WHERE surface IS NOT NULL AND action IS NOT NULL
      GROUP BY GROUPING SETS ((surface, item, action), (surface, action), (surface, item), (surface), (day, surface, action), (day, surface))
      ORDER BY surface, level, day, item, action`,
    [appId, from, to],
  );
  return rows.map((r) => ({ day: r.day, surface: r.surface, item: r.item, action: r.action, n: Number(r.n), users: Number(r.users), level: Number(r.level) }));
}
