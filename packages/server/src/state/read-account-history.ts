import { addDays, todayKey } from '@habitual/core';
import type { Db } from '../db/database';

export interface ScoreDay {
  day: string;
  /** Null on a day the account had no data yet, or could not be scored. */
  score: number | null;
  band: string;
  users: number;
}

/** Most days of history one request reads. */
export const MAX_HISTORY_DAYS = 400;

/** An account's daily scores (`account_scores`) over the last `days` days, oldest first. */
export async function readAccountHistory(db: Db, appId: string, accountId: string, days: number, now: number): Promise<ScoreDay[]> {
  const from = addDays(todayKey(now, 'UTC'), -days);
  return db.query<ScoreDay>('SELECT day, score, band, users FROM account_scores WHERE app_id = $1 AND account_id = $2 AND day > $3 ORDER BY day', [
    appId,
    accountId,
    from,
  ]);
}
