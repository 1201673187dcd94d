import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DayRollup } from '@habitual/core';
import { saveApp } from '../apps/app-store';
import { saveConfig } from '../config/config-store';
import { createCollector } from '../create-collector';
import type { Db } from '../db/database';
import { identityHash } from '../http/identity';
import { day, post } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';
import type { TeamWeek } from './team-week';

// Wednesday 2 December 2026: the week is Monday 30 November to today.
const NOW = Date.parse('2026-12-02T10:00:00Z');
const TODAY = '2026-12-02';
const ORIGIN = 'https://app.ledgerly.test';

const signed = (userId: string, accountId = 'acme') => ({ userId, accountId, hash: identityHash({ userId, accountId }, 'sk_test') });

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`GET /v1/team, PUT /v1/team/me on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let app: ReturnType<typeof createCollector>['app'];

    const send = (userId: string, deviceId: string, days: DayRollup[], accountId = 'acme') =>
      app.request('/v1/summaries', post({ v: 1, appId: 'ledgerly', writeKey: 'wk_test', identity: { ...signed(userId, accountId), deviceId }, days }));
    const team = (userId: string, extra: Record<string, string> = {}) => {
      const s = signed(userId);
      const q = new URLSearchParams({ appId: 'ledgerly', key: 'wk_test', userId: s.userId, accountId: s.accountId, hash: s.hash, day: TODAY, ...extra });
      return app.request(`/v1/team?${q}`, { headers: { origin: ORIGIN } });
    };
    const me = (userId: string, body: Record<string, unknown>) =>
      app.request('/v1/team/me', { ...post({ appId: 'ledgerly', writeKey: 'wk_test', identity: signed(userId), day: TODAY, ...body }), method: 'PUT' });
    const weekOf = async (userId: string) => {
      const res = await team(userId);
      expect(res.status).toBe(200);
      return (await res.json()) as TeamWeek;
    };

    beforeAll(async () => {
      db = await target.open();
      await saveApp(db, { id: 'ledgerly', name: 'Ledgerly', writeKey: 'wk_test', secret: 'sk_test', origins: [ORIGIN] });
      await saveApp(db, { id: 'open', name: 'Open', writeKey: 'wk_open', secret: 'sk_open', origins: [ORIGIN], verifyIdentity: false });
      await saveConfig(db, 'ledgerly', {
        features: {
          'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
          'customer.created': { label: 'Add a customer', key: true, value: 'customers' },
          'report.viewed': { label: 'Reports', key: true },
        },
      });
      app = createCollector({ db, now: () => NOW }).app;
      // Ana: two devices this week (values add across devices), one day last week (not this week's).
      expect(
        (
          await send('u_ana', 'd1', [
            day('2026-11-30', 1, { 'invoice.sent': { n: 3, value: 0 } }),
            day('2026-11-27', 1, { 'invoice.sent': { n: 9, value: 9 } }),
          ])
        ).status,
      ).toBe(200);
      expect((await send('u_ana', 'd2', [day('2026-12-01', 1, { 'invoice.sent': { n: 2, value: 5 }, 'report.viewed': { n: 1, value: 0 } })])).status).toBe(200);
      // Sam: reports five times, one invoice, one customer.
      expect(
        (
          await send('u_sam', 'd3', [
            day('2026-12-02', 1, { 'report.viewed': { n: 5, value: 0 }, 'invoice.sent': { n: 1, value: 0 }, 'customer.created': { n: 1, value: 0 } }),
          ])
        ).status,
      ).toBe(200);
      // Hidden: never opts in. Active with 4 invoices.
      expect((await send('u_hid', 'd4', [day('2026-12-01', 1, { 'invoice.sent': { n: 4, value: 4 } })])).status).toBe(200);
      // Another account's user: never counted in acme's week.
      expect((await send('u_else', 'd5', [day('2026-12-01', 1, { 'invoice.sent': { n: 50, value: 50 } })], 'globex')).status).toBe(200);
    });
    afterAll(async () => {
      await db?.drop();
    });
    beforeEach(async () => {
      await db.exec('DELETE FROM team_members; DELETE FROM rate_windows');
    });

    it("totals are the sum of the teammates' summaries this week, by the engine's value rule", async () => {
      const week = await weekOf('u_ana');
      expect(week.week).toEqual({ from: '2026-11-30', to: TODAY });
      expect(week.members).toBe(3);
      expect(week.active).toBe(3);
      // Invoices: Ana 3 uses without a value (3 units) + 5 units, Sam 1 use (1 unit), hidden 4: 13. Last week's 9 and globex's 50 are not in it.
      expect(week.totals).toEqual([
        { feature: 'invoice.sent', unit: 'invoices', week: 3 + 5 + 1 + 4 },
        { feature: 'customer.created', unit: 'customers', week: 1 },
      ]);
    });

    it('names appear only between members who opted in; a user who did not never appears', async () => {
      expect((await me('u_ana', { optIn: true, displayName: 'Ana' })).status).toBe(200);
      // Sam has not opted in: he sees no one's name, not even Ana's.
      const samBefore = await weekOf('u_sam');
      expect(samBefore.me).toEqual({ optedIn: false });
      expect(samBefore.leaderboard).toEqual([]);
      expect(samBefore.buddies).toEqual([]);
      // Ana sees herself only: Sam and the hidden user are not there.
      const anaAlone = await weekOf('u_ana');
      expect(anaAlone.leaderboard).toEqual([{ name: 'Ana', days: 2, units: 8, me: true }]);
      expect(anaAlone.buddies).toEqual([]);
      // Sam joins (his answer is the week, at once): both see each other, and Sam's buddy line.
      const joined = (await (await me('u_sam', { optIn: true, displayName: '  Sam  ' })).json()) as TeamWeek;
      expect(joined.me).toEqual({ optedIn: true, displayName: 'Sam' });
      expect(joined.leaderboard.map((r) => r.name)).toEqual(['Ana', 'Sam']);
      const ana = await weekOf('u_ana');
      expect(ana.leaderboard).toEqual([
        { name: 'Ana', days: 2, units: 8, me: true },
        { name: 'Sam', days: 1, units: 2 },
      ]);
      expect(ana.buddies).toEqual([
        { name: 'Sam', feature: 'report.viewed', n: 5 },
        { name: 'Sam', feature: 'customer.created', n: 1 },
        { name: 'Sam', feature: 'invoice.sent', n: 1 },
      ]);
      const text = JSON.stringify(ana);
      expect(text).not.toContain('u_hid');
      expect(text).not.toContain('u_sam');
      // Sam leaves: gone from Ana's screen, and he sees no names again.
      const left = (await (await me('u_sam', { optIn: false })).json()) as TeamWeek;
      expect(left).toMatchObject({ me: { optedIn: false }, leaderboard: [], buddies: [] });
      expect((await weekOf('u_ana')).leaderboard.map((r) => r.name)).toEqual(['Ana']);
    });

    it('a member who moved to another account leaves the old leaderboard', async () => {
      expect((await me('u_ana', { optIn: true, displayName: 'Ana' })).status).toBe(200);
      expect((await me('u_sam', { optIn: true, displayName: 'Sam' })).status).toBe(200);
      expect((await send('u_sam', 'd3', [day('2026-12-02', 2, { 'report.viewed': { n: 5, value: 0 } })], 'globex')).status).toBe(200);
      const ana = await weekOf('u_ana');
      expect(ana.leaderboard.map((r) => r.name)).toEqual(['Ana']);
      expect(ana.members).toBe(2);
      // Back to acme (for the other tests).
      expect((await send('u_sam', 'd3', [day('2026-12-02', 3, { 'report.viewed': { n: 5, value: 0 } })])).status).toBe(200);
    });

    it('forget-me deletes the display name', async () => {
      expect((await me('u_hid', { optIn: true, displayName: 'Hidden' })).status).toBe(200);
      const { deleteUser } = await import('../summaries/store-summaries');
      await deleteUser(db, 'ledgerly', 'u_hid');
      expect(await db.query('SELECT * FROM team_members WHERE user_id = $1', ['u_hid'])).toEqual([]);
      // Put the hidden user's day back for the other tests.
      expect((await send('u_hid', 'd4', [day('2026-12-01', 1, { 'invoice.sent': { n: 4, value: 4 } })])).status).toBe(200);
    });

    it('answers a verified user of that account only', async () => {
      // A hash for another account, or none that matches, or an app that verifies nobody.
      const wrong = await team('u_ana', { accountId: 'globex' });
      expect(wrong.status).toBe(403);
      expect((await wrong.json()).error).toMatch(/identity\.hash/);
      const open = await app.request(
        `/v1/team?${new URLSearchParams({ appId: 'open', key: 'wk_open', userId: 'u_1', accountId: 'acme', hash: 'a'.repeat(64) })}`,
        { headers: { origin: ORIGIN } },
      );
      expect(open.status).toBe(403);
      expect((await open.json()).error).toMatch(/does not verify identities/);
      expect((await me('u_ana', { identity: { ...signed('u_ana'), hash: 'b'.repeat(64) }, optIn: true, displayName: 'Ana' })).status).toBe(403);
      expect(await db.query('SELECT * FROM team_members')).toEqual([]);
    });

    it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
      const cases: Array<[Response | Promise<Response>, RegExp]> = [
        [team('u_ana', { day: '2026-02-30' }), /^day must be the device's local date/],
        [team('u_ana', { day: '2025-12-02' }), /^day must/],
        [team('u_ana', { day: 'today' }), /^day: day must be a date/],
        [team('u_ana', { hashExpires: 'soon' }), /^hashExpires: /],
        [team('u_ana', { extra: '1' }), /^extra: .*not a query parameter/],
        [app.request(`/v1/team?appId=ledgerly&key=wk_test`), /^userId is missing/],
        [app.request(`/v1/team?appId=ledgerly&appId=x`), /^appId query parameter is given 2 times/],
        [me('u_ana', { optIn: true }), /^displayName is missing/],
        [me('u_ana', { optIn: true, displayName: '<b>Ana</b>' }), /^displayName: displayName may hold only letters/],
        [me('u_ana', { optIn: true, displayName: '   ' }), /^displayName: displayName must not be empty/],
        [me('u_ana', { optIn: true, displayName: 'A'.repeat(61) }), /^displayName: .*at most 60/],
        [me('u_ana', { optIn: 'yes', displayName: 'Ana' }), /^optIn: optIn must be true/],
        [me('u_ana', { optIn: true, displayName: 'Ana', role: 'admin' }), /^role: /],
        [me('u_ana', { identity: { userId: 'u_ana', hash: signed('u_ana').hash }, optIn: true, displayName: 'Ana' }), /^identity\.accountId is missing/],
      ];
      for (const [res, error] of cases) {
        const r = await res;
        expect(r.status).toBe(400);
        expect((await r.json()).error).toMatch(error);
      }
      expect(await db.query('SELECT * FROM team_members')).toEqual([]);
    });

    it('is a browser endpoint: CORS, PUT preflight, a private cache header', async () => {
      const res = await team('u_ana');
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('cache-control')).toBe('private, max-age=60');
      const pre = await app.request('/v1/team/me', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'PUT' } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-methods')).toContain('PUT');
    });

    it('spends the browser rate limits', async () => {
      const limited = createCollector({ db, now: () => NOW, rateLimit: { perMinute: 1, burst: 2 } }).app;
      const q = new URLSearchParams({ appId: 'ledgerly', key: 'wk_test', ...signed('u_ana'), day: TODAY });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.request(`/v1/team?${q}`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    });
  });
}
