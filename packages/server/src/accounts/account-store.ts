import type { Db } from '../db/database';
import { markStale } from '../state/mark-stale';

export interface Account {
  id: string;
  name: string;
  plan: string;
  pricePerMonth: number;
  paidSeats: number;
  updatedAt: string;
}

/** An `accounts` row as the database returns it. */
export interface AccountRow {
  id: string;
  name: string;
  plan: string;
  price_per_month: number;
  paid_seats: number;
  updated_at: Date | string;
}

export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  name: r.name,
  plan: r.plan,
  pricePerMonth: r.price_per_month,
  paidSeats: r.paid_seats,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** An account known only from its users' summaries (no PUT /v1/accounts/:id yet). */
export const unsetAccount = (id: string, now: number): Account => ({
  id,
  name: '',
  plan: '',
  pricePerMonth: 0,
  paidSeats: 0,
  updatedAt: new Date(now).toISOString(),
});

/**
 * Sets an account's name, plan, price and seats. The kept list row takes the new name and plan
 * at once (so search and sorts see them); the score follows with the queued refresh.
 */
export async function saveAccount(db: Db, appId: string, a: Omit<Account, 'updatedAt'>): Promise<Account> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<AccountRow>(
      `INSERT INTO accounts (app_id, id, name, plan, price_per_month, paid_seats, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, date_trunc('milliseconds', now()))
       ON CONFLICT (app_id, id) DO UPDATE SET name = $3, plan = $4, price_per_month = $5, paid_seats = $6, updated_at = EXCLUDED.updated_at
       RETURNING id, name, plan, price_per_month, paid_seats, updated_at`,
      [appId, a.id, a.name, a.plan, a.pricePerMonth, a.paidSeats],
    );
    // The queue row first, as the refresher locks it: the same order everywhere, no deadlock.
    await markStale(tx, appId, a.id, '');
    await tx.query(
      `UPDATE account_states SET name = $3, plan = $4, sort_name = $5, mrr = $6, paid_seats = $7, updated_at = $8
       WHERE app_id = $1 AND account_id = $2`,
      [appId, a.id, a.name, a.plan, sortName(a.name, a.id), a.pricePerMonth, a.paidSeats, row.updated_at],
    );
    return toAccount(row);
  });
}

/** The key the list sorts names by: the name, or the id when there is none, case folded. */
export const sortName = (name: string, id: string) => (name || id).toLowerCase();

export async function findAccount(db: Db, appId: string, id: string): Promise<Account | undefined> {
  const [row] = await db.query<AccountRow>('SELECT * FROM accounts WHERE app_id = $1 AND id = $2', [appId, id]);
  return row && toAccount(row);
}
