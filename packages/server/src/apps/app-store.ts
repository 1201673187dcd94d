import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';

export interface App {
  id: string;
  name: string;
  /** Public: lives in the page, only lets a browser write summaries and read config. */
  writeKey: string;
  /** Private: the host's backend signs user ids and manages accounts with it. */
  secret: string;
  /** Origins allowed by CORS; `*` allows any. */
  origins: string[];
  /**
   * Summaries and shares must carry `identity.hash`, the HMAC-SHA256 with the secret of
   * user, account and expiry (see `identityString`). On for new apps.
   */
  verifyIdentity: boolean;
  webhooks: { slack?: string; discord?: string };
  /** Version of the widget config in force (0: none saved yet). */
  configVersion: number;
}

export interface AppRow {
  id: string;
  name: string;
  write_key: string;
  secret: string;
  origins: string[];
  verify_identity: boolean;
  webhooks: App['webhooks'];
  config_version: number;
}

export const toApp = (r: AppRow): App => ({
  id: r.id,
  name: r.name,
  writeKey: r.write_key,
  secret: r.secret,
  origins: r.origins,
  verifyIdentity: r.verify_identity,
  webhooks: r.webhooks ?? {},
  configVersion: r.config_version,
});

/** A random credential such as `wk_3J9c...` (24 bytes, base64url). */
export const newKey = (prefix: string): string => `${prefix}_${randomBytes(24).toString('base64url')}`;

/** The columns of an `App`, named (a prepared `*` fails once a migration adds one). */
export const APP_COLUMNS = 'id, name, write_key, secret, origins, verify_identity, webhooks, config_version';

/** The app, read now (kept prepared); browser requests read it through `findAppForBrowser`. */
export async function findApp(db: Db, id: string): Promise<App | undefined> {
  const [row] = await db.query<AppRow>(`SELECT ${APP_COLUMNS} FROM apps WHERE id = $1`, [id], {
    name: 'habitual_find_app',
  });
  return row && toApp(row);
}

/**
 * How long a browser request may use an app row read by an earlier one (see
 * `findAppForBrowser`). Another collector instance, or SQL from outside the collector, that
 * changes an app (its name, keys, origins, verification or webhooks) is obeyed within this time.
 */
export const APP_COPY_MS = 1000;

/** Per database, the app rows browser requests read lately (as promises: a burst reads once). */
const copies = new WeakMap<Db, Map<string, { app: Promise<App | undefined>; until: number; writes: number }>>();
/** Per app id, how many times this process has written the app: a copy read before a write is stale. */
const appWrites = new Map<string, number>();
export const appWritten = (id: string): void => {
  appWrites.set(id, (appWrites.get(id) ?? 0) + 1);
};

/**
 * The app a browser request names, read at most once a second per app: with PGlite the
 * look-up was half the statements of an ingest request, and every request pays PGlite's
 * protocol per statement. A write through this process (`saveApp`, `saveConfig`) is seen by
 * the next request; only apps that exist are kept, so unknown ids cost a look-up each and
 * hold no memory.
 */
export function findAppForBrowser(db: Db, id: string, now = performance.now()): Promise<App | undefined> {
  let recent = copies.get(db);
  if (!recent) copies.set(db, (recent = new Map()));
  const writes = appWrites.get(id) ?? 0;
  const copy = recent.get(id);
  if (copy && copy.until > now && copy.writes === writes) return copy.app;
  const app = findApp(db, id);
  const entry = { app, until: now + APP_COPY_MS, writes };
  recent.set(id, entry);
  const drop = () => {
    if (recent.get(id) === entry) recent.delete(id);
  };
  app.then((found) => {
    if (!found) drop();
  }, drop);
  return app;
}

export async function listApps(db: Db): Promise<App[]> {
  return (await db.query<AppRow>('SELECT * FROM apps ORDER BY created_at, id')).map(toApp);
}

export type AppInput = Pick<App, 'id'> & Partial<Omit<App, 'id' | 'configVersion'>>;

/** Creates the app or updates the given fields of an existing one (keys are generated when missing). */
export async function saveApp(db: Db, input: AppInput): Promise<App> {
  const have = await findApp(db, input.id);
  const app: App = {
    id: input.id,
    name: input.name ?? have?.name ?? input.id,
    writeKey: input.writeKey ?? have?.writeKey ?? newKey('wk'),
    secret: input.secret ?? have?.secret ?? newKey('sk'),
    origins: input.origins ?? have?.origins ?? [],
    verifyIdentity: input.verifyIdentity ?? have?.verifyIdentity ?? true,
    webhooks: input.webhooks ?? have?.webhooks ?? {},
    configVersion: have?.configVersion ?? 0,
  };
  // Even a failed write may have committed (a connection lost at COMMIT): the copies go either way.
  try {
    await db.query(
      `INSERT INTO apps (id, name, write_key, secret, origins, verify_identity, webhooks)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET name = $2, write_key = $3, secret = $4, origins = $5,
       verify_identity = $6, webhooks = $7`,
      [app.id, app.name, app.writeKey, app.secret, JSON.stringify(app.origins), app.verifyIdentity, JSON.stringify(app.webhooks)],
    );
  } finally {
    appWritten(app.id);
  }
  return app;
}
