import { addDays, todayKey, type Stage } from '@habitual/core';
import type { Db } from '../db/database';
import type { AccountScorecard } from '../accounts/account-scorecard';

/** An account row as the refresher writes it (the fields the history reads). */
export interface HistoryAccount {
  account_id: string;
  name: string;
  band: string;
  users: number;
  card: Omit<AccountScorecard, 'usersDetail'> | null;
}

/** A user row as the refresher writes it. */
export interface HistoryUser {
  user_id: string;
  account_id: string | null;
  stage: Stage | null;
}

/** What changed with this write: the facts alerts are decided on. */
export interface StateMoves {
  accounts: Array<{
    accountId: string;
    name: string;
    /** The kept band before (undefined: first computed now); `none` is no data yet. */
    fromBand?: string;
    toBand: string;
    fromScore?: number | null;
    toScore: number | null;
    /** Highest daily score in the 7 days before today, if any was kept. */
    best7?: number;
  }>;
  users: Array<{ userId: string; accountId: string | null; from: Stage | null; to: Stage }>;
}

const scoreOf = (a: HistoryAccount) => (a.card && !a.card.noData ? a.card.score : null);

/**
 * Keeps the history a write makes, in the refresher's transaction and before the new states
 * overwrite the old: the account's score for its local today (`account_scores`, one row a day,
 * the last computation wins) and each user's stage move of the UTC day (`stage_changes`).
 * Returns the moves, read against the states being replaced.
 */
export async function keepHistory(tx: Db, appId: string, accounts: HistoryAccount[], users: HistoryUser[], now: number): Promise<StateMoves> {
  const today = todayKey(now, 'UTC');
  const ids = accounts.map((a) => a.account_id);
  // One after another: a transaction is one connection, which runs one query at a time anyway
  // (node-postgres warns of, and its next version refuses, queries sent while one runs).
  const before = ids.length
    ? await tx.query<{ account_id: string; band: string; score: number }>(
        'SELECT account_id, band, score FROM account_states WHERE app_id = $1 AND account_id = ANY($2::text[])',
        [appId, ids],
      )
    : [];
  const bests = ids.length
    ? await tx.query<{ account_id: string; best: number | null }>(
        'SELECT account_id, max(score) AS best FROM account_scores WHERE app_id = $1 AND account_id = ANY($2::text[]) AND day >= $3 AND day < $4 GROUP BY account_id',
        [appId, ids, addDays(today, -7), today],
      )
    : [];
  const stages = users.length
    ? await tx.query<{ user_id: string; stage: Stage | null }>('SELECT user_id, stage FROM user_states WHERE app_id = $1 AND user_id = ANY($2::text[])', [
        appId,
        users.map((u) => u.user_id),
      ])
    : [];
  const was = new Map(before.map((b) => [b.account_id, b]));
  const best = new Map(bests.map((b) => [b.account_id, b.best]));
  const stageWas = new Map(stages.map((s) => [s.user_id, s.stage]));

  if (accounts.length) {
    const rows = accounts.map((a) => ({
      account_id: a.account_id,
      day: a.card?.trend.days[a.card.trend.days.length - 1] ?? today,
      score: scoreOf(a),
      band: a.band,
      users: a.users,
    }));
    await tx.query(
      `INSERT INTO account_scores (app_id, account_id, day, score, band, users, computed_at)
       SELECT $1, x.account_id, x.day, x.score, x.band, x.users, to_timestamp($3::float8 / 1000)
       FROM jsonb_to_recordset($2::jsonb) AS x(account_id text, day text, score integer, band text, users integer)
       ON CONFLICT (app_id, account_id, day) DO UPDATE SET score = EXCLUDED.score, band = EXCLUDED.band, users = EXCLUDED.users, computed_at = EXCLUDED.computed_at`,
      [appId, JSON.stringify(rows), now],
    );
  }
  const moved = users.filter((u) => u.stage !== null && stageWas.get(u.user_id) !== u.stage);
  if (moved.length) {
    await tx.query(
      `INSERT INTO stage_changes (app_id, user_id, day, account_id, from_stage, to_stage)
       SELECT $1, x.user_id, $3, x.account_id, x.from_stage, x.to_stage
       FROM jsonb_to_recordset($2::jsonb) AS x(user_id text, account_id text, from_stage text, to_stage text)
       ON CONFLICT (app_id, user_id, day) DO UPDATE SET to_stage = EXCLUDED.to_stage, account_id = EXCLUDED.account_id`,
      [
        appId,
        JSON.stringify(moved.map((u) => ({ user_id: u.user_id, account_id: u.account_id, from_stage: stageWas.get(u.user_id) ?? null, to_stage: u.stage }))),
        today,
      ],
    );
  }
  return {
    accounts: accounts.map((a) => {
      const old = was.get(a.account_id);
      const b = best.get(a.account_id);
      return {
        accountId: a.account_id,
        name: a.name,
        fromBand: old?.band,
        toBand: a.band,
        fromScore: old ? (old.band === 'none' || old.band === 'error' ? null : old.score) : undefined,
        toScore: scoreOf(a),
        ...(b === null || b === undefined ? {} : { best7: b }),
      };
    }),
    users: moved.map((u) => ({ userId: u.user_id, accountId: u.account_id, from: stageWas.get(u.user_id) ?? null, to: u.stage! })),
  };
}
