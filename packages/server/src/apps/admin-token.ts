import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { APP_COLUMNS, toApp, type App, type AppRow } from './app-store';
import { sameSecret } from '../http/identity';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Stores the admin token (hashed: a database dump does not hand out the dashboard). */
export async function setAdminToken(db: Db, token: string): Promise<void> {
  await db.query(`INSERT INTO settings (key, value) VALUES ('admin_token_sha256', $1) ON CONFLICT (key) DO UPDATE SET value = $1`, [sha256(token)]);
}

export async function hasAdminToken(db: Db): Promise<boolean> {
  return (await db.query("SELECT 1 FROM settings WHERE key = 'admin_token_sha256'")).length > 0;
}

export interface AdminLogin {
  /** `token` is the admin token. */
  admin: boolean;
  /** The app `?app=` names, else the first app. */
  named?: App;
  /** The app whose secret `token` is. */
  bySecret?: App;
}

/**
 * What an admin request's bearer `token` opens, read in one statement: on PGlite every
 * statement waits its turn for the one connection, and a dashboard page read the token, then
 * the app, then the page.
 */
export async function readAdminLogin(db: Db, token: string, appId?: string): Promise<AdminLogin> {
  const rows = await db.query<Partial<AppRow> & { admin_sha256: string | null; named: boolean | null; by_secret: boolean | null }>(
    `WITH named AS (SELECT COALESCE($1::text, (SELECT id FROM apps ORDER BY created_at, id LIMIT 1)) AS id)
     SELECT (SELECT value FROM settings WHERE key = 'admin_token_sha256') AS admin_sha256,
       a.id = (SELECT id FROM named) AS named, a.secret = $2 AS by_secret, ${APP_COLUMNS}
     FROM (SELECT 1) one LEFT JOIN apps a ON a.secret = $2 OR a.id = (SELECT id FROM named)`,
    [appId ?? null, token],
    { name: 'habitual_admin_login' },
  );
  const pick = (flag: 'named' | 'by_secret') => {
    const row = rows.find((r) => r[flag]);
    return row && toApp(row as AppRow);
  };
  const hash = rows[0]?.admin_sha256;
  return { admin: !!hash && sameSecret(hash, sha256(token)), named: pick('named'), bySecret: pick('by_secret') };
}
