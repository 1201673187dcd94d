import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { adminFixture } from '../testing/admin-fixture';
import { day, post, summaries } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';

const counts = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).map(([k, n]) => [k, { n, value: 0 }]));

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`GET /v1/widgets on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const send = (userId: string, deviceId: string, days: unknown[]) =>
      fx.app.request('/v1/summaries', post(summaries({ identity: { userId, deviceId }, days })));

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db);
      // u_1 on two devices: shown the nudge on both, clicked it on one; checklist item done.
      await send('u_1', 'dev_a', [
        day('2025-03-01', 1, counts({ 'invoice.sent': 2, 'hb:nudge.invoice_sent.shown': 2, 'hb:nudge.invoice_sent.clicked': 1, 'hb:checklist.shown': 1 })),
        day('2025-03-02', 1, counts({ 'hb:checklist.customer.done': 1, 'hb:exp.cadence.daily': 1 })),
      ]);
      await send('u_1', 'dev_b', [day('2025-03-02', 1, counts({ 'hb:nudge.invoice_sent.shown': 1 }))]);
      // u_2: shown and dismissed it; outside the range, counts that must not appear.
      await send('u_2', 'dev_c', [
        day('2025-03-02', 1, counts({ 'hb:nudge.invoice_sent.shown': 1, 'hb:nudge.invoice_sent.dismissed': 1, 'hb:checklist.shown': 2 })),
        day('2025-04-01', 1, counts({ 'hb:nudge.invoice_sent.shown': 9 })),
      ]);
    });
    afterAll(() => db?.drop());

    it('per widget and item: users reached, funnel counts and rates, by day', async () => {
      const res = await fx.call('GET', '/v1/widgets?app=ledgerly&from=2025-03-01&to=2025-03-31');
      expect(res.status).toBe(200);
      const body = await res.json();
      expect([body.app, body.from, body.to]).toEqual(['ledgerly', '2025-03-01', '2025-03-31']);
      const nudges = body.widgets.find((w: { widget: string }) => w.widget === 'nudges');
      expect(nudges).toMatchObject({ surface: 'nudge', usersReached: 2, shown: 4, clicked: 1, completed: 0, dismissed: 1 });
      expect(nudges.users).toEqual({ shown: 2, clicked: 1, completed: 0, dismissed: 1 });
      expect(nudges.rates).toEqual({ clicked: 0.5, completed: 0, dismissed: 0.5 });
      expect(nudges.items).toEqual([expect.objectContaining({ item: 'invoice_sent', usersReached: 2, shown: 4, clicked: 1, dismissed: 1 })]);
      expect(nudges.days.map((d: { day: string; shown: number; usersReached: number }) => [d.day, d.shown, d.usersReached])).toEqual([
        ['2025-03-01', 2, 1],
        ['2025-03-02', 2, 2],
      ]);
      const checklist = body.widgets.find((w: { widget: string }) => w.widget === 'checklist');
      expect(checklist).toMatchObject({ usersReached: 2, shown: 3, completed: 1, users: { shown: 2, completed: 1, clicked: 0, dismissed: 0 } });
      expect(checklist.items).toEqual([expect.objectContaining({ item: 'customer', completed: 1, usersReached: 1 })]);
      // Experiments' arms are the experiments report's, not a widget.
      expect(body.widgets.map((w: { widget: string }) => w.widget).sort()).toEqual(['checklist', 'nudges']);
    });

    it('defaults to the last 28 days, and answers 400 naming a bad parameter', async () => {
      const recent = await (await fx.call('GET', '/v1/widgets')).json();
      expect(recent.widgets).toEqual([]);
      for (const [query, message] of [
        ['from=2025-3-1', /^from must be a calendar date YYYY-MM-DD/],
        ['to=2025-02-30', /^to must be a calendar date/],
        ['from=2025-03-02&to=2025-03-01', /^from \(2025-03-02\) must not be after to/],
        ['from=2020-01-01&to=2025-01-01', /ask for at most 400/],
      ] as const) {
        const res = await fx.call('GET', `/v1/widgets?${query}`);
        expect(res.status, query).toBe(400);
        expect((await res.json()).error).toMatch(message);
      }
      expect((await fx.call('GET', '/v1/widgets', undefined, '')).status).toBe(401);
    });
  });
}
