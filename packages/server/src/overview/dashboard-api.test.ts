import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@habitual/core';
import type { Db } from '../db/database';
import { adminFixture } from '../testing/admin-fixture';
import { day, post, summaries } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';
import { dropOldDays } from '../state/drop-old-days';

// 2025-03-31 is a Monday: the current week starts today.
const NOW = Date.UTC(2025, 2, 31, 12);
const DAY = 86_400_000;
const config = {
  features: { 'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' }, 'customer.created': { label: 'Add a customer', key: true } },
};
const invoice = (d: string) => day(d, 1, { 'invoice.sent': { n: 1, value: 1 } });
/** A day with only a login-like unconfigured event: stored, never qualified. */
const idle = (d: string) => day(d, 1, { other: { n: 1, value: 0 } });

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`dashboard API on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let clock = NOW;
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const send = async (userId: string, accountId: string, days: ReturnType<typeof day>[], name?: string) => {
      const res = await fx.app.request(
        '/v1/summaries',
        post(summaries({ identity: { userId, accountId, deviceId: `d_${userId}`, ...(name ? { name } : {}) }, days })),
      );
      expect(res.status, await res.clone().text()).toBe(200);
    };
    const json = async (path: string) => {
      const res = await fx.call('GET', path);
      expect(res.status, await res.clone().text()).toBe(200);
      return res.json();
    };

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db, { now: () => clock });
      await fx.call('PUT', '/v1/admin/config', { config });
      // Every week from early February: current all along.
      const weekly = Array.from({ length: 8 }, (_, i) => invoice(addDays('2025-02-04', 7 * i)));
      await send('u_cur', 'acme', [...weekly, invoice('2025-03-31')], 'Ana María');
      // First seen in the week of 03-24: new then, current now.
      await send('u_new', 'acme', [invoice('2025-03-25'), invoice('2025-03-31')]);
      // Seen in January, back in the week of 03-03 (resurrected), quiet a week, back 03-17 (reactivated).
      await send('u_react', 'beta', [invoice('2025-01-06'), invoice('2025-03-04'), invoice('2025-03-19')]);
      // Active two January weeks, then gone: dormant in the fifth quiet week (03-03).
      await send('u_gone', 'beta', [invoice('2025-01-21'), invoice('2025-01-28')]);
      // Only unqualified days: never counts as active.
      await send('u_idle', 'gamma', [idle('2025-03-30')]);
      // An account the backend set, with no users yet.
      expect((await fx.call('PUT', '/v1/accounts/empty', { name: 'Empty Co', plan: 'team', pricePerMonth: 50, paidSeats: 5 })).status).toBe(200);
      await fx.states.settle();
    });
    afterAll(() => db?.drop());

    it('classifies each week: new, current, reactivated, resurrected above zero; at risk and dormant below', async () => {
      const { growth } = await json('/v1/overview?weeks=6');
      const pick = (week: string) => {
        const { week: _, ...counts } = growth.find((g: { week: string }) => g.week === week);
        return Object.fromEntries(Object.entries(counts).filter(([, n]) => n));
      };
      expect(growth.map((g: { week: string }) => g.week)).toEqual(['2025-02-24', '2025-03-03', '2025-03-10', '2025-03-17', '2025-03-24', '2025-03-31']);
      expect(pick('2025-02-24')).toEqual({ current: 1 });
      expect(pick('2025-03-03')).toEqual({ current: 1, resurrected: 1, dormant: 1 });
      expect(pick('2025-03-10')).toEqual({ current: 1, atRisk: 1 });
      expect(pick('2025-03-17')).toEqual({ current: 1, reactivated: 1 });
      expect(pick('2025-03-24')).toEqual({ current: 1, new: 1, atRisk: 1 });
      expect(pick('2025-03-31')).toEqual({ current: 2 });
      expect((await fx.call('GET', '/v1/overview?weeks=0')).status).toBe(400);
    });

    it('counts the L28 curve and key feature adoption over active users only', async () => {
      const o = await json('/v1/overview');
      // Active in the last 28 days (03-04 .. 03-31): u_cur on 5 days, u_new and u_react on 2.
      expect(o.activeUsers).toBe(3);
      expect(o.l28.filter((d: { users: number }) => d.users)).toEqual([
        { days: 2, users: 2 },
        { days: 5, users: 1 },
      ]);
      expect(o.adoption).toEqual([
        { feature: 'invoice.sent', label: 'Send an invoice', users: 3, share: 1 },
        { feature: 'customer.created', label: 'Add a customer', users: 0, share: 0 },
      ]);
    });

    it('keeps a daily score per account and the stage moves, and shows them', async () => {
      const history = await json('/v1/accounts/acme/history?days=30');
      expect(history.days).toHaveLength(1);
      expect(history.days[0]).toMatchObject({ day: '2025-03-31', band: expect.stringMatching(/^(red|yellow|green)$/), users: 2 });
      const first = history.days[0].score;
      const { movements } = await json('/v1/overview');
      // Every user entered a stage when first computed (from null).
      expect(movements.every((m: { from: string | null }) => m.from === null)).toBe(true);
      expect(movements.reduce((n: number, m: { users: number }) => n + m.users, 0)).toBe(5);
      // (The clock only moves forward from here: the rate limiters' buckets follow it.)
      // The next day, silence moves the state: a second snapshot, the first kept.
      clock = NOW + DAY;
      await db.query("UPDATE state_queue SET due_at = '-infinity'");
      await fx.states.settle();
      const later = await json('/v1/accounts/acme/history?days=30');
      expect(later.days.map((d: { day: string }) => d.day)).toEqual(['2025-03-31', '2025-04-01']);
      expect(later.days[0].score).toBe(first);
      expect((await fx.call('GET', '/v1/accounts/acme/history?days=0')).status).toBe(400);
    });

    it('lists an account without data as "no data yet", after every score, and filters by it', async () => {
      const list = await json('/v1/accounts?sort=score&order=asc');
      const ids = list.accounts.map((a: { account: { id: string } }) => a.account.id);
      expect(ids[ids.length - 1]).toBe('empty');
      expect(list.accounts[ids.length - 1]).toMatchObject({ noData: true });
      const none = await json('/v1/accounts?band=none');
      expect(none.accounts.map((a: { account: { id: string } }) => a.account.id)).toEqual(['empty']);
    });

    it('sorts by each measure, filters by stage, and exports the list as CSV', async () => {
      for (const sort of ['depth', 'breadth', 'reach', 'valuePerDollar']) {
        const res = await fx.call('GET', `/v1/accounts?sort=${sort}&order=desc&limit=2`);
        expect(res.status, sort).toBe(200);
      }
      const byReach = await json('/v1/accounts?sort=reach&order=desc');
      const reach = byReach.accounts.map((a: { reach?: number }) => a.reach ?? -1);
      expect(reach).toEqual([...reach].sort((a, b) => b - a));
      const dormant = await json('/v1/accounts?stage=dormant');
      expect(dormant.accounts.map((a: { account: { id: string } }) => a.account.id)).toEqual(['beta']);
      const bad = await fx.call('GET', '/v1/accounts?stage=sleepy');
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/^stage must be one of new, activating/);

      const csv = await fx.call('GET', '/v1/accounts.csv?sort=name');
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toBe('id,name,plan,price_per_month,paid_seats,users,score,band,trend_change,depth,breadth,reach,value_per_dollar,stages,error');
      expect(lines.map((l) => l.split(',')[0])).toEqual(['id', 'acme', 'beta', 'empty', 'gamma']);
      expect(lines[3]).toMatch(/^empty,Empty Co,team,50,5,0,,none,/);
    });

    it("shows each user's display name on the account, and forgets a user's rows on request", async () => {
      const card = await json('/v1/accounts/acme/scorecard');
      expect(card.usersDetail.find((u: { id: string }) => u.id === 'u_cur').name).toBe('Ana María');
      const bad = await fx.app.request('/v1/summaries', post(summaries({ identity: { userId: 'u_x', deviceId: 'd_x', name: 'a\u0007b' } })));
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/identity\.name must not contain control characters/);

      expect((await fx.call('DELETE', '/v1/users/u_new')).status).toBe(200);
      await fx.states.settle();
      const after = await json('/v1/accounts/acme/scorecard');
      expect(after.usersDetail.map((u: { id: string }) => u.id)).toEqual(['u_cur']);
      expect(await db.query("SELECT 1 FROM day_rollups WHERE user_id = 'u_new' UNION ALL SELECT 1 FROM stage_changes WHERE user_id = 'u_new'")).toEqual([]);
    });

    it('drops history and stage moves past the retention window, and alerts after 90 days, with the daily retention job', async () => {
      await db.exec(
        `INSERT INTO account_scores (app_id, account_id, day, score, band, users, computed_at) VALUES ('ledgerly', 'acme', '2023-01-01', 50, 'red', 1, now());
         INSERT INTO stage_changes (app_id, user_id, day, account_id, from_stage, to_stage) VALUES ('ledgerly', 'u_cur', '2023-01-01', 'acme', 'new', 'engaged');
         INSERT INTO alert_outbox (app_id, key, kind, facts, created_at, next_at) VALUES ('ledgerly', 'old', 'entered_red', '{}', '2024-01-01', '2024-01-01')`,
      );
      await db.query("DELETE FROM settings WHERE key = 'retention_ran_on'");
      await dropOldDays(db, { now: clock });
      const left = await db.query(
        "SELECT day FROM account_scores WHERE day < '2024-01-01' UNION ALL SELECT day FROM stage_changes WHERE day < '2024-01-01' UNION ALL SELECT key FROM alert_outbox WHERE key = 'old'",
      );
      expect(left).toEqual([]);
      expect((await json('/v1/accounts/acme/history?days=30')).days.length).toBeGreaterThan(0);
    });
  });
}
