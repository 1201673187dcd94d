import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { adminFixture } from '../testing/admin-fixture';
import { day, post, summaries } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';

const NOW = Date.UTC(2025, 2, 31, 12);
const config = {
  features: {
    'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
    'customer.created': { label: 'Add a customer', key: true },
  },
};
/** `n` qualified days ending on 2025-03-31, one invoice each. */
const activeDays = (n: number) =>
  Array.from({ length: n }, (_, i) => day(new Date(Date.UTC(2025, 2, 31 - i)).toISOString().slice(0, 10), 1, { 'invoice.sent': { n: 1, value: 1 } }));

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`accounts and scorecards on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const sendAs = (userId: string, accountId: string, days: ReturnType<typeof activeDays>) =>
      fx.app.request('/v1/summaries', post(summaries({ identity: { userId, accountId, deviceId: `d_${userId}` }, days })));

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db, { now: () => NOW });
      await fx.call('PUT', '/v1/admin/config', { config });
      await sendAs('u_1', 'acme', activeDays(10));
      await sendAs('u_2', 'acme', activeDays(2));
      await sendAs('u_9', 'beta', activeDays(20));
      await fx.states.settle();
    });
    afterAll(() => db?.drop());

    it('lets the host backend set plan, price and paid seats with the app secret', async () => {
      const res = await fx.call('PUT', '/v1/accounts/acme', { name: 'Acme Oy', plan: 'team', pricePerMonth: 100, paidSeats: 4 }, 'sk_test');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ account: { id: 'acme', name: 'Acme Oy', plan: 'team', pricePerMonth: 100, paidSeats: 4 } });
      expect((await fx.call('PUT', '/v1/accounts/beta', { plan: 'solo', pricePerMonth: 10, paidSeats: 1 })).status).toBe(200);
      await fx.states.settle();
    });

    it.each([
      [{ pricePerMonth: -1, paidSeats: 1 }, /^pricePerMonth/],
      [{ pricePerMonth: 10, paidSeats: 1.5 }, /^paidSeats/],
      [{ pricePerMonth: 10 }, /^paidSeats is missing/],
      [{ pricePerMonth: '10', paidSeats: 1 }, /^pricePerMonth/],
    ])('refuses a bad account body %j naming the field', async (body, message) => {
      const res = await fx.call('PUT', '/v1/accounts/acme', body, 'sk_test');
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(message);
    });

    it('refuses an account id the path cannot hold, naming it', async () => {
      const res = await fx.call('PUT', '/v1/accounts/a%20b', { pricePerMonth: 1, paidSeats: 1 }, 'sk_test');
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/^The account id in the path must be/);
      const notJson = await fx.call('PUT', '/v1/accounts/acme', '[1]', 'sk_test');
      expect(notJson.status).toBe(400);
      expect((await notJson.json()).error).toMatch(/^Body must be a JSON object/);
    });

    it('refuses account writes without the secret', async () => {
      expect((await fx.call('PUT', '/v1/accounts/acme', { pricePerMonth: 1, paidSeats: 1 }, '')).status).toBe(401);
      expect((await fx.call('PUT', '/v1/accounts/acme', { pricePerMonth: 1, paidSeats: 1 }, 'wk_test')).status).toBe(401);
    });

    it('scores an account: depth is seats meeting the L28 bar over paid seats', async () => {
      const res = await fx.call('GET', '/v1/accounts/acme/scorecard');
      expect(res.status).toBe(200);
      const card = await res.json();
      expect(card.depth).toEqual({ meeting: 1, seats: 4, bar: 8 });
      expect(card.users).toBe(2);
      expect(card.reach).toBe(12);
      expect(card.valuePerDollar).toBeCloseTo(0.12);
      expect(card.breadth).toBeCloseTo(0.5);
      expect(card.trend.series).toHaveLength(28);
      expect(card.trend.days.at(-1)).toBe('2025-03-31');
      expect(card.trend.series.at(-1)).toBe(2);
      const depth = card.parts.find((p: { id: string }) => p.id === 'depth');
      expect(depth.value).toBeCloseTo(25);
      const sum = card.parts.reduce((a: number, p: { contribution: number }) => a + p.contribution, 0);
      expect(card.score).toBe(Math.round(sum));
      expect(Object.values(card.stages).reduce((a: number, b) => a + (b as number), 0)).toBe(2);
      expect(card.usersDetail.map((u: { id: string }) => u.id).sort()).toEqual(['u_1', 'u_2']);
      expect(card.atRisk.map((u: { id: string }) => u.id)).not.toContain('u_1');
    });

    it('lists accounts with the most at risk first', async () => {
      const res = await fx.call('GET', '/v1/accounts');
      const { accounts } = await res.json();
      expect(accounts.map((a: { account: { id: string } }) => a.account.id)).toEqual(['acme', 'beta']);
      expect(accounts[0].score).toBeLessThan(accounts[1].score);
      expect(accounts[1].depth).toEqual({ meeting: 1, seats: 1, bar: 8 });
      expect(['red', 'yellow', 'green']).toContain(accounts[0].band);
    });

    it('answers 404 for an account it has never heard of', async () => {
      const res = await fx.call('GET', '/v1/accounts/nope/scorecard');
      expect(res.status).toBe(404);
      expect((await res.json()).error).toMatch(/"nope"/);
    });

    it("keeps one app's accounts from another", async () => {
      const { accounts } = await (await fx.call('GET', '/v1/accounts', undefined, 'sk_other')).json();
      expect(accounts).toEqual([]);
    });
  });
}
