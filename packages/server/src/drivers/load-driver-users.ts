import { mergeDeviceRollups, type DayRollup } from '@habitual/core';
import type { Db } from '../db/database';
import type { DriverUser } from './driver-observations';

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
    const rows = await db.query<DayRow>(
      'SELECT user_id, device_id, day, tz, rev, active_ms, features, firsts FROM day_rollups WHERE app_id = $1 AND user_id = ANY($2::text[])',
      [appId, page.map((u) => u.id)],
    );
    const devices = new Map<string, Map<string, DayRollup[]>>();
    for (const r of rows) {
      let byDevice = devices.get(r.user_id);
      if (!byDevice) devices.set(r.user_id, (byDevice = new Map()));
      let days = byDevice.get(r.device_id);
      if (!days) byDevice.set(r.device_id, (days = []));
      days.push({ v: 1, day: r.day, tz: r.tz, rev: r.rev, activeMs: r.active_ms, features: r.features, firsts: r.firsts });
    }
    for (const u of page) {
      const perDevice = [...(devices.get(u.id) ?? new Map<string, DayRollup[]>())]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([deviceId, days]) => ({ deviceId, days }));
      out.push({ id: u.id, accountId: u.account_id, tz: u.tz, days: mergeDeviceRollups(perDevice) });
    }
    after = page[page.length - 1].id;
  }
}
