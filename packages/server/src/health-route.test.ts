import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApp } from './apps/app-store';
import { createCollector } from './create-collector';
import type { Db } from './db/database';
import { isRoutineCall } from './db/routines';
import { post, summaries } from './testing/fixtures';
import { announceSkip, testDatabases } from './testing/test-databases';

// Any statement that writes, a CTE's too, and a routine's call (a summaries batch is one).
const WRITE = /\b(INSERT\s+INTO|UPDATE\s+\w+(\s+\w+)?\s+SET|DELETE\s+FROM)\b/i;
const writes = (sql: string) => WRITE.test(sql) || isRoutineCall(sql);

/** `db`, except that while `failing` every write throws as a full or read-only disk does. */
function flakyWrites(db: Db, state: { failing: boolean }): Db {
  const wrap = (inner: Db): Db => ({
    ...inner,
    query: (sql, params) =>
      state.failing && writes(sql)
        ? Promise.reject(
            Object.assign(new Error(`could not extend file "base/16384/2619" for ${JSON.stringify(params)}: No space left on device`), { code: '53100' }),
          )
        : inner.query(sql, params),
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
  });
  return wrap(db);
}

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`GET /health on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    const state = { failing: false };
    const logged: string[] = [];
    let app: ReturnType<typeof createCollector>['app'];

    beforeAll(async () => {
      db = await target.open();
      await saveApp(db, { id: 'ledgerly', writeKey: 'wk_test', secret: 'sk_test', origins: ['*'], verifyIdentity: false });
      app = createCollector({ db: flakyWrites(db, state), logError: (line) => logged.push(line) }).app;
    });
    afterAll(() => db?.drop());

    it('answers 503 while writes fail and 200 again once they work, without a restart', async () => {
      expect((await app.request('/health')).status).toBe(200);
      state.failing = true;
      const sick = await app.request('/health');
      expect(sick.status).toBe(503);
      expect(await sick.json()).toMatchObject({ ok: false, error: expect.stringMatching(/does not take writes/) });
      expect((await app.request('/v1/summaries', post(summaries()))).status).toBe(500);
      state.failing = false;
      const well = await app.request('/health');
      expect(well.status).toBe(200);
      expect(await well.json()).toEqual({ ok: true, db: db.kind });
      expect((await app.request('/v1/summaries', post(summaries()))).status).toBe(200);
    });

    it('logs a failed request without its ids or query parameters', async () => {
      logged.length = 0;
      state.failing = true;
      const res = await app.request(
        '/v1/summaries?userId=u_secret_42',
        post(summaries({ identity: { userId: 'u_secret_42', accountId: 'acct_secret_7', deviceId: 'dev_a' } })),
      );
      state.failing = false;
      expect(res.status).toBe(500);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^habitual-server: POST \/v1\/summaries failed: Error 53100: could not extend file … for/);
      expect(logged[0]).not.toMatch(/u_secret_42|acct_secret_7|userId=/);
    });
  });
}
