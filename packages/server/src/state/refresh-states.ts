import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { lastStoredDay, type UserRollups } from '../accounts/scorecard-inputs';
import { sortName, toAccount, unsetAccount, type Account, type AccountRow } from '../accounts/account-store';
import { loadAccountsUsers, loadLoneUsers, loadUsers } from '../accounts/load-account-users';
import { currentConfig } from '../config/config-store';
import { computeAccountStateSteps, keptUser, nextChange, updateAccountStateSteps, type KeptAccount, type KeptUser } from './compute-account-state';
import { loadKeptInputs, type KeptMembers } from './load-kept-inputs';
import { runSliced } from './run-sliced';
import { stateHorizonDays } from './state-horizon';
import { listColumns } from './list-columns';
import { keepHistory, type HistoryAccount, type HistoryUser } from './keep-history';
import { queueAlerts } from '../alerts/queue-alerts';

export interface RefreshOptions {
  /** The clock the states are computed at. */
  now: number;
  /** Queue rows claimed at once. @default 50 */
  batch?: number;
  /** How long a claim holds before another collector may take the work over. @default 60000 */
  leaseMs?: number;
  /** Called between accounts and within a big one, so a batch never stalls the event loop. @default setImmediate */
  pause?: () => Promise<void>;
  /** Longest stretch of computing between two pauses within a big account. @default 10 */
  sliceMs?: number;
  /** Told how many of the claimed rows were still this pass's at its commit (the others lost their lease to a write). */
  kept?: (kept: number, claimed: number) => void;
}

interface Claimed {
  app_id: string;
  account_id: string;
  user_id: string;
  /** New data (or a lost claim), not only a day passing: the account counts as updated. */
  data: boolean;
  /** The account's users whose days changed ('' for the account itself); null: compute every user. */
  users: string[] | null;
}

const LOAD_GROUP = 4;
// The incremental pass reads in groups too: on PGlite a read holds the one connection while its
// rows are parsed, and a pass of a busy app's changed users in one read held writes for 100 ms
// and more.
const KEPT_GROUP = 8;
const USERS_GROUP = 64;

/** `read` over `ids` a group at a time, one after another; the answers in order. */
async function inGroups<T>(ids: string[], size: number, read: (group: string[]) => Promise<Iterable<T>>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await read(ids.slice(i, i + size))));
  return out;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One pass of the state refresher: claims up to `batch` due queue rows (new data, or a local
 * midnight at which silence can change a state) with `FOR UPDATE SKIP LOCKED` and a lease,
 * recomputes those accounts and account-less users with core's engine, and writes their kept
 * states in one transaction per app, but only for rows whose lease still holds (a write that
 * arrived meanwhile took it away, and the work runs again). An account with new data computes
 * only its changed users from their days and combines its card with the other users' kept
 * inputs (`user_states.inputs`); a midnight, a config change, a user who moved or was
 * forgotten, or inputs that cannot be used (`loadKeptInputs`) compute it whole from its days.
 * Returns how many rows it claimed.
 */
export async function refreshStates(db: Db, options: RefreshOptions): Promise<number> {
  const { now, batch = 50, leaseMs = 60_000, pause = yieldToLoop, sliceMs = 10 } = options;
  const lease = randomUUID();
  const claimed = await db.query<Claimed>(
    `UPDATE state_queue q SET due_at = to_timestamp($2::float8 / 1000), lease = $3
     FROM (SELECT app_id, account_id, user_id, due_at = '-infinity' OR lease IS NOT NULL AS data FROM state_queue
           WHERE due_at <= to_timestamp($1::float8 / 1000) ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED) c
     WHERE q.app_id = c.app_id AND q.account_id = c.account_id AND q.user_id = c.user_id
     RETURNING q.app_id, q.account_id, q.user_id, c.data, q.users`,
    [now, now + leaseMs, lease, batch],
  );
  const byApp = new Map<string, Claimed[]>();
  for (const c of claimed) byApp.set(c.app_id, [...(byApp.get(c.app_id) ?? []), c]);
  let kept = 0;
  for (const [appId, items] of byApp) kept += await refreshApp(db, appId, items, lease, now, pause, sliceMs);
  options.kept?.(kept, claimed.length);
  return claimed.length;
}

