import pg from 'pg';
import type { Db } from '../db/database';
import { openPglite } from '../db/open-pglite';
import { openPostgres } from '../db/open-postgres';
import { migrate } from '../db/migrate';

export interface TestDatabase {
  name: string;
  /** Why this database is skipped (printed), or undefined when it runs. */
  skip?: string;
  /** A fresh, migrated database; `drop()` removes it. */
  open(): Promise<Db & { drop(): Promise<void> }>;
}

const url = process.env.DATABASE_URL;

/**
 * The databases every collector suite runs against: in-memory PGlite always, and a real
 * PostgreSQL when DATABASE_URL is set (CI starts Debian's postgresql), each in its own schema.
 */
export function testDatabases(): TestDatabase[] {
  return [
    {
      name: 'PGlite',
      async open() {
        const db = await openPglite();
        await migrate(db);
        return { ...db, drop: () => db.close() };
      },
    },
    {
      name: 'PostgreSQL',
      skip: url ? undefined : 'DATABASE_URL is not set: the PostgreSQL run of the collector suite is skipped.',
      async open() {
        const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
        const db = await openPostgres(url as string, { schema, max: 4 });
        await migrate(db);
        return {
          ...db,
          async drop() {
            await db.close();
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            await client.query(`DROP SCHEMA ${schema} CASCADE`);
            await client.end();
          },
        };
      },
    },
  ];
}

/** Prints the skip reason once, so a skipped PostgreSQL run is visible in the output. */
export function announceSkip(db: TestDatabase) {
  if (db.skip) console.warn(`[habitual-server tests] ${db.skip}`);
}
