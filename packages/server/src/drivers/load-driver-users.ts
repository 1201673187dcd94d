import type { Db } from '../db/database';
import { loadMergedDays } from '../summaries/load-merged-days';
import type { DriverUser } from './driver-observations';

/**
 * Every user of an app with their days merged over devices, by id, `pageSize` users per
 * query (so a large app is read in bounded pieces, never as one huge result).
 */
export async function loadDriverUsers(db: Db, appId: string, pageSize = 500): Promise<DriverUser[]> {
  const out: DriverUser[] = [];
  let after = '';
  for (;;) {
    const page = await db.query<{ id: string; account_id: string | null; tz: string }>(
      'SELECT id, account_id, tz FROM users WHERE app_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [appId, after, pageSize],
    );
    if (!page.length) return out;
    const days = await loadMergedDays(
      db,
      appId,
      page.map((u) => u.id),
    );
    for (const u of page) out.push({ id: u.id, accountId: u.account_id, tz: u.tz, days: days.get(u.id) ?? [] });
    after = page[page.length - 1].id;
  }
}
