import type { Db } from '../db/database';
import { markStale } from '../state/mark-stale';
import type { Outcome } from './outcome';

export interface Account {
  id: string;
  name: string;
  plan: string;
  pricePerMonth: number;
  paidSeats: number;
  updatedAt: string;
  /** The outcome, once told (`PUT /v1/accounts/:id` with `status`, or the CSV upload). */
  status?: Outcome['status'];
  /** Day it churned, while `status` is 'churned'. */
  churnedAt?: string;
  renewedAt?: string;
}

/** An `accounts` row as the database returns it. */
export interface AccountRow {
  id: string;
  name: string;
  plan: string;
  price_per_month: number;
  paid_seats: number;
  updated_at: Date | string;
  status?: Outcome['status'] | null;
  churned_at?: string | null;
  renewed_at?: string | null;
}

export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  name: r.name,
  plan: r.plan,
  pricePerMonth: r.price_per_month,
  paidSeats: r.paid_seats,
  updatedAt: new Date(r.updated_at).toISOString(),
  ...(r.status ? { status: r.status } : {}),
  ...(r.churned_at ? { churnedAt: r.churned_at } : {}),
  ...(r.renewed_at ? { renewedAt: r.renewed_at } : {}),
});

/** The plan fields `PUT /v1/accounts/:id` sets together. */
type AccountPlan = Pick<Account, 'name' | 'plan' | 'pricePerMonth' | 'paidSeats'>;

export interface AccountChange {
  /** Name, plan, price and seats, all at once (as before outcomes existed). */
  plan?: AccountPlan;
  /** Monthly recurring revenue: the price per month, set on its own. */
  mrr?: number;
  /** The new outcome from the stored one (undefined when never told). */
  outcome?: (had: Outcome | undefined) => Outcome;
}

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
 * Sets an account's plan fields and/or its outcome; fields not given keep their stored value.
 * The kept list row takes the new name, plan and price at once (so search and sorts see them);
 * the score follows with the queued refresh.
 */
export function saveAccount(db: Db, appId: string, id: string, change: AccountChange): Promise<Account> {
  return db.transaction((tx) => writeAccount(tx, appId, id, change));
}

/** `saveAccount` inside the caller's transaction (the CSV upload writes every row in one). */
export async function writeAccount(tx: Db, appId: string, id: string, change: AccountChange): Promise<Account> {
  {
    const [had] = await tx.query<AccountRow>('SELECT * FROM accounts WHERE app_id = $1 AND id = $2 FOR UPDATE', [appId, id]);
    const old = had && toAccount(had);
    const p: AccountPlan = change.plan ?? {
      name: old?.name ?? '',
      plan: old?.plan ?? '',
      pricePerMonth: change.mrr ?? old?.pricePerMonth ?? 0,
      paidSeats: old?.paidSeats ?? 0,
    };
    const was: Outcome | undefined = old?.status && { status: old.status, churnedAt: old.churnedAt ?? null, renewedAt: old.renewedAt ?? null };
    const o = change.outcome ? change.outcome(was) : was;
    const [row] = await tx.query<AccountRow>(
      `INSERT INTO accounts (app_id, id, name, plan, price_per_month, paid_seats, status, churned_at, renewed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, date_trunc('milliseconds', now()))
       ON CONFLICT (app_id, id) DO UPDATE SET name = $3, plan = $4, price_per_month = $5, paid_seats = $6,
         status = $7, churned_at = $8, renewed_at = $9, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [appId, id, p.name, p.plan, p.pricePerMonth, p.paidSeats, o?.status ?? null, o?.churnedAt ?? null, o?.renewedAt ?? null],
    );
    // The queue row first, as the refresher locks it: the same order everywhere, no deadlock.
    await markStale(tx, appId, id, '');
    await tx.query(
      `UPDATE account_states SET name = $3, plan = $4, sort_name = $5, mrr = $6, paid_seats = $7, updated_at = $8
       WHERE app_id = $1 AND account_id = $2`,
      [appId, id, p.name, p.plan, sortName(p.name, id), p.pricePerMonth, p.paidSeats, row.updated_at],
    );
    return toAccount(row);
  }
}

/** The key the list sorts names by: the name, or the id when there is none, case folded. */
export const sortName = (name: string, id: string) => (name || id).toLowerCase();

export async function findAccount(db: Db, appId: string, id: string): Promise<Account | undefined> {
  const [row] = await db.query<AccountRow>('SELECT * FROM accounts WHERE app_id = $1 AND id = $2', [appId, id]);
  return row && toAccount(row);
}
