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
      await saveApp(db, { id: 'ledgerly', writeKey: 'wk_test', secret: 'sk_test', origins: ['https://app.ledgerly.test'], verifyIdentity: false });
      await saveApp(db, { id: 'verified', writeKey: 'wk_verified', secret: 'sk_verified', origins: ['https://other.test'] });
      app = createCollector({ db, now: () => clock, rateLimit: { perMinute: 60, burst: 1000 }, invalidRateLimit: { burst: 1000 } }).app;
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

    it('merges a copy into the stored one: a name it lacks stays, higher counts win, stale ones change nothing', async () => {
      await send(summaries({ days: [day('2025-03-01', 5, { a: { n: 5, value: 2 }, b: { n: 1, value: 0 } })] }));
      const res = await send(summaries({ days: [day('2025-03-01', 6, { a: { n: 4, value: 9 }, c: { n: 1, value: 0 } })] }));
      expect(await res.json()).toMatchObject({ stored: 1 });
      expect((await rows())[0]).toMatchObject({ rev: 6, features: { a: { n: 5, value: 9 }, b: { n: 1, value: 0 }, c: { n: 1, value: 0 } } });
      const stale = await send(summaries({ days: [day('2025-03-01', 2, { a: { n: 1, value: 1 } })] }));
      expect(await stale.json()).toMatchObject({ stored: 0 });
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
      const sign = (who: { userId: string; accountId?: string; hashExpires?: number }) => identityHash(who, 'sk_verified');

      it('verifies identities of an app created without saying (on by default)', async () => {
        const res = await verified({ userId: 'u_7' });
        expect(res.status).toBe(400);
      });

      it('stores a user whose hash signs user, account and expiry with the secret', async () => {
        const hashExpires = Math.floor(clock / 1000) + 3600;
        const res = await verified({ userId: 'u_7', accountId: 'acme', hashExpires, hash: sign({ userId: 'u_7', accountId: 'acme', hashExpires }) });
        expect(res.status).toBe(200);
        expect((await rows()).map((r) => r.user_id)).toEqual(['u_7']);
        const [user] = await db.query<{ account_id: string }>("SELECT account_id FROM users WHERE id = 'u_7'");
        expect(user.account_id).toBe('acme');
      });

      it('signs exactly "habitual-identity-v2\\n<userId>\\n<accountId>\\n<hashExpires>"', async () => {
        const { createHmac } = await import('node:crypto');
        const hash = createHmac('sha256', 'sk_verified').update('habitual-identity-v2\nu_7\nacme\n').digest('hex');
        expect(hash).toBe(sign({ userId: 'u_7', accountId: 'acme' }));
        expect((await verified({ userId: 'u_7', accountId: 'acme', hash })).status).toBe(200);
      });

      it('refuses a hash made for another user, or for the same user in another account, and stores nothing', async () => {
        const otherUser = await verified({ userId: 'u_7', accountId: 'acme', hash: sign({ userId: 'u_8', accountId: 'acme' }) });
        expect(otherUser.status).toBe(403);
        expect((await otherUser.json()).error).toMatch(/identity\.hash/);
        const moved = await verified({ userId: 'u_7', accountId: 'globex', hash: sign({ userId: 'u_7', accountId: 'acme' }) });
        expect(moved.status).toBe(403);
        const unsignedExpiry = await verified({
          userId: 'u_7',
          accountId: 'acme',
          hashExpires: 9_999_999_999,
          hash: sign({ userId: 'u_7', accountId: 'acme' }),
        });
        expect(unsignedExpiry.status).toBe(403);
        expect(await rows()).toEqual([]);
      });

      it('refuses the v1 hash of the user id alone, saying what to sign instead', async () => {
        const { createHmac } = await import('node:crypto');
        const res = await verified({ userId: 'u_7', hash: createHmac('sha256', 'sk_verified').update('u_7').digest('hex') });
        expect(res.status).toBe(403);
        expect((await res.json()).error).toMatch(/v1 form.*habitual-identity-v2/);
        expect(await rows()).toEqual([]);
      });

      it('refuses an expired hash with 401, storing nothing', async () => {
        const hashExpires = Math.floor(clock / 1000) - 1;
        const res = await verified({ userId: 'u_7', hashExpires, hash: sign({ userId: 'u_7', hashExpires }) });
        expect(res.status).toBe(401);
        expect((await res.json()).error).toMatch(/identity\.hashExpires .* has passed/);
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

      it('keeps later genuine data when a replayed copy claimed the highest revision', async () => {
        const id = { userId: 'u_7', accountId: 'acme', hash: sign({ userId: 'u_7', accountId: 'acme' }) };
        const replay = await send(
          summaries({
            appId: 'verified',
            writeKey: 'wk_verified',
            identity: { deviceId: 'dev_v', ...id },
            days: [day('2025-03-01', 2_147_483_647, { 'invoice.sent': { n: 1, value: 1 } })],
          }),
          { origin: 'https://other.test' },
        );
        expect(replay.status).toBe(200);
        const genuine = await send(
          summaries({
            appId: 'verified',
            writeKey: 'wk_verified',
            identity: { deviceId: 'dev_v', ...id },
            days: [day('2025-03-01', 4, { 'invoice.sent': { n: 4, value: 4 }, 'customer.created': { n: 2, value: 0 } })],
          }),
          { origin: 'https://other.test' },
        );
        expect(await genuine.json()).toMatchObject({ stored: 1, acks: [{ day: '2025-03-01', rev: 4 }] });
        expect((await rows())[0].features).toEqual({ 'invoice.sent': { n: 4, value: 4 }, 'customer.created': { n: 2, value: 0 } });
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
        [
          'an unknown time zone',
          () => send(summaries({ days: [day('2025-03-01', 1), { ...day('2025-03-02', 1), tz: 'Not/AZone' }] })),
          400,
          /^days\.1\.tz "Not\/AZone" is not a time zone/,
        ],
        [
          'a zone ICU does not know (Etc/GMT+14)',
          () => send(summaries({ days: [{ ...day('2025-03-02', 1), tz: 'Etc/GMT+14' }] })),
          400,
          /^days\.0\.tz "Etc\/GMT\+14"/,
        ],
        ['month 13', () => send(summaries({ days: [day('2025-13-45', 1)] })), 400, /^days\.0\.day 2025-13-45 is not a calendar date/],
        ['day zero of year zero', () => send(summaries({ days: [day('0000-00-00', 1)] })), 400, /^days\.0\.day 0000-00-00 is not a calendar date/],
        ['February 30th', () => send(summaries({ days: [day('2025-02-30', 1)] })), 400, /^days\.0\.day 2025-02-30/],
        [
          'a count past the daily maximum',
          () => send(summaries({ days: [day('2025-03-01', 1, { x: { n: 1_000_001, value: 0 } })] })),
          400,
          /^days\.0\.features\.x\.n is above 1000000/,
        ],
        [
          'a value past the maximum',
          () => send(summaries({ days: [day('2025-03-01', 1, { x: { n: 1, value: -2e12 } })] })),
          400,
          /^days\.0\.features\.x\.value is beyond/,
        ],
        [
          'a first use in 1970',
          () => send(summaries({ days: [{ ...day('2025-03-01', 1), firsts: { 'invoice.sent': 5 } }] })),
          400,
          /^days\.0\.firsts\.invoice\.sent is not a time/,
        ],
        [
          'a control character in a user id',
          () => send(summaries({ identity: { userId: 'u_1\nacme', deviceId: 'dev_a' } })),
          400,
          /identity\.userId must not contain control characters/,
        ],
      ];
      it.each(cases)('%s', async (_name, request, status, message) => {
        const res = await request();
        expect(res.status).toBe(status);
        const body = await res.json();
        expect(body.error).toMatch(message);
        expect(await rows()).toEqual([]);
      });
    });

    describe("the user's attention record", () => {
      const T = 1_773_000_000_000;
      const record = (marks: Record<string, Record<string, number>>, shows: Array<[string, string, number]> = []) => ({ marks, shows });
      beforeEach(async () => {
        await db.exec('DELETE FROM user_attention');
      });

      it('merges what each device sends and answers the merge; a device with no days asks for it', async () => {
        const laptop = await send(
          summaries({
            identity: { userId: 'u_1', deviceId: 'laptop' },
            attention: record({ 'nudges:import': { seen: T, dismissed: T + 5 } }, [['nudges:import', '2025-03-01', T]]),
          }),
        );
        expect((await laptop.json()).attention.marks).toEqual({ 'nudges:import': { seen: T, dismissed: T + 5 } });
        const desktop = await send(summaries({ identity: { userId: 'u_1', deviceId: 'desktop' }, days: [], attention: record({ digest: { seen: T + 9 } }) }));
        expect(desktop.status).toBe(200);
        const answer = await desktop.json();
        expect(answer).toMatchObject({ acks: [], stored: 0 });
        expect(answer.attention.marks).toEqual({ 'nudges:import': { seen: T, dismissed: T + 5 }, digest: { seen: T + 9 } });
        expect(answer.attention.shows).toEqual([['nudges:import', '2025-03-01', T]]);
        expect(await rows()).toHaveLength(1); // the laptop's day only
      });

      it('a batch without a record (no widget on) neither reads nor answers one', async () => {
        await send(summaries({ identity: { userId: 'u_1', deviceId: 'laptop' }, days: [], attention: record({ digest: { seen: T } }) }));
        const seen: string[] = [];
        const query = db.query.bind(db);
        db.query = ((sql: string, params?: unknown[]) => (seen.push(sql), query(sql, params))) as typeof db.query;
        try {
          const plain = await send(summaries({ identity: { userId: 'u_1', deviceId: 'phone' } }));
          expect(plain.status).toBe(200);
          expect((await plain.json()).attention).toBeUndefined();
        } finally {
          db.query = query;
        }
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.filter((sql) => sql.includes('user_attention'))).toEqual([]);
      });

      it('refuses a bad record naming the field, and stores nothing', async () => {
        for (const [attention, field] of [
          [{ marks: { x: { dismissed: 'soon' } }, shows: [] }, 'attention.marks.*.dismissed'],
          [{ marks: {}, shows: [['x', 'yesterday', T]] }, 'attention.shows day'],
          [{ marks: {} }, 'attention.shows'],
          [{ marks: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`k${i}`, {}])), shows: [] }, 'at most 500'],
        ] as const) {
          const res = await send(summaries({ attention }));
          expect(res.status, field).toBe(400);
          expect((await res.json()).error).toContain(field);
        }
        expect(await rows()).toEqual([]);
        expect(await db.query('SELECT * FROM user_attention')).toEqual([]);
      });

      it('an empty batch is refused unless a signed-in device asks for its record', async () => {
        const none = await send(summaries({ days: [] }));
        expect(none.status).toBe(400);
        expect((await none.json()).error).toContain('days must hold at least one day');
        const anonymous = await send(summaries({ identity: { deviceId: 'dev_x' }, days: [], attention: record({}) }));
        expect(anonymous.status).toBe(400);
        expect(await db.query('SELECT * FROM user_attention')).toEqual([]);
      });
    });

    describe('rate limit', () => {
      const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

      it('answers 429 with Retry-After once an address spends its burst, and lets it back in later', async () => {
        const limited = createCollector({ db, now: () => clock, rateLimit: { perMinute: 6, burst: 2 } }).app;
        const go = (deviceId: string) => limited.request('/v1/summaries', post(summaries({ identity: { deviceId } })), from('10.0.0.1'));
        expect((await go('dev_rl')).status).toBe(200);
        expect((await go('dev_rl')).status).toBe(200);
        // A made-up device id is the same caller.
        const third = await go('dev_rotated');
        expect(third.status).toBe(429);
        expect(third.headers.get('retry-after')).toBe('10');
        expect((await third.json()).error).toMatch(/Too many requests/);
        // Another address has its own bucket.
        expect((await limited.request('/v1/summaries', post(summaries()), from('10.0.0.2'))).status).toBe(200);
        clock += 10_000;
        expect((await go('dev_rl')).status).toBe(200);
      });

      it('ignores X-Forwarded-For unless TRUST_PROXY says how many proxies to trust', async () => {
        const direct = createCollector({ db, now: () => clock, rateLimit: { perMinute: 6, burst: 1 } }).app;
        const forged = (app: typeof direct, xff: string) => app.request('/v1/summaries', post(summaries(), { 'x-forwarded-for': xff }), from('10.0.0.9'));
        expect((await forged(direct, '1.1.1.1')).status).toBe(200);
        expect((await forged(direct, '2.2.2.2')).status).toBe(429);
        const proxied = createCollector({ db, now: () => clock, rateLimit: { perMinute: 6, burst: 1 }, trustProxy: 1 }).app;
        // Behind one proxy the last hop is the client the proxy saw; what the client wrote before it is not trusted.
        expect((await forged(proxied, 'spoof, 3.3.3.3')).status).toBe(200);
        expect((await forged(proxied, 'other, 3.3.3.3')).status).toBe(429);
        expect((await forged(proxied, '4.4.4.4')).status).toBe(200);
      });

      it('limits a write key as a whole, so made-up device ids do not escape', async () => {
        const limited = createCollector({ db, now: () => clock, appRateLimit: { perMinute: 60, burst: 3 } }).app;
        const go = (i: number) => limited.request('/v1/summaries', post(summaries({ identity: { deviceId: `dev_fake_${i}` } })), from(`10.1.0.${i}`));
        for (let i = 0; i < 3; i++) expect((await go(i)).status).toBe(200);
        const res = await go(99);
        expect(res.status).toBe(429);
        expect(res.headers.get('retry-after')).toBe('1');
      });

      it('spends invalid requests from their own bucket, never the one real devices share', async () => {
        const limited = createCollector({ db, now: () => clock, appRateLimit: { perMinute: 60, burst: 3 }, invalidRateLimit: { perMinute: 6, burst: 5 } }).app;
        const bad = () => limited.request('/v1/summaries', post(summaries({ days: [day('2025-13-01', 1)] })), from('10.2.0.66'));
        for (let i = 0; i < 5; i++) expect((await bad()).status).toBe(400);
        const flooded = await bad();
        expect(flooded.status).toBe(429);
        expect((await flooded.json()).error).toMatch(/refused requests from this address/);
        // The app-wide bucket (burst 3) is untouched: three real devices still get in.
        for (let i = 0; i < 3; i++) expect((await limited.request('/v1/summaries', post(summaries()), from(`10.2.1.${i}`))).status).toBe(200);
      });

      it('holds a limit over two collectors sharing the database', async () => {
        const options = { db, now: () => clock, rateLimit: { perMinute: 2, burst: 2 }, sharedRateLimits: true };
        const a = createCollector(options);
        const b = createCollector(options);
        const go = (which: typeof a) => which.app.request('/v1/summaries', post(summaries()), from('10.3.0.1'));
        // perMinute + burst = 4 a minute over both: each alone would let 4 through.
        expect((await go(a)).status).toBe(200);
        expect((await go(a)).status).toBe(200);
        await a.ctx.limits.shared!.flush();
        expect((await go(b)).status).toBe(200);
        expect((await go(b)).status).toBe(200);
        await b.ctx.limits.shared!.flush();
        expect((await go(a)).status).toBe(429);
        await a.ctx.limits.shared!.flush();
        expect((await go(b)).status).toBe(429);
        const [row] = await db.query<{ count: number }>(
          "SELECT count FROM rate_windows WHERE key = 'address:verified:10.3.0.1' OR key = 'address:ledgerly:10.3.0.1'",
        );
        expect(Number(row.count)).toBe(4);
      });
    });
  });
}
