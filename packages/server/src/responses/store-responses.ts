import type { Db } from '../db/database';
import type { ResponseInput } from './responses-schema';

/** Who answered: the identity the request carried (a verified one where the app verifies). */
export interface Respondent {
  userId: string;
  accountId?: string;
}

/**
 * Keeps each answer once, by its device-made id: a re-send after a lost reply (or from a
 * second tab) stores nothing twice, and an id already taken is never overwritten. Resolves
 * to how many were new.
 */
export async function storeResponses(db: Db, appId: string, who: Respondent, responses: ResponseInput[], nowMs: number): Promise<number> {
  const rows = responses.map((r) => [r.id, r.form, r.kind, r.choice ?? null, r.score ?? null, r.text ?? null, new Date(r.at).toISOString()]);
  const stored = await db.query(
    `INSERT INTO responses (app_id, id, user_id, account_id, form, kind, choice, score, text, answered_at, received_at)
     SELECT $1, x->>0, $2, $3, x->>1, x->>2, x->>3, (x->>4)::integer, x->>5, (x->>6)::timestamptz, $5
       FROM jsonb_array_elements($4::jsonb) AS x
     ON CONFLICT (app_id, id) DO NOTHING
     RETURNING id`,
    [appId, who.userId, who.accountId ?? null, JSON.stringify(rows), new Date(nowMs).toISOString()],
  );
  return stored.length;
}

/** Forget-me: the user's answers go with the rest of their data (in the caller's transaction). */
export const forgetResponses = (tx: Db, appId: string, userId: string) => tx.query('DELETE FROM responses WHERE app_id = $1 AND user_id = $2', [appId, userId]);
