import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { sameSecret } from '../http/identity';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Stores the admin token (hashed: a database dump does not hand out the dashboard). */
export async function setAdminToken(db: Db, token: string): Promise<void> {
  await db.query(`INSERT INTO settings (key, value) VALUES ('admin_token_sha256', $1) ON CONFLICT (key) DO UPDATE SET value = $1`, [sha256(token)]);
}

export async function hasAdminToken(db: Db): Promise<boolean> {
  return (await db.query("SELECT 1 FROM settings WHERE key = 'admin_token_sha256'")).length > 0;
}

export async function isAdminToken(db: Db, token: string): Promise<boolean> {
  const [row] = await db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'admin_token_sha256'");
  return !!row && sameSecret(row.value, sha256(token));
}
