import type { DayRollup } from '@habitual/core';
import type { Db } from '../db/database';

const ARM = /^hb:exp\.(.+)\.([^.]+)$/;

/**
 * Records the experiment arms a batch of days counts (`hb:exp.<experiment>.<variant>`) in
 * `experiment_arms`, keeping the first day each user was seen in each arm. Part of the
 * summaries' transaction; a batch without arms costs nothing.
 */
export async function recordArms(tx: Db, appId: string, userId: string, days: readonly DayRollup[]): Promise<void> {
  const first = new Map<string, [experiment: string, variant: string, day: string]>();
  for (const d of days) {
    for (const name in d.features) {
      const m = ARM.exec(name);
      if (!m || !(d.features[name].n > 0)) continue;
      const have = first.get(name);
      if (!have || d.day < have[2]) first.set(name, [m[1], m[2], d.day]);
    }
  }
  if (!first.size) return;
  const params: unknown[] = [appId, userId];
  const rows = [...first.values()].map(([e, v, day]) => `($1, $${params.push(e)}, $2, $${params.push(v)}, $${params.push(day)})`);
  await tx.query(
    `INSERT INTO experiment_arms (app_id, experiment, user_id, variant, first_day) VALUES ${rows.join(', ')}
     ON CONFLICT (app_id, experiment, user_id, variant) DO UPDATE SET first_day = LEAST(experiment_arms.first_day, EXCLUDED.first_day)`,
    params,
  );
}

/** Forget-me: the user's arms go with their days. */
export const forgetArms = (tx: Db, appId: string, userId: string) =>
  tx.query('DELETE FROM experiment_arms WHERE app_id = $1 AND user_id = $2', [appId, userId]);

/** Every user of an experiment with their arm(s) and the first day in each. */
export function loadArms(db: Db, appId: string, experiment: string) {
  return db.query<{ user_id: string; variant: string; first_day: string }>(
    'SELECT user_id, variant, first_day FROM experiment_arms WHERE app_id = $1 AND experiment = $2 ORDER BY user_id, first_day',
    [appId, experiment],
  );
}
