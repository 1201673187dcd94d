import { todayKey, type HabitualConfig } from '@habitual/core';
import type { Db } from '../db/database';
import type { UserRollups } from '../accounts/scorecard-inputs';
import { toAccount, type AccountRow } from '../accounts/account-store';
import { loadAccountsUsers } from '../accounts/load-account-users';
import { computeAccountState } from './compute-account-state';
import { listColumns } from './list-columns';
import { stateHorizonDays } from './state-horizon';

const DAY_MS = 86_400_000;

/** The users as they stood at the end of `day`: only the days stored up to it. */
const asOf = (users: UserRollups[], at: number): UserRollups[] =>
  users.map((u) => {
    const last = todayKey(at, u.tz);
    return { ...u, perDevice: u.perDevice.map((d) => ({ ...d, days: d.days.filter((r) => r.day <= last) })) };
  });

/**
 * Fills an app's score history (`account_scores`) for the `days` days before today from the
 * stored rollups, computing each account as it stood at the end of each day, with the same
 * engine as the refresher. Never overwrites a kept day. For data that arrived before the
 * collector kept history (an upgrade, an import, the demo's seed). Returns the rows written.
 */
export async function backfillHistory(db: Db, appId: string, config: HabitualConfig, days: number, now: number): Promise<number> {
  const horizon = stateHorizonDays(config);
  const metas = await db.query<AccountRow>(
    `SELECT a.id, a.name, a.plan, a.price_per_month, a.paid_seats, a.updated_at FROM accounts a WHERE a.app_id = $1
     UNION SELECT DISTINCT u.account_id, '', '', 0, 0, now() FROM users u
       WHERE u.app_id = $1 AND u.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.app_id = $1 AND a.id = u.account_id)`,
    [appId],
  );
  let written = 0;
  for (let i = 0; i < metas.length; i += 4) {
    const group = metas.slice(i, i + 4);
    const usersBy = await loadAccountsUsers(
      db,
      appId,
      group.map((m) => m.id),
    );
    const rows: unknown[] = [];
    for (const meta of group) {
      const users = usersBy.get(meta.id) ?? [];
      const account = toAccount(meta);
      for (let k = days; k >= 1; k--) {
        // The last instant of the day k days ago.
        const at = now - k * DAY_MS;
        const kept = computeAccountState(account, asOf(users, at), config, at, horizon);
        const { score, band } = listColumns(kept);
        rows.push({
          account_id: meta.id,
          day: kept.card?.trend.days[kept.card.trend.days.length - 1] ?? todayKey(at, 'UTC'),
          score: kept.card && !kept.card.noData ? score : null,
          band,
          users: users.length,
        });
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const res = await db.query(
      `INSERT INTO account_scores (app_id, account_id, day, score, band, users, computed_at)
       SELECT $1, x.account_id, x.day, x.score, x.band, x.users, to_timestamp($3::float8 / 1000)
       FROM jsonb_to_recordset($2::jsonb) AS x(account_id text, day text, score integer, band text, users integer)
       ON CONFLICT (app_id, account_id, day) DO NOTHING RETURNING day`,
      [appId, JSON.stringify(rows), now],
    );
    written += res.length;
  }
  return written;
}
