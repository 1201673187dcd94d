import type { Db } from '../db/database';

/** Days without a qualified day that count as churn when no outcome was recorded. */
const DEFAULT_INFER_CHURN_DAYS = 30;

export async function readInferChurnDays(db: Db, appId: string): Promise<number> {
  const [row] = await db.query<{ infer_churn_days: number }>('SELECT infer_churn_days FROM driver_settings WHERE app_id = $1', [appId]);
  return row?.infer_churn_days ?? DEFAULT_INFER_CHURN_DAYS;
}

export async function saveInferChurnDays(db: Db, appId: string, days: number): Promise<void> {
  await db.query(
    `INSERT INTO driver_settings (app_id, infer_churn_days) VALUES ($1, $2)
     ON CONFLICT (app_id) DO UPDATE SET infer_churn_days = $2`,
    [appId, days],
  );
}