async function refreshApp(db: Db, appId: string, items: Claimed[], lease: string, now: number, pause: () => Promise<void>, sliceMs: number): Promise<number> {
  const { config, version } = await currentConfig(db, appId);
  const horizon = stateHorizonDays(config);
  const accountIds = items.filter((i) => i.account_id).map((i) => i.account_id);
  const loneIds = items.filter((i) => !i.account_id).map((i) => i.user_id);
  const [metaRows, lone] = await Promise.all([
    accountIds.length
      ? db.query<AccountRow>('SELECT id, name, plan, price_per_month, paid_seats, updated_at FROM accounts WHERE app_id = $1 AND id = ANY($2::text[])', [
          appId,
          accountIds,
        ])
      : [],
    loneIds.length ? loadLoneUsers(db, appId, loneIds) : [],
  ]);
  const meta = new Map(metaRows.map((r) => [r.id, r]));
  const dataChanged = new Set(items.filter((i) => i.data).map((i) => `${i.account_id}\u0000${i.user_id}`));

  const accountRows: unknown[] = [];
  const userRows: unknown[] = [];
  const due = new Map<string, number | null>();
  const keep = (u: KeptUser, accountId: string | null) =>
    userRows.push({
      user_id: u.id,
      account_id: accountId,
      tz: u.tz,
      stage: u.summary?.stage ?? null,
      score: u.summary?.score ?? null,
      band: u.summary?.band ?? null,
      l7: u.summary?.l7 ?? null,
      l28: u.summary?.l28 ?? null,
      last_active: u.summary?.lastActive ?? null,
      stuck: u.summary?.stuck ?? null,
      inputs: u.inputs ?? null,
      error: u.error ?? null,
    });
  const whole = new Set<string>();
  const addAccount = (id: string, account: Account, users: number, kept: KeptAccount) => {
    due.set(`${id}\u0000`, kept.dueAt);
    accountRows.push({
      account_id: id,
      name: account.name,
      plan: account.plan,
      sort_name: sortName(account.name, id),
      mrr: account.pricePerMonth,
      paid_seats: account.paidSeats,
      users,
      ...listColumns(kept),
      card: kept.card ?? null,
      error: kept.error ?? null,
      touched: dataChanged.has(`${id}\u0000`),
    });
  };

  // New data for users of an account whose other users' inputs are kept: only the changed
  // users' days are read and computed.
  const changed = new Map<string, Set<string>>();
  for (const i of items) if (i.account_id && i.data && i.users !== null) changed.set(i.account_id, new Set(i.users));
  const members = new Map<string, KeptMembers>(await inGroups([...changed.keys()], KEPT_GROUP, (ids) => loadKeptInputs(db, appId, ids, changed, version, now)));
  const changedIds = [...members].flatMap(([, list]) => list.filter((u) => !u.inputs).map((u) => u.id));
  const fresh = new Map((await inGroups(changedIds, USERS_GROUP, (ids) => loadUsers(db, appId, ids))).map((u) => [u.id, u]));
  for (const id of accountIds) {
    const list = members.get(id);
    const row = meta.get(id);
    const account = row ? toAccount(row) : unsetAccount(id, now);
    // An account with neither a row nor users is gone: the whole path drops its state.
    const kept =
      list && (row || list.length) ? await runSliced(updateAccountStateSteps(account, list, fresh, config, now, horizon), { pause, sliceMs }) : undefined;
    if (!list || !kept) {
      whole.add(id);
      continue;
    }
    const computed = new Set(list.filter((m) => !m.inputs).map((m) => m.id));
    for (const u of kept.users) if (computed.has(u.id)) keep(u, id);
    addAccount(id, account, list.length, kept);
    await pause();
  }

  // A few accounts' days per query: one big read would hold the event loop (PGlite runs
  // in-process) and the memory of a whole batch at once.
  const wholeIds = [...whole];
  let usersByAccount = new Map<string, UserRollups[]>();
  for (let i = 0; i < wholeIds.length; i++) {
    const id = wholeIds[i];
    if (i % LOAD_GROUP === 0) usersByAccount = await loadAccountsUsers(db, appId, wholeIds.slice(i, i + LOAD_GROUP));
    const users = usersByAccount.get(id) ?? [];
    const row = meta.get(id);
    if (!row && users.length === 0) {
      due.set(`${id}\u0000`, null);
      continue;
    }
    const account = row ? toAccount(row) : unsetAccount(id, now);
    // A big account (dozens of users) is computed in slices, so ingest and pages keep flowing.
    const kept = await runSliced(computeAccountStateSteps(account, users, config, now, horizon), { pause, sliceMs });
    for (const u of kept.users) keep(u, id);
    addAccount(id, account, users.length, kept);
    await pause();
  }
  const found = new Set(lone.map((u) => u.id));
  for (const id of loneIds) due.set(`\u0000${id}`, null);
  for (const u of lone) {
    keep(keptUser(u, config, now), null);
    due.set(`\u0000${u.id}`, nextChange([{ tz: u.tz, last: lastStoredDay(u) }], now, horizon));
    await pause();
  }

  return db.transaction(async (tx) => {
    // Only the work still ours: a write since the claim cleared the lease and queued it again.
    const owned = await tx.query<{ account_id: string; user_id: string }>(
      'SELECT account_id, user_id FROM state_queue WHERE app_id = $1 AND lease = $2 FOR UPDATE',
      [appId, lease],
    );
    const mine = new Set(owned.map((o) => `${o.account_id}\u0000${o.user_id}`));
    // Only an account computed whole knows every user it has: the incremental ones wrote their changed users.
    const ownedAccounts = wholeIds.filter((id) => mine.has(`${id}\u0000`));
    const users = (userRows as HistoryUser[]).filter((u) => mine.has(`${u.account_id ?? ''}\u0000${u.account_id === null ? u.user_id : ''}`));
    const accounts = (accountRows as HistoryAccount[]).filter((a) => mine.has(`${a.account_id}\u0000`));
    await queueAlerts(tx, appId, await keepHistory(tx, appId, accounts, users as HistoryUser[], now), now);
    if (users.length) {
      await tx.query(
        `INSERT INTO user_states (app_id, user_id, account_id, tz, stage, score, band, l7, l28, last_active, stuck, inputs, error, config_version, computed_at)
         SELECT $1, x.user_id, x.account_id, x.tz, x.stage, x.score, x.band, x.l7, x.l28, x.last_active, x.stuck, x.inputs, x.error, $3, to_timestamp($4::float8 / 1000)
         FROM jsonb_to_recordset($2::jsonb) AS x(user_id text, account_id text, tz text, stage text, score integer, band text, l7 integer, l28 integer, last_active text, stuck jsonb,
           inputs jsonb, error text)
         ON CONFLICT (app_id, user_id) DO UPDATE SET account_id = EXCLUDED.account_id, tz = EXCLUDED.tz, stage = EXCLUDED.stage, score = EXCLUDED.score,
           band = EXCLUDED.band, l7 = EXCLUDED.l7, l28 = EXCLUDED.l28, last_active = EXCLUDED.last_active, stuck = EXCLUDED.stuck,
           inputs = EXCLUDED.inputs, error = EXCLUDED.error, config_version = EXCLUDED.config_version, computed_at = EXCLUDED.computed_at`,
        [appId, JSON.stringify(users), version, now],
      );
    }
    if (ownedAccounts.length) {
      // Users who left these accounts (moved or forgotten) no longer show under them.
      await tx.query('DELETE FROM user_states WHERE app_id = $1 AND account_id = ANY($2::text[]) AND NOT (user_id = ANY($3::text[]))', [
        appId,
        ownedAccounts,
        users.map((u) => u.user_id),
      ]);
      const gone = ownedAccounts.filter((id) => !accounts.some((a) => a.account_id === id));
      if (gone.length) await tx.query('DELETE FROM account_states WHERE app_id = $1 AND account_id = ANY($2::text[])', [appId, gone]);
    }
    const goneLone = loneIds.filter((id) => !found.has(id) && mine.has(`\u0000${id}`));
    if (goneLone.length) await tx.query('DELETE FROM user_states WHERE app_id = $1 AND user_id = ANY($2::text[]) AND account_id IS NULL', [appId, goneLone]);
    if (accounts.length) {
      await tx.query(
        `INSERT INTO account_states (app_id, account_id, name, plan, sort_name, mrr, paid_seats, users, score, band, trend, depth, breadth, reach, value_per_dollar,
           card, error, config_version, updated_at, computed_at)
         SELECT $1, x.account_id, x.name, x.plan, x.sort_name, x.mrr, x.paid_seats, x.users, x.score, x.band, x.trend, x.depth, x.breadth, x.reach, x.value_per_dollar,
           x.card, x.error, $3,
           CASE WHEN x.touched THEN date_trunc('milliseconds', to_timestamp($4::float8 / 1000))
             ELSE COALESCE((SELECT s.updated_at FROM account_states s WHERE s.app_id = $1 AND s.account_id = x.account_id), date_trunc('milliseconds', to_timestamp($4::float8 / 1000))) END,
           to_timestamp($4::float8 / 1000)
         FROM jsonb_to_recordset($2::jsonb) AS x(account_id text, name text, plan text, sort_name text, mrr double precision, paid_seats integer, users integer,
           score integer, band text, trend double precision, depth double precision, breadth double precision, reach double precision,
           value_per_dollar double precision, card jsonb, error text, touched boolean)
         ON CONFLICT (app_id, account_id) DO UPDATE SET name = EXCLUDED.name, plan = EXCLUDED.plan, sort_name = EXCLUDED.sort_name, mrr = EXCLUDED.mrr,
           paid_seats = EXCLUDED.paid_seats, users = EXCLUDED.users, score = EXCLUDED.score, band = EXCLUDED.band, trend = EXCLUDED.trend,
           depth = EXCLUDED.depth, breadth = EXCLUDED.breadth, reach = EXCLUDED.reach, value_per_dollar = EXCLUDED.value_per_dollar,
           card = EXCLUDED.card, error = EXCLUDED.error, config_version = EXCLUDED.config_version, computed_at = EXCLUDED.computed_at,
           updated_at = EXCLUDED.updated_at`,
        [appId, JSON.stringify(accounts), version, now],
      );
    }
    const finished = [...mine].map((key) => {
      const [account_id, user_id] = key.split('\u0000');
      const at = due.get(key);
      return { account_id, user_id, due: at ?? null };
    });
    await tx.query(
      `DELETE FROM state_queue q USING jsonb_to_recordset($2::jsonb) AS x(account_id text, user_id text, due double precision)
       WHERE q.app_id = $1 AND q.account_id = x.account_id AND q.user_id = x.user_id AND q.lease = $3 AND x.due IS NULL`,
      [appId, JSON.stringify(finished), lease],
    );
    await tx.query(
      `UPDATE state_queue q SET due_at = to_timestamp(x.due / 1000), lease = NULL, users = '{}' FROM jsonb_to_recordset($2::jsonb) AS x(account_id text, user_id text, due double precision)
       WHERE q.app_id = $1 AND q.account_id = x.account_id AND q.user_id = x.user_id AND q.lease = $3 AND x.due IS NOT NULL`,
      [appId, JSON.stringify(finished), lease],
    );
    return mine.size;
  });
}
