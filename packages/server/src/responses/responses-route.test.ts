import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveAccount } from '../accounts/account-store';
import { saveApp } from '../apps/app-store';
import type { Db } from '../db/database';
import { identityHash } from '../http/identity';
import { adminFixture } from '../testing/admin-fixture';
import { post, summaries } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';
import { responsesCsv } from './responses-csv';

const NOW = Date.parse('2025-03-20T12:00:00Z');
const answer = (over: Record<string, unknown> = {}) => ({
  id: 'ans_00001',
  form: 'exit',
  kind: 'choice',
  at: Date.parse('2025-03-18T09:00:00Z'),
  choice: 'price',
  ...over,
});
const body = (over: Record<string, unknown> = {}, identity: Record<string, unknown> = { userId: 'u_1', accountId: 'acme', deviceId: 'dev_a' }) => ({
  appId: 'ledgerly',
  writeKey: 'wk_test',
  identity,
  responses: [answer()],
  ...over,
});

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`survey responses on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const send = (b: unknown) => fx.app.request('/v1/responses', post(b));
    const report = async (query = '') => (await fx.call('GET', `/v1/responses${query}`)).json();
    const count = async () => (await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM responses'))[0].n;

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db, { now: () => NOW });
      await saveAccount(db, 'ledgerly', 'acme', { plan: { name: 'Acme Oy', plan: 'team', pricePerMonth: 90, paidSeats: 5 } });
      await saveAccount(db, 'ledgerly', 'globex', { plan: { name: 'Globex', plan: 'solo', pricePerMonth: 10, paidSeats: 1 } });
    });
    afterAll(() => db?.drop());
    beforeEach(() => db.exec('DELETE FROM responses; DELETE FROM rate_windows'));

    it('stores an answer once by its id, however often it is sent', async () => {
      const first = await send(body());
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ ok: true, stored: 1 });
      expect(await (await send(body())).json()).toEqual({ ok: true, stored: 0 });
      // An id already taken is never overwritten, even by another user.
      await send(body({ responses: [answer({ choice: 'hard' })] }, { userId: 'u_2', deviceId: 'dev_b' }));
      expect(await db.query('SELECT user_id, account_id, form, kind, choice, score, text FROM responses')).toEqual([
        { user_id: 'u_1', account_id: 'acme', form: 'exit', kind: 'choice', choice: 'price', score: null, text: null },
      ]);
    });

    it('refuses bad answers with a 400 naming the field, storing nothing of the batch', async () => {
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ responses: [] }, /^responses: responses must hold at least one answer/],
        [{ responses: [answer(), answer({ id: 'ans_00002', kind: 'nps', score: 11, choice: undefined })] }, /^responses\.1\.score: score must be 0-10/],
        [{ responses: [answer({ kind: 'nps' })] }, /^responses\.0\.choice must be left out/],
        [{ responses: [answer({ kind: 'csat', choice: undefined, score: 0 })] }, /^responses\.0\.score must be 1-5/],
        [{ responses: [answer({ choice: undefined })] }, /^responses\.0\.choice is missing/],
        [{ responses: [answer({ id: 'x' })] }, /^responses\.0\.id: id must be 8-100/],
        [{ responses: [answer({ form: 'no spaces' })] }, /^responses\.0\.form: form must be 1-48/],
        [{ responses: [answer({ text: 'a\u0007b' })] }, /^responses\.0\.text: text must not contain control characters/],
        [{ responses: [answer({ text: 'x'.repeat(2001) })] }, /^responses\.0\.text: text must be at most 2000/],
        [{ responses: [answer({ at: NOW + 3 * 86_400_000 })] }, /^responses\.0\.at is more than a day in the future/],
        [{ responses: [answer({ kind: 'maybe' })] }, /^responses\.0\.kind: kind must be/],
        [{ identity: { userId: 'u_1' } }, /^identity\.deviceId is missing/],
        [{ writeKey: 'wk_wrong' }, /^writeKey is not the write key/],
      ];
      for (const [over, message] of cases) {
        const res = await send(body(over));
        expect(res.status, JSON.stringify(over)).toBeGreaterThanOrEqual(400);
        expect((await res.json()).error).toMatch(message);
      }
      expect(await count()).toBe(0);
    });

    it('holds the identity rules of summaries: a verifying app needs the HMAC of user and account', async () => {
      await saveApp(db, { id: 'ledgerly', verifyIdentity: true });
      try {
        const unsigned = await send(body());
        expect(unsigned.status).toBe(400);
        expect((await unsigned.json()).error).toMatch(/identity\.hash is required/);
        const forged = await send(
          body({}, { userId: 'u_1', accountId: 'acme', deviceId: 'dev_a', hash: identityHash({ userId: 'u_2', accountId: 'acme' }, 'sk_test') }),
        );
        expect(forged.status).toBe(403);
        expect(await count()).toBe(0);
        const signed = await send(
          body({}, { userId: 'u_1', accountId: 'acme', deviceId: 'dev_a', hash: identityHash({ userId: 'u_1', accountId: 'acme' }, 'sk_test') }),
        );
        expect(signed.status).toBe(200);
        expect(await count()).toBe(1);
      } finally {
        await saveApp(db, { id: 'ledgerly', verifyIdentity: false });
      }
    });

    it('spends the device rate limits, and a refused one the refused bucket', async () => {
      const { createCollector } = await import('../create-collector');
      const { app } = createCollector({ db, now: () => NOW, rateLimit: { perMinute: 1, burst: 2 }, invalidRateLimit: { perMinute: 1, burst: 1 } });
      const go = (b: unknown) => app.request('/v1/responses', post(b, { 'x-test': '1' }));
      expect((await go(body({ responses: [answer({ id: 'ans_r1' + 'xxxx' })] }))).status).toBe(200);
      expect((await go(body({ responses: [answer({ id: 'ans_r2' + 'xxxx' })] }))).status).toBe(200);
      expect((await go(body({ responses: [answer({ id: 'ans_r3' + 'xxxx' })] }))).status).toBe(429);
      expect((await go(body({ responses: [] }))).status).toBe(400);
      expect((await go(body({ responses: [] }))).status).toBe(429);
    });

    it('reports reasons by count, plan and account, NPS and CSAT per week, and the answers with search; forget-me deletes them', async () => {
      const at = (day: string) => Date.parse(`${day}T10:00:00Z`);
      const u = (userId: string, accountId: string) => ({ userId, accountId, deviceId: `dev_${userId}` });
      await send(body({ responses: [answer({ id: 'ans_a0001', choice: 'price', text: '=HYPERLINK("x") too dear' })] }, u('u_1', 'acme')));
      await send(body({ responses: [answer({ id: 'ans_a0002', choice: 'price' })] }, u('u_2', 'globex')));
      await send(body({ responses: [answer({ id: 'ans_a0003', choice: 'missing', text: 'No <b>recurring</b> invoices' })] }, u('u_3', 'acme')));
      await send(
        body(
          {
            responses: [
              answer({ id: 'ans_n0001', form: 'nps', kind: 'nps', choice: undefined, score: 10, at: at('2025-03-04') }),
              answer({ id: 'ans_n0002', form: 'nps', kind: 'nps', choice: undefined, score: 3, at: at('2025-03-05') }),
              answer({ id: 'ans_n0003', form: 'nps', kind: 'nps', choice: undefined, score: 9, at: at('2025-03-12') }),
              answer({ id: 'ans_c0001', form: 'csat', kind: 'csat', choice: undefined, score: 4, at: at('2025-03-12') }),
            ],
          },
          u('u_1', 'acme'),
        ),
      );
      const r = await report();
      expect(r.reasons).toEqual([
        { choice: 'price', n: 2 },
        { choice: 'missing', n: 1 },
      ]);
      expect(r.byPlan).toEqual([
        { plan: 'solo', choice: 'price', n: 1 },
        { plan: 'team', choice: 'missing', n: 1 },
        { plan: 'team', choice: 'price', n: 1 },
      ]);
      expect(r.byAccount).toContainEqual({ accountId: 'acme', name: 'Acme Oy', choice: 'missing', n: 1 });
      expect(r.nps).toEqual([
        { week: '2025-03-03', n: 2, promoters: 1, detractors: 1, nps: 0 },
        { week: '2025-03-10', n: 1, promoters: 1, detractors: 0, nps: 100 },
      ]);
      expect(r.csat).toEqual([{ week: '2025-03-10', n: 1, mean: 4 }]);
      expect(r.forms).toEqual(['csat', 'exit', 'nps']);
      expect(r.answers).toHaveLength(7);
      // Search: part of a comment, case-insensitive; LIKE's wildcards match only themselves.
      expect((await report('?q=RECURRING')).answers.map((a: { id: string }) => a.id)).toEqual(['ans_a0003']);
      expect((await report('?q=%25')).answers).toEqual([]);
      // One account's answers (the account page).
      const acme = await report('?account=acme');
      expect(acme.answers.map((a: { userId: string }) => a.userId).sort()).toEqual(['u_1', 'u_1', 'u_1', 'u_1', 'u_1', 'u_3']);
      expect(acme.reasons).toEqual([
        { choice: 'missing', n: 1 },
        { choice: 'price', n: 1 },
      ]);
      expect((await fx.call('GET', '/v1/responses?days=0')).status).toBe(400);

      const csv = await fx.call('GET', '/v1/responses.csv?form=exit');
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const text = await csv.text();
      expect(text.split('\r\n')[0]).toBe('id,answered_at,form,kind,choice,score,text,user_id,account_id,account_name,plan');
      // A formula is neutralised; markup stays text.
      expect(text).toContain(`"'=HYPERLINK(""x"") too dear"`);
      expect(text).toContain('No <b>recurring</b> invoices');

      // Forget-me (DELETE /v1/users/:id) takes the user's answers too.
      await fx.app.request('/v1/summaries', post(summaries({ identity: u('u_1', 'acme') })));
      expect((await fx.call('DELETE', '/v1/users/u_1')).status).toBe(200);
      expect((await report()).answers.map((a: { userId: string }) => a.userId).sort()).toEqual(['u_2', 'u_3']);
    });

    it('needs the admin token to read', async () => {
      expect((await fx.call('GET', '/v1/responses', undefined, 'wrong')).status).toBe(401);
      expect((await fx.call('GET', '/v1/responses.csv', undefined, '')).status).toBe(401);
    });
  });
}

describe('responses CSV', () => {
  it('guards every formula start and quotes what needs it', () => {
    const row = {
      id: 'a',
      at: '2025-03-18T09:00:00.000Z',
      form: 'exit',
      kind: 'choice' as const,
      choice: 'price',
      score: null,
      userId: 'u',
      accountId: null,
      accountName: null,
      plan: null,
    };
    const lines = responsesCsv(
      ['=1+1', '+1', '-1', '@SUM(A1)', 'plain, "quoted"\nline', '  =HYPERLINK("x")', ' fine'].map((text, i) => ({ ...row, id: `a${i}`, text })),
    ).split('\r\n');
    expect(lines.slice(1, 5).map((l) => l.split(',')[6])).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)"]);
    expect(lines[5]).toContain('"plain, ""quoted""\nline"');
    // Leading spaces do not hide a formula; a plain text with them stays as it is.
    expect(lines[6]).toContain(`"'  =HYPERLINK(""x"")"`);
    expect(lines[7].split(',')[6]).toBe(' fine');
  });
});
