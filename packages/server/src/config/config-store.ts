import type { HabitualConfig } from '@habitual/core';
import { appWritten } from '../apps/app-store';
import type { Db } from '../db/database';

export interface ConfigVersion {
  version: number;
  config: HabitualConfig;
  note: string;
  createdAt: string;
}

/** The ETag of a config version; the app id keeps two apps' `v1` apart in shared caches. */
const configEtag = (appId: string, version: number) => `"${appId}.v${version}"`;

/** The config in force (version 0 and `{}` before the first save). */
export async function currentConfig(db: Db, appId: string): Promise<{ version: number; config: HabitualConfig; etag: string }> {
  const [row] = await db.query<{ version: number; config: HabitualConfig }>(
    `SELECT c.version, c.config FROM apps a JOIN config_versions c ON c.app_id = a.id AND c.version = a.config_version
     WHERE a.id = $1`,
    [appId],
  );
  const version = row?.version ?? 0;
  return { version, config: row?.config ?? {}, etag: configEtag(appId, version) };
}

/** Saves `config` as the next version and puts it in force. Validate before calling. */
export async function saveConfig(db: Db, appId: string, config: HabitualConfig, note = ''): Promise<ConfigVersion> {
  // Even a failed save may have committed (a connection lost at COMMIT): the app copies go either way.
  try {
    return await db.transaction(async (tx) => {
      // Row lock on the app: two editors saving at once get consecutive versions, not a clash.
      await tx.query('SELECT id FROM apps WHERE id = $1 FOR UPDATE', [appId]);
      const [{ next }] = await tx.query<{ next: number }>('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM config_versions WHERE app_id = $1', [appId]);
      const [row] = await tx.query<{ created_at: Date | string }>(
        'INSERT INTO config_versions (app_id, version, config, note) VALUES ($1, $2, $3::jsonb, $4) RETURNING created_at',
        [appId, next, JSON.stringify(config), note],
      );
      await tx.query('UPDATE apps SET config_version = $2 WHERE id = $1', [appId, next]);
      return { version: next, config, note, createdAt: new Date(row.created_at).toISOString() };
    });
  } finally {
    appWritten(appId);
  }
}

/** Every saved version, newest first. */
export async function listConfigVersions(db: Db, appId: string): Promise<ConfigVersion[]> {
  const rows = await db.query<{ version: number; config: HabitualConfig; note: string; created_at: Date | string }>(
    'SELECT version, config, note, created_at FROM config_versions WHERE app_id = $1 ORDER BY version DESC',
    [appId],
  );
  return rows.map((r) => ({ version: r.version, config: r.config, note: r.note, createdAt: new Date(r.created_at).toISOString() }));
}

/**
 * Rolls back by saving an old version's config as a new version: history only grows, and
 * every page sees a new ETag.
 */
export async function rollbackConfig(db: Db, appId: string, version: number): Promise<ConfigVersion | undefined> {
  const [row] = await db.query<{ config: HabitualConfig }>('SELECT config FROM config_versions WHERE app_id = $1 AND version = $2', [appId, version]);
  if (!row) return undefined;
  return saveConfig(db, appId, row.config, `rollback to v${version}`);
}
