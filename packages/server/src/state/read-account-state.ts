import type { Db } from '../db/database';
import type { UserSummary } from '../accounts/scorecard-inputs';
import { listAccountStates, type AccountListItem } from './list-account-states';

/** A user's kept state as the scorecard lists it (with the display name their device sent), or why it could not be computed. */
export type KeptUserSummary = (UserSummary | { id: string; error: string }) & { name?: string };

interface UserRow {
  user_id: string;
  stage: UserSummary['stage'];
  score: number;
  band: UserSummary['band'];
  l7: number;
  l28: number;
  last_active: string | null;
  stuck: UserSummary['stuck'] | null;
  error: string | null;
  name: string | null;
}

/** One account's kept scorecard with every user's kept state, or undefined before it is computed. */
export async function readAccountState(db: Db, appId: string, accountId: string): Promise<(AccountListItem & { usersDetail: KeptUserSummary[] }) | undefined> {
  const [{ accounts }, users] = await Promise.all([
    listAccountStates(db, appId, { limit: 1, sort: 'score', order: 'asc', id: accountId }),
    db.query<UserRow>(
      `SELECT s.user_id, s.stage, s.score, s.band, s.l7, s.l28, s.last_active, s.stuck, s.error, u.name FROM user_states s
       LEFT JOIN users u ON u.app_id = s.app_id AND u.id = s.user_id WHERE s.app_id = $1 AND s.account_id = $2 ORDER BY s.user_id`,
      [appId, accountId],
    ),
  ]);
  if (!accounts.length) return undefined;
  const usersDetail: KeptUserSummary[] = users.map((u) =>
    u.error
      ? { id: u.user_id, error: u.error, ...(u.name ? { name: u.name } : {}) }
      : {
          id: u.user_id,
          ...(u.name ? { name: u.name } : {}),
          stage: u.stage,
          score: u.score,
          band: u.band,
          l7: u.l7,
          l28: u.l28,
          ...(u.last_active ? { lastActive: u.last_active } : {}),
          ...(u.stuck ? { stuck: u.stuck } : {}),
        },
  );
  return { ...accounts[0], usersDetail };
}
