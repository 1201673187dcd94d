import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { adminFixture } from '../testing/admin-fixture';
import { day, post, summaries } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`users on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const send = (deviceId: string, days: unknown[]) =>
      fx.app.request('/v1/summaries', post(summaries({ identity: { userId: 'u_1', accountId: 'acme', deviceId }, days })));

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db);
      await send('dev_a', [day('2025-03-01', 1, { 'invoice.sent': { n: 2, value: 2 } })]);
      await send('dev_a', [day('2025-03-01', 2, { 'invoice.sent': { n: 4, value: 4 } })]);
      await send('dev_a', [day('2025-03-01', 1, { 'invoice.sent': { n: 2, value: 2 } })]);
      await send('dev_b', [day('2025-03-01', 1, { 'invoice.sent': { n: 3, value: 3 } }), day('2025-03-02', 1)]);
    });
    afterAll(() => db?.drop());

    it("shows a user's rollups per device and merged (latest per device, summed across devices)", async () => {
      const res = await fx.call('GET', '/v1/users/u_1');
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.accountId).toBe('acme');
      expect(body.devices.map((d: { deviceId: string; days: unknown[] }) => [d.deviceId, d.days.length])).toEqual([
        ['dev_a', 1],
        ['dev_b', 2],
      ]);
      const march1 = body.merged.find((d: { day: string }) => d.day === '2025-03-01');
      expect(march1.features['invoice.sent']).toEqual({ n: 7, value: 7 });
    });

    it('needs admin rights and knows unknown users', async () => {
      expect((await fx.call('GET', '/v1/users/u_1', undefined, '')).status).toBe(401);
      expect((await fx.call('GET', '/v1/users/u_1', undefined, 'sk_other')).status).toBe(404);
      const unknown = await fx.call('GET', '/v1/users/nobody');
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error).toMatch(/^User "nobody" has sent no summaries to app "ledgerly"/);
    });

    it('forgets a user on DELETE', async () => {
      const res = await fx.call('DELETE', '/v1/users/u_1', undefined, 'sk_test');
      expect(await res.json()).toEqual({ deleted: 3 });
      expect((await fx.call('GET', '/v1/users/u_1')).status).toBe(404);
      expect(await db.query('SELECT 1 FROM day_rollups')).toEqual([]);
    });
  });
}
