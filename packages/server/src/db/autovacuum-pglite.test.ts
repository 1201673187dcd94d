import { describe, expect, it } from 'vitest';
import { openPglite } from './open-pglite';
import { autovacuumPglite } from './autovacuum-pglite';

const stats = (db: Awaited<ReturnType<typeof openPglite>>) =>
  db.query<{ reltuples: number; dead: number; analyzed: boolean; vacuumed: boolean }>(
    `SELECT c.reltuples, s.n_dead_tup::int AS dead, s.last_analyze IS NOT NULL AS analyzed, s.last_vacuum IS NOT NULL AS vacuumed
     FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = 't'`,
  );

describe('autovacuumPglite', () => {
  it('gives PGlite the statistics and the vacuum its autovacuum would, on a timer, and is idle once they are done', async () => {
    const db = await openPglite(undefined, { autovacuumMs: 50 });
    await db.exec('CREATE TABLE t (app_id text, id int, score int, PRIMARY KEY (app_id, id)); CREATE INDEX t_score ON t (app_id, score, id)');
    await db.query(`INSERT INTO t SELECT 'a', i, i % 100 FROM generate_series(1, 5000) i`);
    // Without statistics the planner takes a few rows for thousands, and sorts them all for a
    // page instead of reading the page from the index.
    await expect.poll(async () => (await stats(db))[0], { timeout: 20_000 }).toMatchObject({ reltuples: 5000, analyzed: true });
    const plan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM t WHERE app_id = 'a' ORDER BY score, id LIMIT 51`)).map(
      (r) => r['QUERY PLAN'],
    );
    expect(plan.join('\n')).toMatch(/Index (Only )?Scan using t_score/);
    // Dead rows from deletes and updates are reclaimed.
    await db.query('DELETE FROM t WHERE id <= 2500');
    await expect.poll(async () => (await stats(db))[0], { timeout: 20_000 }).toMatchObject({ dead: 0, vacuumed: true, reltuples: 2500 });
    await db.close();
  }, 90_000);

  it('runs one statement per table that is due, none for an empty table, and nothing once all are done', async () => {
    const db = await openPglite(undefined, { autovacuumMs: 0 });
    await db.exec('CREATE TABLE t (x int); CREATE TABLE empty (x int)');
    await db.query('INSERT INTO t SELECT generate_series(1, 2000)');
    const ran: string[] = [];
    // PostgreSQL counts changes a moment after they happen: the passes settle once it has.
    await expect
      .poll(async () => {
        const now = await autovacuumPglite(db);
        ran.push(...now);
        return now;
      })
      .toEqual([]);
    expect(ran[0]).toMatch(/^(ANALYZE|VACUUM \(ANALYZE\)) public\.t$/);
    expect(ran.every((x) => x.endsWith(' public.t'))).toBe(true);
    await db.close();
  }, 90_000);
});
