import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from './open-pglite';

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
    expect(await db.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '32MB' }]);
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
