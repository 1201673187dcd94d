import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v8 from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from './database';
import { openPglite, type PgliteWasm } from './open-pglite';
import { routine } from './routines';

// The flags openPglite gives V8 are recorded (and still set: PGlite compiles under them).
vi.mock('node:v8', async (actual) => {
  const real = await actual<typeof import('node:v8')>();
  return { ...real, setFlagsFromString: vi.fn(real.setFlagsFromString) };
});

/** Sends the statements `send` makes while a transaction holds PGlite's one connection, then waits for them all. */
async function sentWhileHeld(db: Db, send: () => Array<Promise<unknown>>): Promise<void> {
  let sent: Array<Promise<unknown>> = [];
  await db.transaction(async (tx) => {
    sent = send();
    await tx.query('SELECT 1');
  });
  await Promise.all(sent);
}

describe('openPglite', () => {
  it('runs PGlite off the event loop: timers keep firing through a long query', async () => {
    const db = await openPglite();
    // Warm the worker, so the measured stretch is the query alone.
    await db.query('SELECT 1');
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const start = performance.now();
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM generate_series(1, 3000000) a, generate_series(1, 2) b');
    // Started with the smaller shared buffers (PostgreSQL's 128 MB would stay in the WASM heap).
    expect(await db.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
    const took = performance.now() - start;
    clearInterval(timer);
    await db.close();
    expect(n).toBe(6_000_000);
    // In-process, the WASM query held the loop for all of `took` (about a second or more).
    expect(took).toBeGreaterThan(300);
    expect(longest).toBeLessThan(took / 2);
  }, 90_000);

  it('keeps transactions whole: rolls back on a throw, and queries outside wait for the end', async () => {
    const db = await openPglite();
    await db.exec('CREATE TABLE t (x int PRIMARY KEY)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.query('SELECT x FROM t')).toEqual([]);

    let outside: Promise<unknown[]> | undefined;
    const result = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (2)');
      // Sent while the transaction is open: PGlite runs it after the commit, never inside.
      outside = db.query('SELECT x FROM t');
      await tx.query('INSERT INTO t VALUES (3)');
      return 'kept';
    });
    expect(result).toBe('kept');
    expect(await outside).toEqual([{ x: 2 }, { x: 3 }]);
    // Errors keep PostgreSQL's message and code.
    await expect(db.query('INSERT INTO t VALUES (2)')).rejects.toMatchObject({ code: '23505', message: expect.stringMatching(/duplicate key/) });
    await db.close();
    await expect(db.query('SELECT 1')).rejects.toThrow(/PGlite is closed/);
  }, 90_000);

  it('lets a read outside a transaction go ahead of the writes queued before it, never into a transaction', async () => {
    const db = await openPglite();
    await db.exec('CREATE TABLE t (n serial PRIMARY KEY, x int)');
    const done: string[] = [];
    let writes: Array<Promise<unknown>> = [];
    let read: Promise<unknown[]> | undefined;
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (x) VALUES (0)');
      // Sent while the transaction holds the connection: five writes, then a read.
      writes = [1, 2, 3, 4, 5].map((x) => db.query('INSERT INTO t (x) VALUES ($1)', [x]).then(() => done.push(`write ${x}`)));
      read = db.query('SELECT x FROM t ORDER BY n').then((rows) => (done.push('read'), rows));
      await tx.query('INSERT INTO t (x) VALUES (10)');
    });
    await Promise.all(writes);
    // The read waited for the open transaction only (it sees its rows, committed), not for the
    // writes queued behind it; the writes kept their order.
    expect(await read).toEqual([{ x: 0 }, { x: 10 }]);
    expect(done).toEqual(['read', 'write 1', 'write 2', 'write 3', 'write 4', 'write 5']);
    expect(await db.query('SELECT x FROM t ORDER BY n')).toEqual([0, 10, 1, 2, 3, 4, 5].map((x) => ({ x })));

    // A read sent during a transaction that rolls back never ran inside it.
    let during: Promise<unknown[]> | undefined;
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t (x) VALUES (20)');
        during = db.query('SELECT count(*)::int AS n FROM t');
        await tx.query('SELECT 1');
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await during).toEqual([{ n: 7 }]);
    // A write dressed as a SELECT (SELECT INTO makes a table) keeps the write lane and its order.
    await sentWhileHeld(db, () => [db.query('INSERT INTO t (x) VALUES (30)'), db.query('SELECT x INTO copied FROM t')]);
    expect(await db.query('SELECT count(*)::int AS n FROM copied')).toEqual([{ n: 8 }]);
    // So does a routine's call: a SELECT that writes.
    const add = routine('test_add', ['p_x int'], 'integer', 'BEGIN INSERT INTO t (x) VALUES (p_x); RETURN p_x; END');
    await db.exec(add.create);
    await sentWhileHeld(db, () => [db.query('INSERT INTO t (x) VALUES (40)'), db.query(add.call, [41])]);
    expect(await db.query('SELECT x FROM t WHERE x >= 40 ORDER BY n')).toEqual([{ x: 40 }, { x: 41 }]);
    await db.close();
  }, 90_000);

  it('lets at most 8 reads go ahead of a waiting write', async () => {
    const db = await openPglite();
    await db.exec('CREATE TABLE t (x int)');
    const done: string[] = [];
    await sentWhileHeld(db, () => [
      db.query('INSERT INTO t VALUES (1)').then(() => done.push('write')),
      ...Array.from({ length: 20 }, () => db.query('SELECT count(*) FROM t').then(() => done.push('read'))),
    ]);
    expect(done.indexOf('write')).toBe(8);
    expect(done.filter((x) => x === 'read')).toHaveLength(20);
    await db.close();
  }, 90_000);

  it('keeps concurrent transactions whole with reads and writes interleaved: no update lost, no read inside one', async () => {
    const db = await openPglite();
    await db.exec('CREATE TABLE c (id int PRIMARY KEY, n int NOT NULL); INSERT INTO c VALUES (1, 0)');
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        // A read-modify-write: two transactions interleaved on one connection would lose updates.
        const tx = db.transaction(async (t) => {
          const [{ n }] = await t.query<{ n: number }>('SELECT n FROM c WHERE id = 1');
          await t.query('UPDATE c SET n = $1 WHERE id = 1', [n + 1]);
          // Halfway, a row no one outside may see, removed before the commit.
          await t.query('INSERT INTO c VALUES (2, -1)');
          await t.query('DELETE FROM c WHERE id = 2');
        });
        const read = db.query<{ n: number }>('SELECT n FROM c ORDER BY id').then((rows) => seen.push(...rows.map((r) => r.n)));
        const write = i % 4 === 0 ? db.query('INSERT INTO c VALUES ($1, 0)', [100 + i]) : undefined;
        await Promise.all([tx, read, write]);
      }),
    );
    expect(await db.query('SELECT n FROM c WHERE id = 1')).toEqual([{ n: 20 }]);
    expect(seen).not.toContain(-1);
    expect(await db.query('SELECT count(*)::int AS n FROM c WHERE id >= 100')).toEqual([{ n: 5 }]);
    await db.close();
  }, 90_000);

  it('answers JSON columns parsed, as PostgreSQL does (they cross from the thread as text)', async () => {
    const db = await openPglite();
    const [row] = await db.query(
      `SELECT '{"a":[1,{"b":"c"}]}'::jsonb AS o, '"text"'::jsonb AS s, '2'::json AS n, 'null'::jsonb AS j, NULL::jsonb AS missing,
         ARRAY['{"x":1}'::jsonb, '[2]'::jsonb] AS list, '{"keep":"as text"}'::text AS t`,
    );
    expect(row).toEqual({ o: { a: [1, { b: 'c' }] }, s: 'text', n: 2, j: null, missing: null, list: [{ x: 1 }, [2]], t: '{"keep":"as text"}' });
    await db.close();
  }, 90_000);

  it("compiles PostgreSQL's WASM with Liftoff only unless told otherwise, set before PGlite compiles it", async () => {
    const flags = vi.mocked(v8.setFlagsFromString);
    flags.mockClear();
    const db = await openPglite();
    expect(flags.mock.calls).toEqual([['--liftoff --liftoff-only']]);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await db.close();
    flags.mockClear();
    const optimized = await openPglite(undefined, { wasm: 'optimized' });
    expect(flags.mock.calls).toEqual([['--no-liftoff-only --no-liftoff']]);
    expect(await optimized.query('SELECT 2 AS two')).toEqual([{ two: 2 }]);
    await optimized.close();
    flags.mockClear();
    // A name that is not a choice (even one every object has) is refused before anything starts.
    for (const wasm of ['fast', 'toString']) {
      await expect(openPglite(undefined, { wasm: wasm as PgliteWasm })).rejects.toThrow(`PGlite's WASM compiler "${wasm}" is not one of baseline, optimized.`);
    }
    expect(flags).not.toHaveBeenCalled();
  }, 90_000);

  it('refuses a second open of the same data folder in one process too, and frees it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'habitual-pglite-'));
    try {
      const db = await openPglite(dir);
      await expect(openPglite(dir)).rejects.toThrow(/is in use by process/);
      await db.close();
      const again = await openPglite(dir);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
