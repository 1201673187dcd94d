import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { adminFixture } from '../testing/admin-fixture';
import { announceSkip, testDatabases } from '../testing/test-databases';
import { loadOutcomes } from './outcome-store';

const NOW = Date.UTC(2026, 4, 31, 12);

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`outcomes on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const outcomes = async () => loadOutcomes(db, 'ledgerly');

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db, { now: () => NOW });
    });
    afterAll(() => db?.drop());

    it('PUT /v1/accounts/:id takes status, churnedAt, renewedAt and mrr, alone or with the plan', async () => {
      let res = await fx.call('PUT', '/v1/accounts/acme', { name: 'Acme', pricePerMonth: 100, paidSeats: 4, renewedAt: '2026-01-15' }, 'sk_test');
      expect(res.status).toBe(200);
      expect((await res.json()).account).toMatchObject({ id: 'acme', pricePerMonth: 100, status: 'active', renewedAt: '2026-01-15' });
      // The billing system's churn alone keeps the plan fields; mrr is the price per month.
      res = await fx.call('PUT', '/v1/accounts/acme', { status: 'churned', churnedAt: '2026-05-02T10:00:00Z', mrr: 80 }, 'sk_test');
      expect(res.status).toBe(200);
      expect((await res.json()).account).toMatchObject({
        name: 'Acme',
        paidSeats: 4,
        pricePerMonth: 80,
        status: 'churned',
        churnedAt: '2026-05-02',
        renewedAt: '2026-01-15',
      });
      expect((await outcomes()).accounts.get('acme')).toEqual({ status: 'churned', churnedAt: '2026-05-02', renewedAt: '2026-01-15' });
      // A win-back clears the churn day; churned without a day churned today.
      await fx.call('PUT', '/v1/accounts/acme', { status: 'active' }, 'sk_test');
      expect((await outcomes()).accounts.get('acme')).toMatchObject({ status: 'active', churnedAt: null });
      await fx.call('PUT', '/v1/accounts/beta', { status: 'churned' }, 'sk_test');
      expect((await outcomes()).accounts.get('beta')).toMatchObject({ status: 'churned', churnedAt: '2026-05-31' });
    });

    it.each([
      [{ status: 'gone' }, /^status: status must be 'active' or 'churned'/],
      [{ status: 'churned', churnedAt: '2026-02-30' }, /^churnedAt: churnedAt must be a real date/],
      [{ churnedAt: 20260501 }, /^churnedAt: churnedAt must be a date string/],
      [{ status: 'active', churnedAt: '2026-05-01' }, /^churnedAt must be empty when status is 'active'/],
      [{ status: 'churned', churnedAt: '2026-07-01' }, /^churnedAt 2026-07-01 is in the future/],
      [{ mrr: -5 }, /^mrr: mrr must be 0 or more/],
      [{ pricePerMonth: 10, paidSeats: 1, mrr: 12 }, /^mrr \(12\) differs from pricePerMonth/],
      [{ name: 'Acme', status: 'churned' }, /^pricePerMonth is missing/],
    ])('refuses %j naming the field and stores nothing', async (body, message) => {
      const before = await outcomes();
      const res = await fx.call('PUT', '/v1/accounts/acme', body, 'sk_test');
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(message);
      expect(await outcomes()).toEqual(before);
    });

    it('PUT /v1/users/:id gives a user an outcome of their own', async () => {
      const res = await fx.call('PUT', '/v1/users/u_1', { status: 'churned', churnedAt: '2026-05-20', mrr: 9 }, 'sk_test');
      expect(res.status).toBe(200);
      expect((await res.json()).outcome).toEqual({ userId: 'u_1', status: 'churned', churnedAt: '2026-05-20', renewedAt: null, mrr: 9 });
      expect((await fx.call('PUT', '/v1/users/u_1', {}, 'sk_test')).status).toBe(400);
    });

    it('POST /v1/outcomes stores a CSV of outcomes, every line or none', async () => {
      const csv = 'account,status,churnedAt,mrr\nc1,churned,2026-04-01,50\n"c2",active,,70\n\n';
      let res = await fx.call('POST', '/v1/outcomes', { csv });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ stored: 2, accounts: 2, users: 0 });
      const o = await outcomes();
      expect(o.accounts.get('c1')).toMatchObject({ status: 'churned', churnedAt: '2026-04-01' });
      expect(o.accounts.get('c2')).toMatchObject({ status: 'active' });

      res = await fx.call('POST', '/v1/outcomes', { csv: 'user,status,churnedAt\nu_7,churned,2026-04-01\nu_8,churned,2026-13-01\n' });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/^csv line 3: churnedAt must be a real date/);
      expect((await outcomes()).users.has('u_7')).toBe(false);

      res = await fx.call('POST', '/v1/outcomes', { csv: 'account,plan\nc1,x\n' });
      expect((await res.json()).error).toMatch(/^csv line 1: column "plan" is not one of/);
      res = await fx.call('POST', '/v1/outcomes', { csv: 'account,user,status\n' });
      expect((await res.json()).error).toMatch(/exactly one of the columns account or user/);
    });
  });
}
