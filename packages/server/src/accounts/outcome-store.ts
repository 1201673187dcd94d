import type { Db } from '../db/database';
import { applyOutcome, type Outcome, type OutcomeInput } from './outcome';

/** A user's outcome as `PUT /v1/users/:id` answers it. */
export interface UserOutcome extends Outcome {
  userId: string;
  mrr: number | null;
}

interface Row {
  user_id: string;
  status: Outcome['status'];
  churned_at: string | null;
  renewed_at: string | null;
  mrr: number | null;
}

const toOutcome = (r: Row): UserOutcome => ({ userId: r.user_id, status: r.status, churnedAt: r.churned_at, renewedAt: r.renewed_at, mrr: r.mrr });

/** Sets a user's own outcome inside the caller's transaction; fields not given keep their value. */
export async function writeUserOutcome(tx: Db, appId: string, userId: string, b: OutcomeInput, today: string, at = ''): Promise<UserOutcome> {
  const [had] = await tx.query<Row>('SELECT * FROM user_outcomes WHERE app_id = $1 AND user_id = $2 FOR UPDATE', [appId, userId]);
  const o = applyOutcome(had && toOutcome(had), b, today, at);
  const [row] = await tx.query<Row>(
    `INSERT INTO user_outcomes (app_id, user_id, status, churned_at, renewed_at, mrr, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (app_id, user_id) DO UPDATE SET status = $3, churned_at = $4, renewed_at = $5, mrr = $6, updated_at = now()
     RETURNING *`,
    [appId, userId, o.status, o.churnedAt, o.renewedAt, b.mrr ?? had?.mrr ?? null],
  );
  return toOutcome(row);
}

/** Every outcome told for the app's accounts and users (for the drivers model). */
export async function loadOutcomes(db: Db, appId: string): Promise<{ accounts: Map<string, Outcome>; users: Map<string, Outcome> }> {
  const acc = await db.query<{ id: string; status: Outcome['status']; churned_at: string | null; renewed_at: string | null }>(
    'SELECT id, status, churned_at, renewed_at FROM accounts WHERE app_id = $1 AND status IS NOT NULL',
    [appId],
  );
  const usr = await db.query<Row>('SELECT * FROM user_outcomes WHERE app_id = $1', [appId]);
  return {
    accounts: new Map(acc.map((r) => [r.id, { status: r.status, churnedAt: r.churned_at, renewedAt: r.renewed_at }])),
    users: new Map(usr.map((r) => [r.user_id, toOutcome(r)])),
  };
}
