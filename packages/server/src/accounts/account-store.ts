import type { Db } from '../db/database';

export interface Account {
  id: string;
  name: string;
  plan: string;
  pricePerMonth: number;
  paidSeats: number;
  updatedAt: string;
}

interface AccountRow {
  id: string;
  name: string;
  plan: string;
  price_per_month: number;
  paid_seats: number;
  updated_at: Date | string;
}

const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  name: r.name,
  plan: r.plan,
  pricePerMonth: r.price_per_month,
  paidSeats: r.paid_seats,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function saveAccount(db: Db, appId: string, a: Omit<Account, 'updatedAt'>): Promise<Account> {
  const [row] = await db.query<AccountRow>(
    `INSERT INTO accounts (app_id, id, name, plan, price_per_month, paid_seats, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (app_id, id) DO UPDATE SET name = $3, plan = $4, price_per_month = $5, paid_seats = $6, updated_at = now()
     RETURNING id, name, plan, price_per_month, paid_seats, updated_at`,
    [appId, a.id, a.name, a.plan, a.pricePerMonth, a.paidSeats],
  );
  return toAccount(row);
}

export async function findAccount(db: Db, appId: string, id: string): Promise<Account | undefined> {
  const [row] = await db.query<AccountRow>('SELECT * FROM accounts WHERE app_id = $1 AND id = $2', [appId, id]);
  return row && toAccount(row);
}

/**
 * Accounts set by the host plus accounts only seen in summaries (no plan yet), so an account
 * the backend has not registered still shows up.
 */
export async function listAccounts(db: Db, appId: string): Promise<Account[]> {
  const rows = await db.query<AccountRow>(
    `SELECT id, name, plan, price_per_month, paid_seats, updated_at FROM accounts WHERE app_id = $1
     UNION ALL
     SELECT DISTINCT u.account_id, '', '', 0, 0, now() FROM users u
     WHERE u.app_id = $1 AND u.account_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.app_id = $1 AND a.id = u.account_id)
     ORDER BY 1`,
    [appId],
  );
  return rows.map(toAccount);
}

/** Users of an account with their time zone. */
export async function accountUsers(db: Db, appId: string, accountId: string): Promise<Array<{ id: string; tz: string }>> {
  return db.query<{ id: string; tz: string }>('SELECT id, tz FROM users WHERE app_id = $1 AND account_id = $2 ORDER BY id', [appId, accountId]);
}
