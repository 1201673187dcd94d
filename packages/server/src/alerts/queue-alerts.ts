import { todayKey } from '@habitual/core';
import type { Db } from '../db/database';
import type { StateMoves } from '../state/keep-history';
import { readAlertSettings } from './alert-settings';

/** Points below the best of the last 7 days that make a drop alert. */
const DROP_POINTS = 15;
// Only users who had been engaged reach at_risk, so all three count as key users.
const KEY_STAGES = new Set(['engaged', 'power', 'at_risk']);

/** What one alert says; the message is built from these at delivery. */
export interface AlertFacts {
  kind: 'entered_red' | 'score_dropped' | 'user_dormant';
  account?: { id: string; name: string };
  user?: { id: string; from: string };
  score?: number | null;
  previousScore?: number | null;
  best7?: number;
}

/**
 * Decides the alerts a state write makes (in its transaction) and puts them in the outbox:
 * an account entering red (from yellow or green), an account newly 15+ points below its best
 * of the last 7 days, a key user going dormant. One alert per kind, subject and UTC day.
 * Nothing when the app's alerts are off.
 */
export async function queueAlerts(tx: Db, appId: string, moves: StateMoves, now: number): Promise<number> {
  if (!moves.accounts.length && !moves.users.length) return 0;
  const settings = await readAlertSettings(tx, appId);
  if (settings.target === 'off') return 0;
  const day = todayKey(now, 'UTC');
  const rows: Array<{ key: string; kind: string; account_id: string | null; user_id: string | null; facts: AlertFacts }> = [];
  for (const a of moves.accounts) {
    const account = { id: a.accountId, name: a.name };
    if (settings.enteredRed && a.toBand === 'red' && (a.fromBand === 'yellow' || a.fromBand === 'green')) {
      rows.push({
        key: `entered_red:${a.accountId}:${day}`,
        kind: 'entered_red',
        account_id: a.accountId,
        user_id: null,
        facts: { kind: 'entered_red', account, score: a.toScore, previousScore: a.fromScore },
      });
    }
    const dropped = (score: number | null | undefined) => a.best7 !== undefined && score !== null && score !== undefined && a.best7 - score >= DROP_POINTS;
    if (settings.dropped && dropped(a.toScore) && !dropped(a.fromScore)) {
      rows.push({
        key: `score_dropped:${a.accountId}:${day}`,
        kind: 'score_dropped',
        account_id: a.accountId,
        user_id: null,
        facts: { kind: 'score_dropped', account, score: a.toScore, best7: a.best7 },
      });
    }
  }
  if (settings.keyUserDormant) {
    const names = new Map(moves.accounts.map((a) => [a.accountId, a.name]));
    for (const u of moves.users) {
      if (u.to !== 'dormant' || !u.from || !KEY_STAGES.has(u.from)) continue;
      rows.push({
        key: `user_dormant:${u.userId}:${day}`,
        kind: 'user_dormant',
        account_id: u.accountId,
        user_id: u.userId,
        facts: {
          kind: 'user_dormant',
          user: { id: u.userId, from: u.from },
          ...(u.accountId ? { account: { id: u.accountId, name: names.get(u.accountId) ?? '' } } : {}),
        },
      });
    }
  }
  if (!rows.length) return 0;
  const written = await tx.query(
    `INSERT INTO alert_outbox (app_id, key, kind, account_id, user_id, facts, created_at, next_at)
     SELECT $1, x.key, x.kind, x.account_id, x.user_id, x.facts, to_timestamp($3::float8 / 1000), to_timestamp($3::float8 / 1000)
     FROM jsonb_to_recordset($2::jsonb) AS x(key text, kind text, account_id text, user_id text, facts jsonb)
     ON CONFLICT (app_id, key) DO NOTHING RETURNING key`,
    [appId, JSON.stringify(rows), now],
  );
  return written.length;
}
