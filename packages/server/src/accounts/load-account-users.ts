import type { DayRollup } from '@habitual/core';
import type { Db } from '../db/database';
import type { UserRollups } from './account-scorecard';

/** Every user of an account with their stored rollups per device (one query). */
export async function loadAccountUsers(db: Db, appId: string, accountId: string): Promise<UserRollups[]> {
  const rows = await db.query<{ user_id: string; user_tz: string; device_id: string | null; day: string; tz: string; rev: number; active_ms: number; features: DayRollup['features']; firsts: DayRollup['firsts'] }>(
    `SELECT u.id AS user_id, u.tz AS user_tz, r.device_id, r.day, r.tz, r.rev, r.active_ms, r.features, r.firsts
     FROM users u LEFT JOIN day_rollups r ON r.app_id = u.app_id AND r.user_id = u.id
     WHERE u.app_id = $1 AND u.account_id = $2
     ORDER BY u.id, r.device_id, r.day`,
    [appId, accountId],
  );
  const users = new Map<string, UserRollups>();
  for (const r of rows) {
    let user = users.get(r.user_id);
    if (!user) users.set(r.user_id, (user = { id: r.user_id, tz: r.user_tz, perDevice: [] }));
    if (!r.device_id) continue;
    let device = user.perDevice[user.perDevice.length - 1];
    if (!device || device.deviceId !== r.device_id) user.perDevice.push((device = { deviceId: r.device_id, days: [] }));
    device.days.push({ v: 1, day: r.day, tz: r.tz, rev: r.rev, activeMs: r.active_ms, features: r.features, firsts: r.firsts });
  }
  return [...users.values()];
}
