import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { adminFixture } from '../testing/admin-fixture';
import { announceSkip, testDatabases } from '../testing/test-databases';

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`widget config on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const page = (headers: Record<string, string> = {}, query = 'appId=ledgerly&key=wk_test') =>
      fx.app.request(`/v1/config?${query}`, { headers: { origin: 'https://app.ledgerly.test', ...headers } });

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db);
    });
    afterAll(() => db?.drop());

    it('serves an empty config at version 0 before the first save, with an ETag the page can read', async () => {
      const res = await page();
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ version: 0, config: {} });
      expect(res.headers.get('etag')).toBe('"ledgerly.v0"');
      expect(res.headers.get('access-control-allow-origin')).toBe('https://app.ledgerly.test');
      expect(res.headers.get('access-control-expose-headers')).toContain('etag');
    });

    it('saves validated versions, answers 304 to the current ETag and 200 after a change', async () => {
      const saved = await fx.call('PUT', '/v1/admin/config', { config: { widgets: { digest: { enabled: true } } }, note: 'digest on' });
      expect(saved.status).toBe(200);
      expect(await saved.json()).toMatchObject({ version: 1, note: 'digest on' });
      const first = await page();
      const etag = first.headers.get('etag')!;
      expect(await first.json()).toEqual({ version: 1, config: { widgets: { digest: { enabled: true } } } });
      const same = await page({ 'if-none-match': etag });
      expect(same.status).toBe(304);
      expect(await same.text()).toBe('');
      await fx.call('PUT', '/v1/admin/config', { config: { widgets: { digest: { enabled: false } } } });
      const changed = await page({ 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe('"ledgerly.v2"');
    });

    it('refuses an invalid config naming the field, and keeps the one in force', async () => {
      const before = await (await fx.call('GET', '/v1/admin/config')).json();
      const res = await fx.call('PUT', '/v1/admin/config', { config: { widgets: { digest: { enabled: 'yes' } } } });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error).toMatch(/^config\.widgets\.digest\.enabled/);
      expect(body.problems[0].path).toBe('widgets.digest.enabled');
      const after = await (await fx.call('GET', '/v1/admin/config')).json();
      expect(after.version).toBe(before.version);
      expect(after.versions).toHaveLength(before.versions.length);
    });

    it.each([
      [
        'java\tscript:alert(1)',
        'widgets.digest.link.href',
        { widgets: { digest: { enabled: true, link: { text: 'Reports', href: 'java\tscript:alert(1)' } } } },
      ],
      [
        '\x01javascript:alert(1)',
        'widgets.nudges.items.0.href',
        { widgets: { nudges: { enabled: true, items: [{ feature: 'x.y', target: '#t', text: 't', href: '\x01javascript:alert(1)' }] } } },
      ],
      [
        'javascript:alert(1)',
        'funnels.0.help.href',
        { funnels: [{ id: 'f', start: 'a.b', done: 'c.d', help: { text: 'Help', href: 'javascript:alert(1)' } }] },
      ],
    ])('refuses a script link (%j) with a 400 naming %s, and stores nothing (issue 11, item 2)', async (_, path, config) => {
      const before = await (await fx.call('GET', '/v1/admin/config')).json();
      const res = await fx.call('PUT', '/v1/admin/config', { config });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error).toMatch(new RegExp(`^config\\.${path.replace(/\./g, '\\.')}: must be an http:, https:, mailto: or relative link`));
      expect(body.problems.map((p: { path: string }) => p.path)).toEqual([path]);
      expect((await (await fx.call('GET', '/v1/admin/config')).json()).version).toBe(before.version);
    });

    it('validates targeting (when) on widgets and items like every other field, and accepts a good one', async () => {
      const features = { 'invoice.sent': {}, 'report.viewed': {} };
      const bad = await fx.call('PUT', '/v1/admin/config', {
        config: {
          features,
          widgets: {
            digest: { when: { stages: ['sleeping'] } },
            nudges: { items: [{ feature: 'report.viewed', target: '#r', text: 'R', when: { used: { 'invoice.snet': 1 } } }] },
          },
        },
      });
      expect(bad.status).toBe(400);
      expect((await bad.json()).problems.map((p: { path: string }) => p.path)).toEqual([
        'widgets.nudges.items.0.when.used.invoice.snet',
        'widgets.digest.when.stages.0',
      ]);
      const good = await fx.call('PUT', '/v1/admin/config', {
        config: {
          features,
          attention: { perDay: 2 },
          widgets: {
            nudges: {
              enabled: true,
              when: { device: ['desktop'] },
              items: [{ feature: 'report.viewed', target: '#r', text: 'R', when: { used: { 'invoice.sent': 1 }, path: ['/invoices*'] } }],
            },
          },
        },
      });
      expect(good.status).toBe(200);
    });

    it("checks each widget's own fields from the widget registry", async () => {
      const res = await fx.call('PUT', '/v1/admin/config', { config: { widgets: { reminders: { enabled: true, quietHours: ['8pm', '08:00'] } } } });
      expect(res.status).toBe(400);
      expect((await res.json()).problems[0]).toEqual({
        path: 'widgets.reminders.quietHours',
        message: `must be two 'HH:MM' times, e.g. ['20:00', '08:00'] (got ["8pm","08:00"])`,
      });
    });

    it('refuses to save over a change made since the editor opened (409)', async () => {
      const { version } = await (await fx.call('GET', '/v1/admin/config')).json();
      const stale = await fx.call('PUT', '/v1/admin/config', { config: {}, baseVersion: version - 1 });
      expect(stale.status).toBe(409);
      expect((await stale.json()).error).toMatch(new RegExp(`^baseVersion ${version - 1} is stale: the config changed since you opened it`));
      expect((await fx.call('PUT', '/v1/admin/config', { config: { locale: 'fi' }, baseVersion: version })).status).toBe(200);
    });

    it('rolls back by saving the old version as a new one', async () => {
      const res = await fx.call('POST', '/v1/admin/config/rollback', { version: 1 });
      expect(res.status).toBe(200);
      const rolled = await res.json();
      expect(rolled).toMatchObject({ note: 'rollback to v1', config: { widgets: { digest: { enabled: true } } } });
      const live = await (await page()).json();
      expect(live).toEqual({ version: rolled.version, config: { widgets: { digest: { enabled: true } } } });
      expect((await fx.call('POST', '/v1/admin/config/rollback', { version: 99 })).status).toBe(404);
      expect((await fx.call('POST', '/v1/admin/config/rollback', { version: 'one' })).status).toBe(400);
    });

    it('keeps apps apart and checks the key', async () => {
      const other = await page({ origin: 'https://other.test' }, 'appId=other&key=wk_other');
      expect(await other.json()).toEqual({ version: 0, config: {} });
      expect((await page({}, 'appId=ledgerly')).status).toBe(400);
      expect((await page({}, 'key=wk_test')).status).toBe(400);
      const wrong = await page({}, 'appId=ledgerly&key=wk_other');
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).error).toMatch(/^key is not the write key/);
      const bad = await page({ origin: 'https://other.test' });
      expect(bad.status).toBe(403);
    });

    it.each<[string, () => Response | Promise<Response>, number, RegExp]>([
      ['no appId', () => page({}, 'key=wk_test'), 400, /^appId query parameter is missing/],
      ['no key', () => page({}, 'appId=ledgerly'), 400, /^key query parameter/],
      ['a wrong key', () => page({}, 'appId=ledgerly&key=wk_other'), 401, /^key is not the write key of app "ledgerly"/],
      ['a wrong key header', () => page({ 'x-habitual-key': 'wk_other' }, 'appId=ledgerly'), 401, /^x-habitual-key is not the write key/],
      ['an unknown appId', () => page({}, 'appId=nope&key=wk_test'), 404, /^appId "nope"/],
      ['a page origin the app does not allow', () => page({ origin: 'https://other.test' }), 403, /^Origin https:\/\/other\.test/],
      ['no Authorization', () => fx.call('GET', '/v1/admin/config', undefined, ''), 401, /^Authorization header is missing/],
      ['a wrong token', () => fx.call('GET', '/v1/admin/config', undefined, 'nope'), 401, /^Authorization is neither/],
      [
        'a secret used for another app',
        () => fx.call('GET', '/v1/admin/config?app=ledgerly', undefined, 'sk_other'),
        403,
        /^app query parameter: this secret belongs to app "other", not "ledgerly"/,
      ],
      ['an unknown ?app=', () => fx.call('GET', '/v1/admin/config?app=nope'), 404, /^app query parameter: there is no app "nope"/],
      ['a config that is not an object', () => fx.call('PUT', '/v1/admin/config', { config: [] }), 400, /^config: /],
      ['a note that is not a string', () => fx.call('PUT', '/v1/admin/config', { config: {}, note: 5 }), 400, /^note: /],
      ['a fractional baseVersion', () => fx.call('PUT', '/v1/admin/config', { config: {}, baseVersion: 1.5 }), 400, /^baseVersion: /],
      ['a body that is not JSON', () => fx.call('PUT', '/v1/admin/config', '{config'), 400, /^Body is not valid JSON/],
      ['a rollback version that is not a number', () => fx.call('POST', '/v1/admin/config/rollback', { version: 'one' }), 400, /^version: /],
      ['a rollback without a version', () => fx.call('POST', '/v1/admin/config/rollback', {}), 400, /^version is missing/],
      [
        'a rollback to a version that never was',
        () => fx.call('POST', '/v1/admin/config/rollback', { version: 99 }),
        404,
        /^version: config version 99 does not exist/,
      ],
      ['an unknown endpoint', () => fx.call('GET', '/v1/nope'), 404, /^GET \/v1\/nope is not an endpoint/],
    ])('answers %s with a 4xx naming the field', async (_name, request, status, message) => {
      const res = await request();
      expect(res.status).toBe(status);
      expect((await res.json()).error).toMatch(message);
    });

    it('needs the admin token or the app secret for the editor', async () => {
      expect((await fx.call('GET', '/v1/admin/config', undefined, '')).status).toBe(401);
      expect((await fx.call('GET', '/v1/admin/config', undefined, 'nope')).status).toBe(401);
      const bySecret = await fx.call('GET', '/v1/admin/config', undefined, 'sk_other');
      expect((await bySecret.json()).app).toBe('other');
      expect((await fx.call('GET', '/v1/admin/config?app=ledgerly', undefined, 'sk_other')).status).toBe(403);
      expect((await (await fx.call('GET', '/v1/admin/config?app=other')).json()).app).toBe('other');
    });
  });
}
