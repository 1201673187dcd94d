import { addDays, dayIndex, todayKey, weekdayOf, type HabitualConfig } from '@habitual/core';
import type { Db } from '../db/database';
import { qualifiedDaysSql } from './qualified-days-sql';

export interface GrowthWeek {
  /** The week's Monday (UTC day key). */
  week: string;
  /** First seen this week and active. */
  new: number;
  /** Active this week and the week before. */
  current: number;
  /** Active again after 1-3 quiet weeks. */
  reactivated: number;
  /** Active again after 4 or more quiet weeks (or first active long after first seen). */
  resurrected: number;
  /** Active the week before, quiet this week (so far, for the current week). */
  atRisk: number;
  /** Quiet for the fifth week running after their last active week: gone dormant. */
  dormant: number;
}

/** Quiet weeks before the window that decide how its first weeks classify. */
const LOOKBACK = 5;

/**
 * Growth accounting by week over the last `weeks` weeks (Monday to Sunday, UTC days), from the
 * qualified days in the window plus five weeks before it: each active user-week is new,
 * current, reactivated or resurrected; each user who goes quiet counts once as at risk (first
 * quiet week) and once as dormant (fifth). One query, bounded by the window's days.
 */
export async function growthAccounting(db: Db, appId: string, config: HabitualConfig, weeks: number, now: number): Promise<GrowthWeek[]> {
  const today = todayKey(now, 'UTC');
  const monday = addDays(today, -weekdayOf(dayIndex(today)));
  const start = addDays(monday, -7 * (weeks - 1 + LOOKBACK));
  const q = qualifiedDaysSql(config, 2);
  const rows = await db.query<{ w: number; kind: keyof Omit<GrowthWeek, 'week'>; n: number }>(
    `WITH q AS (${q.sql}),
     uw AS (SELECT DISTINCT user_id, (day::date - $2::date) / 7 AS w FROM q),
     seq AS (SELECT user_id, w, lag(w) OVER (PARTITION BY user_id ORDER BY w) AS prev_w, lead(w) OVER (PARTITION BY user_id ORDER BY w) AS next_w FROM uw),
     -- Materialized: inlined, the planner (with no statistics on a young table) recomputed it for every user-week.
     firsts AS MATERIALIZED (SELECT u.user_id, (SELECT min(r.day) FROM day_rollups r WHERE r.app_id = $1 AND r.user_id = u.user_id) AS first_day
                FROM (SELECT DISTINCT user_id FROM seq WHERE w >= $6) u),
     kinds AS (
       SELECT s.w, CASE WHEN (f.first_day::date - $2::date) / 7 >= s.w THEN 'new'
                        WHEN s.prev_w = s.w - 1 THEN 'current'
                        WHEN s.prev_w >= s.w - 4 THEN 'reactivated'
                        ELSE 'resurrected' END AS kind
       FROM seq s JOIN firsts f ON f.user_id = s.user_id WHERE s.w >= $6
       UNION ALL
       SELECT w + 1, 'atRisk' FROM seq WHERE (next_w IS NULL OR next_w > w + 1) AND w + 1 >= $6 AND w + 1 <= $7
       UNION ALL
       SELECT w + 5, 'dormant' FROM seq WHERE (next_w IS NULL OR next_w > w + 5) AND w + 5 >= $6 AND w + 5 <= $7)
     SELECT w, kind, count(*)::int AS n FROM kinds GROUP BY w, kind`,
    [appId, start, today, ...q.params, LOOKBACK, LOOKBACK + weeks - 1],
  );
  const out: GrowthWeek[] = Array.from({ length: weeks }, (_, i) => ({
    week: addDays(monday, -7 * (weeks - 1 - i)),
    new: 0,
    current: 0,
    reactivated: 0,
    resurrected: 0,
    atRisk: 0,
    dormant: 0,
  }));
  for (const r of rows) out[r.w - LOOKBACK][r.kind] = r.n;
  return out;
}
