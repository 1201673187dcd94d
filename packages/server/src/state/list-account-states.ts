import type { Db } from '../db/database';
import type { Account } from '../accounts/account-store';
import type { AccountScorecard } from '../accounts/account-scorecard';
import { encodeCursor, type AccountListQuery, type AccountSort } from '../accounts/account-list-query';

/** One row of the accounts list: the kept scorecard, or the account with why it has none. */
export type AccountListItem = Omit<AccountScorecard, 'usersDetail'> | { account: Account; error: string; score: null; band: 'error'; users: number };

// Each sort's column (indexed with app_id first and account_id last) and how its value is read
// back for the cursor: text for the timestamp, so the keyset comparison is exact.
const COLUMN: Record<AccountSort, { sql: string; read: string }> = {
  score: { sql: 'score', read: 'score' },
  trend: { sql: 'trend', read: 'trend' },
  name: { sql: 'sort_name', read: 'sort_name' },
  mrr: { sql: 'mrr', read: 'mrr' },
  users: { sql: 'users', read: 'users' },
  updated: { sql: 'updated_at', read: 'updated_at::text' },
  depth: { sql: 'depth', read: 'depth' },
  breadth: { sql: 'breadth', read: 'breadth' },
  reach: { sql: 'reach', read: 'reach' },
  valuePerDollar: { sql: 'value_per_dollar', read: 'value_per_dollar' },
};

interface Row {
  account_id: string;
  name: string;
  plan: string;
  mrr: number;
  paid_seats: number;
  users: number;
  updated_at: Date | string;
  card: Omit<AccountScorecard, 'usersDetail'> | null;
  error: string | null;
  k: string | number;
}

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of an app's kept account states: a keyset range scan on the sort's index, so the cost
 * follows the page size, not the number of accounts. Filters narrow the scan (`q` matches part
 * of the name or the id, case-insensitively).
 */
export async function listAccountStates(
  db: Db,
  appId: string,
  query: AccountListQuery & { id?: string },
): Promise<{ accounts: AccountListItem[]; nextCursor: string | null }> {
  const { sql, read } = COLUMN[query.sort];
  const params: unknown[] = [appId];
  const where = ['app_id = $1'];
  if (query.id !== undefined) where.push(`account_id = $${params.push(query.id)}`);
  if (query.band) where.push(`band = $${params.push(query.band)}`);
  if (query.plan !== undefined) where.push(`plan = $${params.push(query.plan)}`);
  if (query.stage) where.push(`(card -> 'stages' -> $${params.push(query.stage)})::int > 0`);
  if (query.q) {
    const p = params.push(likePattern(query.q));
    where.push(`(lower(name) LIKE $${p} OR lower(account_id) LIKE $${p})`);
  }
  const dir = query.order === 'asc' ? '>' : '<';
  if (query.after) {
    const cast = query.sort === 'updated' ? '::timestamptz' : '';
    const v = params.push(query.after[0]);
    const id = params.push(query.after[1]);
    where.push(`(${sql}, account_id) ${dir} ($${v}${cast}, $${id})`);
  }
  const order = query.order === 'asc' ? 'ASC' : 'DESC';
  const rows = await db.query<Row>(
    `SELECT account_id, name, plan, mrr, paid_seats, users, updated_at, card, error, ${read} AS k FROM account_states
     WHERE ${where.join(' AND ')} ORDER BY ${sql} ${order}, account_id ${order} LIMIT ${query.limit + 1}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit ? encodeCursor(query.sort, query.order, last.k, last.account_id) : null;
  return { accounts: page.map(toItem), nextCursor };
}

function toItem(r: Row): AccountListItem {
  const account: Account = {
    id: r.account_id,
    name: r.name,
    plan: r.plan,
    pricePerMonth: r.mrr,
    paidSeats: r.paid_seats,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
  if (!r.card) return { account, error: r.error ?? 'The state of this account has not been computed yet.', score: null, band: 'error', users: r.users };
  return { ...r.card, account };
}
