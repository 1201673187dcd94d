import { addDays, resolveConfig, todayKey, type HabitualConfig } from '@habitual/core';
import type { Db } from '../db/database';
import { qualifiedDaysSql } from './qualified-days-sql';

export interface UsageLast28 {
  /** Users with at least one qualified day in the last 28 days. */
  activeUsers: number;
  /** The power-user curve: how many of them were active on exactly `days` of the 28 (1-28). */
  l28: Array<{ days: number; users: number }>;
  /** Per key feature (config order): how many of them used it in the 28 days, and their share. */
  adoption: Array<{ feature: string; label: string; users: number; share: number }>;
}

/** The last 28 UTC days of an app's users: the L28 distribution and key feature adoption. */
export async function usageLast28(db: Db, appId: string, config: HabitualConfig, now: number): Promise<UsageLast28> {
  const today = todayKey(now, 'UTC');
  const from = addDays(today, -27);
  const rc = resolveConfig(config);
  const keys = Object.keys(rc.features).filter((n) => rc.features[n].key);
  const q = qualifiedDaysSql(config, 2);
  const params = [appId, from, today, ...q.params];
  const [dist, adopted] = await Promise.all([
    db.query<{ days: number; users: number }>(
      `SELECT days, count(*)::int AS users FROM (SELECT user_id, count(*)::int AS days FROM (${q.sql}) q GROUP BY user_id) d GROUP BY days ORDER BY days`,
      params,
    ),
    keys.length
      ? db.query<{ feature: string; users: number }>(
          `WITH active AS (SELECT DISTINCT user_id FROM (${q.sql}) q)
           SELECT f.key AS feature, count(DISTINCT r.user_id)::int AS users
           FROM day_rollups r JOIN active a ON a.user_id = r.user_id, jsonb_each(r.features) f
           WHERE r.app_id = $1 AND r.day >= $2 AND r.day <= $3 AND f.key = ANY($6::text[]) AND (f.value ->> 'n')::float8 > 0
           GROUP BY f.key`,
          [...params, keys],
        )
      : [],
  ]);
  const activeUsers = dist.reduce((n, d) => n + d.users, 0);
  const byName = new Map(adopted.map((a) => [a.feature, a.users]));
  return {
    activeUsers,
    l28: Array.from({ length: 28 }, (_, i) => ({ days: i + 1, users: dist.find((d) => d.days === i + 1)?.users ?? 0 })),
    adoption: keys.map((feature) => {
      const users = byName.get(feature) ?? 0;
      return { feature, label: rc.features[feature].label ?? feature, users, share: activeUsers ? users / activeUsers : 0 };
    }),
  };
}
