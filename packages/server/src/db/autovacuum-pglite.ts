import type { Db } from './database';

/** Past this age of its oldest unfrozen transaction id a table is vacuumed (PostgreSQL's vacuum_freeze_table_age). */
const FREEZE_AGE = 150_000_000;

/**
 * One pass of what PostgreSQL's autovacuum would do, for PGlite, which has none (it runs a
 * single backend, without the launcher): without it no table ever gets statistics, so the
 * planner guesses (a page of the accounts list sorted all the app's rows instead of reading 51
 * from its index: 20-70 ms against 0.2), dead rows from upserts are never reclaimed, and the
 * transaction ids would one day wrap around. Same thresholds as autovacuum's defaults: ANALYZE
 * a table never analyzed that has rows, or once a tenth of it changed; VACUUM once a fifth of
 * it is dead or newly inserted, or its transaction ids are old. One table per statement, so a
 * read waits for at most one. Returns what it ran.
 */
export async function autovacuumPglite(db: Db): Promise<string[]> {
  const due = await db.query<{ name: string; vacuum: boolean; analyze: boolean }>(
    `SELECT format('%I.%I', s.schemaname, s.relname) AS name,
       (s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0)
         OR age(c.relfrozenxid) > ${FREEZE_AGE}) AS vacuum,
       ((c.reltuples < 0 AND pg_relation_size(c.oid) > 0) OR s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)) AS analyze
     FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid`,
  );
  const ran: string[] = [];
  for (const t of due) {
    const sql = t.vacuum && t.analyze ? `VACUUM (ANALYZE) ${t.name}` : t.vacuum ? `VACUUM ${t.name}` : t.analyze ? `ANALYZE ${t.name}` : '';
    if (!sql) continue;
    await db.exec(sql);
    ran.push(sql);
  }
  return ran;
}
