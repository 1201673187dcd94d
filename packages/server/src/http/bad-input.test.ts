// Every POST and PUT endpoint, fed what used to answer 500 (NUL, lone surrogates, deep
// nesting, numbers past a double's sense): each answers 400 naming the field, stores nothing
// and relays nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/database';
import { adminFixture } from '../testing/admin-fixture';
import { day, post, summaries } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';
import { saveApp } from '../apps/app-store';

// biome-ignore lint/suspicious/noExplicitAny: test payloads are reached into by path
type Json = Record<string, any>;
type Endpoint = { method: 'POST' | 'PUT'; path: string; admin: boolean; body: () => Json; text: string; number: string };

const endpoints: Endpoint[] = [
  {
    method: 'POST',
    path: '/v1/summaries',
    admin: false,
    body: () => summaries({ days: [day('2025-03-01', 1)] }),
    text: 'days.0.tz',
    number: 'days.0.activeMs',
  },
  {
    method: 'POST',
    path: '/v1/share',
    admin: false,
    body: () => ({ appId: 'ledgerly', writeKey: 'wk_test', identity: { deviceId: 'dev_a', hashExpires: 1 }, target: 'slack', milestone: 'first-invoice' }),
    text: 'identity.deviceId',
    number: 'identity.hashExpires',
  },
  {
    method: 'PUT',
    path: '/v1/accounts/acme',
    admin: true,
    body: () => ({ name: 'Acme', plan: 'pro', pricePerMonth: 99, paidSeats: 5 }),
    text: 'name',
    number: 'pricePerMonth',
  },
  {
    method: 'PUT',
    path: '/v1/admin/config',
    admin: true,
    body: () => ({ config: { engagement: { activeMinutes: 5 } }, note: 'n' }),
    text: 'note',
    number: 'config.engagement.activeMinutes',
  },
  { method: 'POST', path: '/v1/admin/config/rollback', admin: true, body: () => ({ version: 1, label: 'x' }), text: 'label', number: 'version' },
  {
    method: 'PUT',
    path: '/v1/admin/app',
    admin: true,
    body: () => ({ name: 'Ledgerly', origins: ['https://app.ledgerly.test'], weight: 1 }),
    text: 'name',
    number: 'weight',
  },
];

function set(body: Json, path: string, value: unknown) {
  const keys = path.split('.');
  let at = body;
  for (const k of keys.slice(0, -1)) at = at[k];
  at[keys[keys.length - 1]] = value;
  return body;
}

const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// [name, how to make the body text, the field the error must name]
const payloads: Array<[string, (e: Endpoint) => string, (e: Endpoint) => string]> = [
  ['a NUL byte', (e) => JSON.stringify(set(e.body(), e.text, 'a\u0000b')), (e) => e.text],
  ['a lone surrogate', (e) => JSON.stringify(set(e.body(), e.text, 'a\ud800b')), (e) => e.text],
  ['a NUL in a field name', (e) => JSON.stringify({ ...e.body(), 'x\u0000': 1 }), () => '"x\\u0000"'],
  ['deep nesting', (e) => JSON.stringify(set(e.body(), e.text, deep(40))), (e) => e.text],
  ['1e308', (e) => JSON.stringify(set(e.body(), e.number, 1e308)), (e) => e.number],
  ['1e309 (Infinity to JSON.parse)', (e) => JSON.stringify(set(e.body(), e.number, 12345)).replace('12345', '1e309'), (e) => e.number],
  ['-1e308', (e) => JSON.stringify(set(e.body(), e.number, -1e308)), (e) => e.number],
];

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`bad input on every POST and PUT, ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const hook = vi.fn(async () => new Response('ok'));
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all(['apps', 'accounts', 'users', 'day_rollups', 'config_versions'].map((t) => db.query(`SELECT * FROM ${t} ORDER BY 1, 2`))),
      );

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db, { fetch: hook as unknown as typeof fetch });
      await saveApp(db, { id: 'ledgerly', webhooks: { slack: 'https://hooks.slack.com/services/T/B/X' } });
    });
    afterAll(() => db?.drop());

    const cases = endpoints.flatMap((e) => payloads.map(([name, make, field]) => [`${e.method} ${e.path}: ${name}`, e, make, field] as const));
    it.each(cases)('%s', async (_name, e, make, field) => {
      const before = await snapshot();
      const body = make(e);
      const res = e.admin ? await fx.call(e.method, e.path, body) : await fx.app.request(e.path, { ...post(body), method: e.method });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(new RegExp(`^${escapeRegExp(field(e))}[ :.]`));
      expect(await snapshot()).toBe(before);
      expect(hook).not.toHaveBeenCalled();
    });

    it.each([
      ['GET', '/v1/users/u%00x', /^The path contains a NUL/],
      ['DELETE', '/v1/users/u%ED%A0%80', /^The path is not valid percent-encoded UTF-8/],
      ['GET', '/v1/accounts/acme%00/scorecard', /^The path contains a NUL/],
      ['GET', '/v1/config?appId=ledgerly%00&key=wk_test', /^appId query parameter contains a NUL/],
      ['GET', '/v1/admin/app?app=a%00', /^app query parameter contains a NUL/],
    ])('%s %s answers 400 naming the parameter', async (method, path, message) => {
      const before = await snapshot();
      const res = await fx.call(method, path);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(message);
      expect(await snapshot()).toBe(before);
    });

    it('still takes each endpoint’s valid body (so the cases above fail for the payload alone)', async () => {
      for (const e of endpoints.filter((x) => x.path !== '/v1/share' && x.path !== '/v1/admin/config/rollback')) {
        const res = e.admin ? await fx.call(e.method, e.path, e.body()) : await fx.app.request(e.path, { ...post(e.body()), method: e.method });
        expect(res.status, `${e.method} ${e.path}`).toBe(200);
      }
    });
  });
}
