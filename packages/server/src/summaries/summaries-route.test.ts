import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCollector } from '../create-collector';
import { saveApp } from '../apps/app-store';
import { identityHash } from '../http/identity';
import { announceSkip, testDatabases } from '../testing/test-databases';
import { day, post, summaries } from '../testing/fixtures';
import type { Db } from '../db/database';

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`POST /v1/summaries on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let clock = 1_000_000;
    let app: ReturnType<typeof createCollector>['app'];
    const send = (body: unknown, headers?: Record<string, string>) => app.request('/v1/summaries', post(body, headers));
    const rows = () =>
      db.query<{ user_id: string; device_id: string; day: string; rev: number; features: Record<string, { n: number }> }>(
        'SELECT user_id, device_id, day, rev, features FROM day_rollups ORDER BY user_id, device_id, day',
      );

    beforeAll(async () => {
      db = await target.open();
      await saveApp(db, { id: 'ledgerly', writeKey: 'wk_test', secret: 'sk_test', origins: ['https://app.ledgerly.test'] });
      await saveApp(db, { id: 'verified', writeKey: 'wk_verified', secret: 'sk_verified', origins: ['https://other.test'], verifyIdentity: true });
      app = createCollector({ db, now: () => clock, rateLimit: { perMinute: 60, burst: 1000 } }).app;
    });
    afterAll(() => db?.drop());
    beforeEach(async () => {
      await db.exec('DELETE FROM day_rollups; DELETE FROM users;');
    });

    it('stores the days and acknowledges each day at its revision', async () => {
      const res = await send(summaries({ days: [day('2025-03-01', 2), day('2025-03-02', 1)] }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        acks: [
          { day: '2025-03-01', rev: 2 },
          { day: '2025-03-02', rev: 1 },
        ],
        stored: 2,
      });
      expect((await rows()).map((r) => [r.user_id, r.device_id, r.day, r.rev])).toEqual([
        ['u_1', 'dev_a', '2025-03-01', 2],
        ['u_1', 'dev_a', '2025-03-02', 1],
      ]);
      const [user] = await db.query<{ account_id: string; tz: string }>('SELECT account_id, tz FROM users');
      expect(user).toEqual({ account_id: 'acme', tz: 'Europe/Helsinki' });
    });

    it('changes nothing when the same batch is sent again', async () => {
      const batch = summaries({ days: [day('2025-03-01', 3), day('2025-03-02', 4)] });
      expect(await (await send(batch)).json()).toMatchObject({ stored: 2 });
      const before = await rows();
      const again = await send(batch);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({
        acks: [
          { day: '2025-03-01', rev: 3 },
          { day: '2025-03-02', rev: 4 },
        ],
        stored: 0,
      });
      expect(await rows()).toEqual(before);
    });

    it('never lets a lower revision overwrite a higher one, and lets a higher one win', async () => {
      await send(summaries({ days: [day('2025-03-01', 5, { 'invoice.sent': { n: 5, value: 5 } })] }));
      const stale = await send(summaries({ days: [day('2025-03-01', 3, { 'invoice.sent': { n: 3, value: 3 } })] }));
      expect(await stale.json()).toMatchObject({ stored: 0, acks: [{ day: '2025-03-01', rev: 3 }] });
      expect((await rows())[0]).toMatchObject({ rev: 5, features: { 'invoice.sent': { n: 5 } } });
      await send(summaries({ days: [day('2025-03-01', 6, { 'invoice.sent': { n: 6, value: 6 } })] }));
      expect((await rows())[0]).toMatchObject({ rev: 6, features: { 'invoice.sent': { n: 6 } } });
    });

    it('keeps each device of a user apart', async () => {
      await send(summaries({ days: [day('2025-03-01', 2)] }));
      await send(summaries({ identity: { userId: 'u_1', deviceId: 'dev_b' }, days: [day('2025-03-01', 1)] }));
      expect((await rows()).map((r) => [r.device_id, r.rev])).toEqual([
        ['dev_a', 2],
        ['dev_b', 1],
      ]);
    });

    it('files a device without a user id under anon:<deviceId>', async () => {
      await send(summaries({ identity: { deviceId: 'dev_z' } }));
      expect((await rows()).map((r) => r.user_id)).toEqual(['anon:dev_z']);
    });

    it('accepts gzip, by Content-Encoding or by its magic bytes under text/plain', async () => {
      const zipped = gzipSync(JSON.stringify(summaries()));
      expect((await send(zipped)).status).toBe(200);
      const res = await send(gzipSync(JSON.stringify(summaries({ days: [day('2025-03-02', 1)] }))), { 'content-encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect((await rows()).length).toBe(2);
    });

    describe('identity verification', () => {
      const verified = (identity: Record<string, unknown>) =>
        send(summaries({ appId: 'verified', writeKey: 'wk_verified', identity: { deviceId: 'dev_v', ...identity } }), { origin: 'https://other.test' });

      it('stores a user whose hash is the HMAC of the id with the secret', async () => {
        const res = await verified({ userId: 'u_7', hash: identityHash('u_7', 'sk_verified') });
        expect(res.status).toBe(200);
        expect((await rows()).map((r) => r.user_id)).toEqual(['u_7']);
      });

      it('refuses a hash made for another user, and stores nothing', async () => {
        const res = await verified({ userId: 'u_7', hash: identityHash('u_8', 'sk_verified') });
        expect(res.status).toBe(403);
        expect((await res.json()).error).toMatch(/identity\.hash/);
        expect(await rows()).toEqual([]);
      });

      it('refuses a missing hash or user id when the app verifies identities', async () => {
        const noHash = await verified({ userId: 'u_7' });
        expect(noHash.status).toBe(400);
        expect((await noHash.json()).error).toMatch(/identity\.hash is required/);
        const noUser = await verified({});
        expect(noUser.status).toBe(400);
        expect((await noUser.json()).error).toMatch(/identity\.userId is required/);
        expect(await rows()).toEqual([]);
      });

      it('does not ask for a hash when the app does not verify', async () => {
        expect((await send(summaries())).status).toBe(200);
      });
    });

    describe('CORS', () => {
      it('answers a preflight from an allowed origin and refuses an unknown one', async () => {
        const ok = await app.request('/v1/summaries', {
          method: 'OPTIONS',
          headers: { origin: 'https://app.ledgerly.test', 'access-control-request-method': 'POST' },
        });
        expect(ok.status).toBe(204);
        expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.ledgerly.test');
        expect(ok.headers.get('access-control-allow-headers')).toContain('content-encoding');
        const bad = await app.request('/v1/summaries', { method: 'OPTIONS', headers: { origin: 'https://evil.test' } });
        expect(bad.status).toBe(403);
        expect(bad.headers.get('access-control-allow-origin')).toBeNull();
      });

      it('sends the allow-origin header on success and on errors, so the page can read them', async () => {
        const good = await send(summaries());
        expect(good.headers.get('access-control-allow-origin')).toBe('https://app.ledgerly.test');
        const bad = await send('{nope');
        expect(bad.status).toBe(400);
        expect(bad.headers.get('access-control-allow-origin')).toBe('https://app.ledgerly.test');
      });

      it('refuses an origin another app allows but this app does not, storing nothing', async () => {
        const res = await send(summaries(), { origin: 'https://other.test' });
        expect(res.status).toBe(403);
        expect((await res.json()).error).toMatch(/Origin https:\/\/other\.test is not allowed for app "ledgerly"/);
        expect(res.headers.get('access-control-allow-origin')).toBe('https://other.test');
        expect(await rows()).toEqual([]);
      });

      it('does not send allow-origin to an origin no app allows', async () => {
        const res = await send(summaries(), { origin: 'https://evil.test' });
        expect(res.status).toBe(403);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      });
    });

    describe('bad input gets a 4xx naming the field, and nothing is stored', () => {
      const tooManyFeatures = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}`, { n: 1, value: 0 }]));
      const cases: Array<[string, () => Response | Promise<Response>, number, RegExp]> = [
        ['an empty body', () => send(''), 400, /Body is empty/],
        ['invalid JSON', () => send('{"appId":'), 400, /not valid JSON/],
        ['broken gzip', () => send(new Uint8Array([0x1f, 0x8b, 1, 2, 3])), 400, /not valid gzip/],
        ['an unknown Content-Encoding', () => send(summaries(), { 'content-encoding': 'br' }), 415, /Content-Encoding br/],
        ['a body over the limit', () => send(summaries({ pad: 'x'.repeat(300_000) })), 413, /limit/],
        ['a gzip bomb', () => send(gzipSync(JSON.stringify({ pad: ' '.repeat(3_000_000) }))), 413, /inflates/],
        ['a body that is not an object', () => send('[]'), 400, /Body must be a JSON object/],
        ['a missing appId', () => send(summaries({ appId: undefined })), 400, /^appId is missing/],
        ['an unknown appId', () => send(summaries({ appId: 'nope' })), 404, /appId "nope"/],
        ['a wrong write key', () => send(summaries({ writeKey: 'wk_wrong' })), 401, /writeKey/],
        ['a missing identity', () => send(summaries({ identity: undefined })), 400, /^identity/],
        ['a bad deviceId', () => send(summaries({ identity: { deviceId: 'a b' } })), 400, /identity\.deviceId/],
        ['a hash that is not hex', () => send(summaries({ identity: { deviceId: 'd', hash: 'zz' } })), 400, /identity\.hash/],
        ['a wrong wire version', () => send(summaries({ v: 2 })), 400, /^v: /],
        ['no days', () => send(summaries({ days: [] })), 400, /^days: .*at least one/],
        [
          'too many days',
          () => send(summaries({ days: Array.from({ length: 101 }, (_, i) => day(`2025-01-${String((i % 28) + 1).padStart(2, '0')}`, 1)) })),
          400,
          /at most 100/,
        ],
        ['a day of another format version', () => send(summaries({ days: [{ ...day('2025-03-01', 1), v: 2 }] })), 400, /^days\.0\.v must be 1/],
        ['a day without a version', () => send(summaries({ days: [{ ...day('2025-03-01', 1), v: undefined }] })), 400, /^days\.0\.v must be 1/],
        ['a day that is not an object', () => send(summaries({ days: [7] })), 400, /^days\.0: not an object/],
        ['a bad day key', () => send(summaries({ days: [day('2025-3-1', 1)] })), 400, /days\.0: day is not YYYY-MM-DD/],
        ['a negative count', () => send(summaries({ days: [day('2025-03-01', 1, { x: { n: -1, value: 0 } })] })), 400, /days\.0: features\.x/],
        ['a fractional rev', () => send(summaries({ days: [day('2025-03-01', 1.5)] })), 400, /days\.0: rev/],
        ['a rev past int4', () => send(summaries({ days: [day('2025-03-01', 2 ** 31)] })), 400, /days\.0\.rev/],
        ['more than 25 hours active', () => send(summaries({ days: [day('2025-03-01', 1, {}, 26 * 3_600_000)] })), 400, /days\.0\.activeMs/],
        ['too many feature names', () => send(summaries({ days: [day('2025-03-01', 1, tooManyFeatures)] })), 400, /days\.0\.features has more than 200/],
        ['the same day twice', () => send(summaries({ days: [day('2025-03-01', 1), day('2025-03-01', 2)] })), 400, /days\.1\.day 2025-03-01 appears twice/],
        ['a second bad day after a good one', () => send(summaries({ days: [day('2025-03-01', 1), { ...day('2025-03-02', 1), tz: '' }] })), 400, /days\.1: tz/],
      ];
      it.each(cases)('%s', async (_name, request, status, message) => {
        const res = await request();
        expect(res.status).toBe(status);
        const body = await res.json();
        expect(body.error).toMatch(message);
        expect(await rows()).toEqual([]);
      });
    });

    describe('rate limit', () => {
      it('answers 429 with Retry-After once a device spends its burst, and lets it back in later', async () => {
        const limited = createCollector({ db, now: () => clock, rateLimit: { perMinute: 6, burst: 2 } }).app;
        const go = () => limited.request('/v1/summaries', post(summaries({ identity: { deviceId: 'dev_rl' } })));
        expect((await go()).status).toBe(200);
        expect((await go()).status).toBe(200);
        const third = await go();
        expect(third.status).toBe(429);
        expect(third.headers.get('retry-after')).toBe('10');
        expect((await third.json()).error).toMatch(/Too many requests/);
        // Another device of the same app has its own bucket.
        const other = await limited.request('/v1/summaries', post(summaries({ identity: { deviceId: 'dev_other' } })));
        expect(other.status).toBe(200);
        clock += 10_000;
        expect((await go()).status).toBe(200);
      });

      it('limits a write key as a whole, so made-up device ids do not escape', async () => {
        const limited = createCollector({ db, now: () => clock, appRateLimit: { perMinute: 60, burst: 3 } }).app;
        const go = (i: number) => limited.request('/v1/summaries', post(summaries({ identity: { deviceId: `dev_fake_${i}` } })));
        for (let i = 0; i < 3; i++) expect((await go(i)).status).toBe(200);
        const res = await go(99);
        expect(res.status).toBe(429);
        expect(res.headers.get('retry-after')).toBe('1');
      });
    });
  });
}
