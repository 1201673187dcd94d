import type { DayRollup } from '@habitual/core';
import type { Db } from '../db/database';
import type { UserRollups } from './scorecard-inputs';

interface Row {
  account_id: string;
  user_id: string;
  user_tz: string;
  device_id: string | null;
  day: string;
  tz: string;
  rev: number;
  active_ms: number;
  features: DayRollup['features'];
  firsts: DayRollup['firsts'];
}

// No ORDER BY: sorting an app's ten thousand wide rows by text took two thirds of the query
// on PostgreSQL; grouping below needs no order (core's mergeDeviceRollups sorts the days).
const SELECT = `SELECT u.account_id, u.id AS user_id, u.tz AS user_tz, r.device_id, r.day, r.tz, r.rev, r.active_ms, r.features, r.firsts
  FROM users u LEFT JOIN day_rollups r ON r.app_id = u.app_id AND r.user_id = u.id`;

/** Every user of an account with their stored rollups per device (one query). */
export async function loadAccountUsers(db: Db, appId: string, accountId: string): Promise<UserRollups[]> {
  const rows = await db.query<Row>(`${SELECT} WHERE u.app_id = $1 AND u.account_id = $2`, [appId, accountId]);
  return groupByAccount(rows).get(accountId) ?? [];
}

/**
 * Every user of each of `accountIds` with their rollups per device, by account id: one query
 * for a batch of accounts the state refresher recomputes.
 */
export async function loadAccountsUsers(db: Db, appId: string, accountIds: string[]): Promise<Map<string, UserRollups[]>> {
  return groupByAccount(await db.query<Row>(`${SELECT} WHERE u.app_id = $1 AND u.account_id = ANY($2::text[])`, [appId, accountIds]));
}

/** The users `userIds` (in any account) with their rollups per device: the changed users of the refresher's incremental pass. */
export async function loadUsers(db: Db, appId: string, userIds: string[]): Promise<UserRollups[]> {
  const rows = await db.query<Row>(`${SELECT} WHERE u.app_id = $1 AND u.id = ANY($2::text[])`, [appId, userIds]);
  return [...groupByAccount(rows).values()].flat();
}

/** Users without an account, with their rollups per device (the refresher's account-less work). */
export async function loadLoneUsers(db: Db, appId: string, userIds: string[]): Promise<UserRollups[]> {
  const rows = await db.query<Row>(`${SELECT} WHERE u.app_id = $1 AND u.id = ANY($2::text[]) AND u.account_id IS NULL`, [appId, userIds]);
  return [...groupByAccount(rows).values()].flat();
}

/** Rows in any order into users per account, each account's users by id. */
function groupByAccount(rows: Row[]): Map<string, UserRollups[]> {
  const users = new Map<string, { account: string; user: UserRollups; devices: Map<string, DayRollup[]> }>();
  for (const r of rows) {
    let u = users.get(r.user_id);
    if (!u) users.set(r.user_id, (u = { account: r.account_id, user: { id: r.user_id, tz: r.user_tz, perDevice: [] }, devices: new Map() }));
    if (!r.device_id) continue;
    let days = u.devices.get(r.device_id);
    if (!days) u.devices.set(r.device_id, (days = []));
    days.push({ v: 1, day: r.day, tz: r.tz, rev: r.rev, activeMs: r.active_ms, features: r.features, firsts: r.firsts });
  }
  const accounts = new Map<string, UserRollups[]>();
  for (const id of [...users.keys()].sort()) {
    const { account, user, devices } = users.get(id)!;
    for (const deviceId of [...devices.keys()].sort()) {
      user.perDevice.push({ deviceId, days: devices.get(deviceId)! });
    }
    const list = accounts.get(account);
    if (list) list.push(user);
    else accounts.set(account, [user]);
  }
  return accounts;
}
