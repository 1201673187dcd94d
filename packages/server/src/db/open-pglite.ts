import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { Db } from './database';
import { lockDataDir } from './data-dir-lock';

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

function wrap(pg: PgliteLike, transaction: Db['transaction'], close: () => Promise<void>): Db {
  return {
    kind: 'pglite',
    query: async <T>(sql: string, params?: unknown[]) => (await pg.query<T>(sql, params)).rows,
    exec: async (sql) => void (await pg.exec(sql)),
    transaction,
    close,
  };
}

/**
 * PostgreSQL in WASM: on disk in `dataDir`, or in memory without one (tests).
 * PGlite has a single connection, so its own `transaction()` already serialises writers.
 * A data folder belongs to one process at a time: a second one is refused (see `lockDataDir`).
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  let pg: PGlite;
  try {
    pg = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  } catch (error) {
    release();
    throw error;
  }
  const nested = (): Promise<never> => Promise.reject(new Error('Nested transactions are not supported.'));
  const db: Db = wrap(
    pg,
    (fn) => pg.transaction((tx) => fn(wrap(tx, nested, async () => {}))),
    async () => {
      await pg.close();
      release();
    },
  );
  return db;
}
