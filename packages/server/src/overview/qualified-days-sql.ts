import { resolveConfig, type HabitualConfig } from '@habitual/core';

/**
 * The SQL of "qualified user-days" between two day keys, as the engine decides a qualified day:
 * a use of a core value event (or, with none configured, of a key feature), or `activeMinutes`
 * of active time summed over the user's devices. Its parameters start at `$from`: the first
 * and last day, the active-time bar in ms, and the qualifying feature names.
 */
export function qualifiedDaysSql(config: HabitualConfig, from: number): { sql: string; params: unknown[] } {
  const rc = resolveConfig(config);
  const names = Object.keys(rc.features);
  let core = names.filter((n) => rc.features[n].core);
  if (!core.length) core = names.filter((n) => rc.features[n].key);
  const [first, last, ms, features] = [from, from + 1, from + 2, from + 3].map((n) => `$${n}`);
  return {
    sql: `SELECT user_id, day FROM day_rollups WHERE app_id = $1 AND day >= ${first} AND day <= ${last}
          GROUP BY user_id, day HAVING sum(active_ms) >= ${ms} AND sum(active_ms) > 0 OR bool_or(features ?| ${features}::text[])`,
    params: [rc.engagement.activeMinutes * 60_000, core],
  };
}
