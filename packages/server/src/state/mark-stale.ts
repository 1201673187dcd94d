import type { Db } from '../db/database';

/**
 * The queue upsert behind `markStale`, for the rows `(app_id, account_id, user_id, users)` that
 * `rows` selects (a VALUES list, or a SELECT inside a write's own statement, as the summaries
 * upsert does): the changed users add up on a row waiting already, and NULL (the whole
 * account) wins over any list. A row already waiting with these users is left as it is.
 */
export const queueStale = (rows: string) =>
  `INSERT INTO state_queue (app_id, account_id, user_id, due_at, users)
   SELECT s.app_id, s.account_id, s.user_id, '-infinity'::timestamptz, s.users FROM (${rows}) AS s(app_id, account_id, user_id, users)
   ON CONFLICT (app_id, account_id, user_id) DO UPDATE SET due_at = '-infinity', lease = NULL,
     users = CASE WHEN state_queue.users IS NULL OR EXCLUDED.users IS NULL THEN NULL
       WHEN state_queue.users @> EXCLUDED.users THEN state_queue.users ELSE state_queue.users || EXCLUDED.users END
   WHERE state_queue.due_at > '-infinity' OR state_queue.lease IS NOT NULL
     OR (state_queue.users IS NOT NULL AND (EXCLUDED.users IS NULL OR NOT state_queue.users @> EXCLUDED.users))`;

/**
 * Queues a state refresh for an account (or, with `accountId` null, an account-less user):
 * part of the same transaction as the write that made the state stale, so data and the work
 * it causes commit together. For an account the row lists the users whose days changed
 * (`userId`, '' for a change of the account itself), so the refresher computes only those;
 * `whole` (a user who left or joined, was forgotten) makes it recompute every user from their
 * days. A row already waiting with this user costs no write; a row being computed loses its
 * lease, so the refresher that holds it discards its result and the work runs again.
 */
export async function markStale(tx: Db, appId: string, accountId: string | null, userId: string, whole = false): Promise<void> {
  // users: NULL is the whole account, else the changed users (an account-less row keeps '{}').
  const users = accountId === null ? [] : whole ? null : userId ? [userId] : [];
  await tx.query(queueStale('VALUES ($1::text, $2::text, $3::text, $4::text[])'), [appId, accountId ?? '', accountId === null ? userId : '', users]);
}
