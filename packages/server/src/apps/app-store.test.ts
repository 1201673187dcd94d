import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveConfig } from '../config/config-store';
import { createCollector } from '../create-collector';
import type { Db } from '../db/database';
import { day, post } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';
import { setAdminToken } from './admin-token';
import { APP_COPY_MS, findAppForBrowser, saveApp } from './app-store';

/** `db` with a count of its app look-ups. */
function counted(db: Db) {
  const seen = { lookups: 0 };
  const wrapped: Db = {
    ...db,
    query(sql, params, options) {
      if (options?.name === 'habitual_find_app') seen.lookups++;
      return db.query(sql, params, options);
    },
  };
  return { db: wrapped, seen };
}

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`browser requests' app copy on ${target.name}`, () => {
    let raw: Db & { drop(): Promise<void> };

    beforeAll(async () => {
      raw = await target.open();
    });
    afterAll(() => raw?.drop());

    it('reads an app once a second, a burst included', async () => {
      await saveApp(raw, { id: 'burst', writeKey: 'wk_1' });
      const { db, seen } = counted(raw);
      const apps = await Promise.all(Array.from({ length: 10 }, () => findAppForBrowser(db, 'burst', 1_000)));
      expect(apps.map((a) => a?.writeKey)).toEqual(Array(10).fill('wk_1'));
      expect(await findAppForBrowser(db, 'burst', 1_000 + APP_COPY_MS - 1)).toMatchObject({ writeKey: 'wk_1' });
      expect(seen.lookups).toBe(1);
      await findAppForBrowser(db, 'burst', 1_000 + APP_COPY_MS);
      expect(seen.lookups).toBe(2);
    });

    it("obeys this process's writes at once and others' within the copy's age", async () => {
      await saveApp(raw, { id: 'rotated', writeKey: 'wk_old' });
      const { db, seen } = counted(raw);
      expect(await findAppForBrowser(db, 'rotated', 0)).toMatchObject({ writeKey: 'wk_old', configVersion: 0 });
      await saveApp(raw, { id: 'rotated', writeKey: 'wk_new' });
      expect(await findAppForBrowser(db, 'rotated', 1)).toMatchObject({ writeKey: 'wk_new' });
      await saveConfig(raw, 'rotated', {});
      expect(await findAppForBrowser(db, 'rotated', 2)).toMatchObject({ configVersion: 1 });
      expect(seen.lookups).toBe(3);
      // Another instance (or SQL from outside) writes: seen once the copy is a second old.
      await raw.query(`UPDATE apps SET write_key = 'wk_other' WHERE id = 'rotated'`);
      expect(await findAppForBrowser(db, 'rotated', 3)).toMatchObject({ writeKey: 'wk_new' });
      expect(await findAppForBrowser(db, 'rotated', 2 + APP_COPY_MS)).toMatchObject({ writeKey: 'wk_other' });
    });

    it('keeps nothing for an app that is not there, so its creation is seen at once', async () => {
      const { db, seen } = counted(raw);
      expect(await findAppForBrowser(db, 'later', 0)).toBeUndefined();
      expect(await findAppForBrowser(db, 'later', 1)).toBeUndefined();
      expect(seen.lookups).toBe(2);
      await raw.query(`INSERT INTO apps (id, name, write_key, secret) VALUES ('later', 'Later', 'wk_later', 'sk_later')`);
      expect(await findAppForBrowser(db, 'later', 2)).toMatchObject({ id: 'later', writeKey: 'wk_later' });
    });

    it("reads an admin request's token and app in one statement, whichever credential it carries", async () => {
      await setAdminToken(raw, 'at_one');
      await saveApp(raw, { id: 'admin-a', secret: 'sk_a' });
      let statements = 0;
      const { app } = createCollector({ db: { ...raw, query: (...args) => (statements++, raw.query(...args)) } });
      const get = async (path: string, token: string) => {
        statements = 0;
        const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
        return { status: res.status, id: res.ok ? (await res.json()).id : undefined, statements };
      };
      expect(await get('/v1/admin/app?app=admin-a', 'at_one')).toEqual({ status: 200, id: 'admin-a', statements: 1 });
      expect(await get('/v1/admin/app', 'sk_a')).toEqual({ status: 200, id: 'admin-a', statements: 1 });
      expect(await get('/v1/admin/app?app=admin-a', 'sk_a')).toEqual({ status: 200, id: 'admin-a', statements: 1 });
      expect((await get('/v1/admin/app?app=burst', 'sk_a')).status).toBe(403);
      expect((await get('/v1/admin/app?app=nope', 'at_one')).status).toBe(404);
      expect((await get('/v1/admin/app?app=admin-a', 'at_two')).status).toBe(401);
      expect((await get('/v1/admin/app', 'at_one')).id).toBe((await raw.query<{ id: string }>('SELECT id FROM apps ORDER BY created_at, id LIMIT 1'))[0].id);
    });

    it('refuses a rotated write key on the next summaries request', async () => {
      await saveApp(raw, { id: 'keys', writeKey: 'wk_before', verifyIdentity: false, origins: ['*'] });
      const { app } = createCollector({ db: raw, rateLimit: { burst: 100 } });
      const send = (writeKey: string) =>
        app.request('/v1/summaries', post({ appId: 'keys', writeKey, identity: { deviceId: 'dev_1' }, days: [day('2026-11-30', 1)] }));
      expect((await send('wk_before')).status).toBe(200);
      await saveApp(raw, { id: 'keys', writeKey: 'wk_after' });
      expect((await send('wk_before')).status).toBe(401);
      expect((await send('wk_after')).status).toBe(200);
    });
  });
}
