import type { Db } from './database';
import { migrations as all, type Migration } from './migrations';
import { ensureRoutines } from './routines';
import { STORE_SUMMARIES } from '../summaries/store-summaries-routine';

// Any constant works; it only has to be the same for every collector sharing the database.
const MIGRATION_LOCK = 7_246_913;

/** Applies the migrations this database lacks and creates this build's routines; returns the versions applied now. */
export async function migrate(db: Db, migrations: Migration[] = all): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Several collectors may start at once against one PostgreSQL: one migrates, the rest wait.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await ensureRoutines(tx, [STORE_SUMMARIES]);
    return applied;
  });
}
