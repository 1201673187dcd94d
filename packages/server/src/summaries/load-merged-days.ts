import { mergeDeviceRollups, type DayRollup } from '@habitual/core';
import type { Db } from '../db/database';

interface DayRow {
  user_id: string;
  device_id: string;
  day: string;
  tz: string;
  rev: number;
  active_ms: number;
  features: DayRollup['features'];
  firsts: DayRollup['firsts'];
}

/**
 * The stored days of `userIds` (up to day `until`, and from day `from`, when given), merged
 * over each user's devices as core's `mergeDeviceRollups` reads them (devices in id order), by
 * user id. One query for the whole list: callers bound it by the size of the list they pass.
 * Users with no stored day are absent.
 */
export async function loadMergedDays(db: Db, appId: string, userIds: string[], until?: string, from?: string): Promise<Map<string, DayRollup[]>> {
  const params: unknown[] = [appId, userIds];
  const bound = (op: string, day: string | undefined) => (day === undefined ? '' : ` AND day ${op} $${params.push(day)}`);
  const rows = await db.query<DayRow>(
    `SELECT user_id, device_id, day, tz, rev, active_ms, features, firsts FROM day_rollups WHERE app_id = $1 AND user_id = ANY($2::text[])${bound('<=', until)}${bound('>=', from)}`,
    params,
  );
  const devices = new Map<string, Map<string, DayRollup[]>>();
  for (const r of rows) {
    let byDevice = devices.get(r.user_id);
    if (!byDevice) devices.set(r.user_id, (byDevice = new Map()));
    let days = byDevice.get(r.device_id);
    if (!days) byDevice.set(r.device_id, (days = []));
    days.push({ v: 1, day: r.day, tz: r.tz, rev: r.rev, activeMs: r.active_ms, features: r.features, firsts: r.firsts });
  }
  const out = new Map<string, DayRollup[]>();
  for (const [user, byDevice] of devices) {
    const perDevice = [...byDevice].sort(([a], [b]) => (a < b ? -1 : 1)).map(([deviceId, days]) => ({ deviceId, days }));
    out.set(user, mergeDeviceRollups(perDevice));
  }
  return out;
}
