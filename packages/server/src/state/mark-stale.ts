import type { Db } from '../db/database';

/**
 * Queues a state refresh for an account (or, with `accountId` null, an account-less user):
 * part of the same transaction as the write that made the state stale, so data and the work
 * it causes commit together. A row already waiting costs no write; a row being computed
 * loses its lease, so the refresher that holds it discards its result and the work runs again.
 */
export async function markStale(tx: Db, appId: string, accountId: string | null, userId: string): Promise<void> {
  await tx.query(
    `INSERT INTO state_queue (app_id, account_id, user_id, due_at) VALUES ($1, $2, $3, '-infinity')
     ON CONFLICT (app_id, account_id, user_id) DO UPDATE SET due_at = '-infinity', lease = NULL
     WHERE state_queue.due_at > '-infinity' OR state_queue.lease IS NOT NULL`,
    [appId, accountId ?? '', accountId === null ? userId : ''],
  );
}
