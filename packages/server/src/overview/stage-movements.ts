import { addDays, todayKey, type Stage } from '@habitual/core';
import type { Db } from '../db/database';

export interface StageMovement {
  /** Null: a user seen for the first time. */
  from: Stage | null;
  to: Stage;
  users: number;
}

/** Users' stage moves over the last 7 UTC days (`stage_changes`), most common first. */
export async function stageMovements(db: Db, appId: string, now: number): Promise<StageMovement[]> {
  const since = addDays(todayKey(now, 'UTC'), -6);
  return db.query<StageMovement>(
    `SELECT from_stage AS "from", to_stage AS "to", count(*)::int AS users FROM stage_changes
     WHERE app_id = $1 AND day >= $2 AND from_stage IS DISTINCT FROM to_stage
     GROUP BY from_stage, to_stage ORDER BY users DESC, from_stage NULLS FIRST, to_stage`,
    [appId, since],
  );
}
