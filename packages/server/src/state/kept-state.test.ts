import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@habitual/core';
import type { Db } from '../db/database';
import { createCollector } from '../create-collector';
import { adminFixture, ADMIN } from '../testing/admin-fixture';
import { day, post, summaries } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';
import { computeAccountState } from './compute-account-state';
import { stateHorizonDays } from './state-horizon';
import { dropOldDays } from './drop-old-days';
import { requeueConfigChanges } from './create-state-refresher';

const NOW = Date.UTC(2025, 2, 31, 12);
const DAY = 86_400_000;
const config = {
  features: { 'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' }, 'customer.created': { label: 'Add a customer', key: true } },
};
/** `n` qualified days ending `endAgo` days before 2025-03-31, one invoice each. */
const activeDays = (n: number, endAgo = 0) =>
  Array.from({ length: n }, (_, i) => day(addDays('2025-03-31', -endAgo - i), 1, { 'invoice.sent': { n: 1, value: 1 } }));

interface Item {
  account: { id: string; name: string; plan: string; pricePerMonth: number };
  score: number | null;
  band: string;
  users: number;
  trend?: { change: number | null };
  error?: string;
}

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`kept states and the accounts list on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let clock = NOW;
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const sendAs = async (userId: string, accountId: string | undefined, days: ReturnType<typeof activeDays>) => {
      const res = await fx.app.request(
        '/v1/summaries',
        post(summaries({ identity: { userId, ...(accountId ? { accountId } : {}), deviceId: `d_${userId}` }, days })),
      );
      expect(res.status).toBe(200);
    };
    const list = async (query = '') => {
      const res = await fx.call('GET', `/v1/accounts${query}`);
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as { accounts: Item[]; nextCursor: string | null };
    };
    /** Every page of a listing, following nextCursor. */
    const all = async (query: string, limit: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list(`?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.accounts.length).toBeLessThanOrEqual(limit);
        ids.push(...page.accounts.map((a) => a.account.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      return ids;
    };

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db, { now: () => clock });
      await fx.call('PUT', '/v1/admin/config', { config });
      // Twelve accounts of varied size, activity, names, plans and prices.
      for (let i = 0; i < 12; i++) {
        const id = `acct_${String(i).padStart(2, '0')}`;
        for (let u = 0; u <= i % 3; u++) await sendAs(`u_${i}_${u}`, id, activeDays(2 + ((i * 7 + u) % 20), i % 4 === 0 ? 10 : 0));
        if (i % 2 === 0) {
          const res = await fx.call(
            'PUT',
            `/v1/accounts/${id}`,
            { name: i % 4 ? `Zeta ${i}` : `Acme ${i}`, plan: i % 3 ? 'team' : 'solo', pricePerMonth: 10 * i, paidSeats: 3 },
            'sk_test',
          );
          expect(res.status).toBe(200);
        }
      }
      await sendAs('u_lone', undefined, activeDays(3));
      await fx.states.settle();
    });
    afterAll(() => db?.drop());

    it('pages through every account exactly once with each sort and order, in that order', async () => {
      const everything = (await list('?limit=500')).accounts;
      expect(everything).toHaveLength(12);
      const key: Record<string, (a: Item) => number | string> = {
        score: (a) => a.score ?? -1,
        trend: (a) => a.trend?.change ?? -1e9,
        name: (a) => (a.account.name || a.account.id).toLowerCase(),
        mrr: (a) => a.account.pricePerMonth,
        users: (a) => a.users,
      };
      for (const [sort, of] of Object.entries(key)) {
        for (const order of ['asc', 'desc']) {
          const expected = [...everything]
            .sort((a, b) => {
              const x = of(a);
              const y = of(b);
              const c = x < y ? -1 : x > y ? 1 : a.account.id < b.account.id ? -1 : 1;
              return order === 'asc' ? c : -c;
            })
            .map((a) => a.account.id);
          expect(await all(`&sort=${sort}&order=${order}`, 5), `${sort} ${order}`).toEqual(expected);
        }
      }
      const updated = await all('&sort=updated', 4);
      expect(new Set(updated).size).toBe(12);
    });

    it('opens on the accounts most at risk (lowest score first) with a page of 50 by default', async () => {
      const { accounts, nextCursor } = await list();
      expect(nextCursor).toBeNull();
      const scores = accounts.map((a) => a.score!);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
    });

    it('searches name and id, and filters by band and plan', async () => {
      expect((await list('?q=acme')).accounts.map((a) => a.account.id).sort()).toEqual(['acct_00', 'acct_04', 'acct_08']);
      expect((await list('?q=CT_1')).accounts.map((a) => a.account.id).sort()).toEqual(['acct_10', 'acct_11']);
      expect((await list('?q=%25')).accounts).toEqual([]);
      const solo = (await list('?plan=solo')).accounts;
      expect(solo.map((a) => a.account.id).sort()).toEqual(['acct_00', 'acct_06']);
      for (const band of ['red', 'yellow', 'green']) for (const a of (await list(`?band=${band}`)).accounts) expect(a.band).toBe(band);
      const banded = (await Promise.all(['red', 'yellow', 'green'].map(async (b) => (await list(`?band=${b}`)).accounts.length))).reduce((a, b) => a + b);
      expect(banded).toBe(12);
    });

    it.each([
      ['?limit=0', /^limit/],
      ['?limit=501', /^limit/],
      ['?limit=ten', /^limit/],
      ['?sort=height', /^sort/],
      ['?order=up', /^order/],
      ['?band=blue', /^band/],
      [`?q=${'x'.repeat(201)}`, /^q /],
      [`?plan=${'x'.repeat(101)}`, /^plan/],
      ['?cursor=nonsense', /^cursor/],
    ])('answers 400 naming the parameter for %s', async (query, message) => {
      const res = await fx.call('GET', `/v1/accounts${query}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(message);
    });

    it('refuses a cursor of another sort', async () => {
      const { nextCursor } = await list('?limit=2&sort=mrr');
      const res = await fx.call('GET', `/v1/accounts?limit=2&sort=score&cursor=${nextCursor}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/^cursor/);
    });

    it("keeps each user's state and the account-less user's too", async () => {
      const rows = await db.query<{ user_id: string; account_id: string | null; stage: string; l28: number }>(
        'SELECT user_id, account_id, stage, l28 FROM user_states WHERE app_id = $1',
        ['ledgerly'],
      );
      expect(rows.length).toBe((1 + 2 + 3) * 4 + 1);
      expect(rows.find((r) => r.user_id === 'u_lone')).toMatchObject({ account_id: null, l28: 3 });
      const { usersDetail } = await (await fx.call('GET', '/v1/accounts/acct_02/scorecard')).json();
      expect(usersDetail.map((u: { id: string }) => u.id)).toEqual(['u_2_0', 'u_2_1', 'u_2_2']);
    });

    it('shows one account with a bad stored time zone in an error state and still lists the rest', async () => {
      // As data stored before zones were checked at ingest would be.
      await db.query(`INSERT INTO users (app_id, id, account_id, tz) VALUES ('ledgerly', 'u_bad', 'broken', 'Not/AZone')`);
      await db.query(
        `INSERT INTO day_rollups (app_id, user_id, device_id, day, tz, rev, active_ms, features, firsts)
         VALUES ('ledgerly', 'u_bad', 'd_bad', '2025-03-30', 'Not/AZone', 1, 600000, '{"invoice.sent":{"n":1,"value":1}}', '{}')`,
      );
      await sendAs('u_good', 'broken', activeDays(5));
      await fx.states.settle();
      const { accounts } = await list('?limit=500');
      expect(accounts).toHaveLength(13);
      const broken = accounts.find((a) => a.account.id === 'broken')!;
      expect(broken).toMatchObject({ band: 'error', score: null, users: 2 });
      expect(broken.error).toMatch(/u_bad.*Not\/AZone/);
      expect(accounts.filter((a) => a.band === 'error')).toHaveLength(1);
      expect((await list('?band=error')).accounts.map((a) => a.account.id)).toEqual(['broken']);
      const card = await fx.call('GET', '/v1/accounts/broken/scorecard');
      expect(card.status).toBe(200);
      const body = await card.json();
      expect(body.error).toMatch(/Not\/AZone/);
      expect(body.usersDetail.find((u: { id: string }) => u.id === 'u_good').stage).toBeDefined();
      expect(body.usersDetail.find((u: { id: string }) => u.id === 'u_bad').error).toMatch(/Not\/AZone/);
    });

    it('moves a user to at_risk by silence in the scheduled pass, and stops revisiting once nothing can change', async () => {
      await sendAs('u_quiet', 'quiet', activeDays(28));
      await fx.states.settle();
      const stageOf = async () => (await (await fx.call('GET', '/v1/accounts/quiet/scorecard')).json()).usersDetail[0].stage;
      expect(['engaged', 'power']).toContain(await stageOf());
      const due = async () =>
        (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM state_queue WHERE account_id = 'quiet' AND due_at > '-infinity'"))[0].n;
      expect(await due()).toBe(1);
      // A week and a day of silence: no new data, only the clock moves.
      clock = NOW + 8 * DAY;
      await fx.states.settle();
      expect(await stageOf()).toBe('at_risk');
      clock = NOW + 31 * DAY;
      await fx.states.settle();
      expect(await stageOf()).toBe('dormant');
      // Past the longest window nothing can change by silence: the account leaves the queue.
      clock = NOW + (stateHorizonDays(config) + 2) * DAY;
      await fx.states.settle();
      expect(await due()).toBe(0);
      clock = NOW;
    });

    it('reads the list and scorecards through the read pool when there is one', async () => {
      let reads = 0;
      const readDb: Db = { ...db, query: <T>(sql: string, params?: unknown[]) => (reads++, db.query<T>(sql, params)) };
      const { app } = createCollector({ db, readDb, now: () => clock });
      const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${ADMIN}` } });
      expect((await get('/v1/accounts?limit=5')).status).toBe(200);
      expect(reads).toBe(1);
      expect((await get('/v1/accounts/acct_01/scorecard')).status).toBe(200);
      expect(reads).toBe(3);
    });

    it('reads one page in the same queries however many accounts there are', async () => {
      let queries = 0;
      const counting: Db = { ...db, query: <T>(sql: string, params?: unknown[]) => (queries++, db.query<T>(sql, params)) };
      const { app } = createCollector({ db: counting, now: () => clock });
      const page = async () => {
        queries = 0;
        const res = await app.request('/v1/accounts?limit=3', { headers: { authorization: `Bearer ${ADMIN}` } });
        expect((await res.json()).accounts).toHaveLength(3);
        return queries;
      };
      const before = await page();
      for (let i = 0; i < 5; i++) await sendAs(`u_more_${i}`, `more_${i}`, activeDays(3));
      await fx.states.settle();
      expect(await page()).toBe(before);
    });
  });
}

describe('state horizon', () => {
  it('changes nothing kept by silence past the horizon', () => {
    const horizon = stateHorizonDays(config);
    const users = [{ id: 'u', tz: 'Europe/Helsinki', perDevice: [{ deviceId: 'd', days: activeDays(40) }] }];
    const account = { id: 'a', name: '', plan: '', pricePerMonth: 10, paidSeats: 2, updatedAt: '' };
    const at = (days: number) => {
      const s = computeAccountState(account, users, config, NOW + days * DAY, horizon);
      return { ...s, dueAt: null, card: { ...s.card, trend: { ...s.card!.trend, days: [] } } };
    };
    expect(at(horizon)).toEqual(at(horizon + 200));
    expect(at(horizon - 40)).not.toEqual(at(horizon));
    expect(computeAccountState(account, users, config, NOW + (horizon - 1) * DAY, horizon).dueAt).not.toBeNull();
    expect(computeAccountState(account, users, config, NOW + (horizon + 1) * DAY, horizon).dueAt).toBeNull();
  });
});

for (const target of testDatabases()) {
  describe.skipIf(!!target.skip)(`retention job on ${target.name}`, () => {
    it('drops days past 400 once a day, keeps the rest, and queues the accounts it touched', async () => {
      const db = await target.open();
      try {
        const fx = await adminFixture(db, { now: () => NOW });
        const send = (days: ReturnType<typeof activeDays>) =>
          fx.app.request('/v1/summaries', post(summaries({ identity: { userId: 'u_old', accountId: 'old', deviceId: 'd_old' }, days })));
        expect((await send([...activeDays(3), ...activeDays(3, 420)])).status).toBe(200);
        await fx.states.settle();
        expect(await dropOldDays(db, { now: NOW })).toBe(3);
        expect((await db.query<{ day: string }>('SELECT day FROM day_rollups ORDER BY day')).map((r) => r.day)).toEqual(
          activeDays(3)
            .map((d) => d.day)
            .sort(),
        );
        expect(await db.query("SELECT account_id FROM state_queue WHERE due_at = '-infinity'")).toEqual([{ account_id: 'old' }]);
        expect((await send(activeDays(2, 430))).status).toBe(200);
        // Once a day, however many collectors run it.
        expect(await dropOldDays(db, { now: NOW + 3_600_000 })).toBe(0);
        expect(await dropOldDays(db, { now: NOW + DAY })).toBe(2);
      } finally {
        await db.drop();
      }
    });
  });
}

for (const target of testDatabases()) {
  describe.skipIf(!!target.skip)(`state after forget-me and a new config on ${target.name}`, () => {
    it('drops a forgotten user from their account and recomputes every state under a new config', async () => {
      const db = await target.open();
      try {
        const fx = await adminFixture(db, { now: () => NOW });
        await fx.call('PUT', '/v1/admin/config', { config });
        for (const u of ['u_a', 'u_b'])
          await fx.app.request('/v1/summaries', post(summaries({ identity: { userId: u, accountId: 'team', deviceId: `d_${u}` }, days: activeDays(10) })));
        await fx.states.settle();
        const card = async () => (await fx.call('GET', '/v1/accounts/team/scorecard')).json();
        expect((await card()).users).toBe(2);
        expect((await fx.call('DELETE', '/v1/users/u_b')).status).toBe(200);
        await fx.states.settle();
        expect((await card()).usersDetail.map((u: { id: string }) => u.id)).toEqual(['u_a']);
        // A new engaged bar: the kept depth follows the config once its states are requeued.
        const before = (await card()).depth.bar;
        await fx.call('PUT', '/v1/admin/config', { config: { ...config, engagement: { engagedL28: 3 } } });
        await requeueConfigChanges(db);
        await fx.states.settle();
        expect(before).toBe(8);
        expect((await card()).depth.bar).toBe(3);
      } finally {
        await db.drop();
      }
    });
  });
}
