import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openPglite, openPostgres, type Db } from '@habitual/server';

/** A migrated PGlite on a temporary disk folder for `fn`, removed afterwards. */
export async function withPglite<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'habitual-bench-'));
  const db = await openPglite(dir);
  await migrate(db);
  try {
    return await fn(db);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A migrated schema of its own in DATABASE_URL's PostgreSQL for `fn`, dropped afterwards. */
export async function withPostgres<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL!;
  const schema = `bench_${Date.now().toString(36)}`;
  const db = await openPostgres(url, { schema, max: 10 });
  await migrate(db);
  try {
    return await fn(db);
  } finally {
    await db.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  }
}
