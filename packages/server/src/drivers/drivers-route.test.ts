import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeState, dayIndex, type HabitualConfig } from '@habitual/core';
import { churnWorld } from '@habitual/core/sim';
import type { Db } from '../db/database';
import { requeueConfigChanges } from '../state/create-state-refresher';
import { adminFixture } from '../testing/admin-fixture';
import { seedChurnWorld } from '../testing/seed-churn-world';
import { announceSkip, testDatabases } from '../testing/test-databases';

const world = churnWorld({ users: 320, seed: 5, days: 200 });
const NOW = dayIndex(world.today) * 86_400_000 + 12 * 3_600_000;

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`GET /v1/drivers on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db, { now: () => NOW });
      await seedChurnWorld(fx, world);
    }, 240_000);
    afterAll(() => db?.drop());

    it('outcomes + summaries in, drivers out, the weights published, the device scores as the collector does', async () => {
      const res = await fx.call('GET', '/v1/drivers?horizonDays=30');
      expect(res.status).toBe(200);
      const report = await res.json();
      expect(report.refused).toBeUndefined();
      expect(report).toMatchObject({ app: 'ledgerly', horizonDays: 30, labels: 'recorded' });
      expect(report.sizes.churned.users).toBeGreaterThanOrEqual(30);
      expect(report.model.auc.test).toBeGreaterThan(0.6);
      expect(report.model.calibration.length).toBe(10);
      // Every configured feature, ranked by effect, with users, retention and an interval.
      expect(report.features.map((f: { name: string }) => f.name).sort()).toEqual(Object.keys(world.config.features!).sort());
      const effects = report.features.map((f: { effect: { value: number } }) => Math.abs(f.effect.value));
      expect(effects).toEqual([...effects].sort((a, b) => b - a));
      const invoices = report.features.find((f: { name: string }) => f.name === 'invoice.sent');
      expect(invoices.users).toBeGreaterThan(0);
      expect(invoices.retention.users.ci[0]).toBeLessThanOrEqual(invoices.retention.users.rate);
      expect(invoices.weight).toBeGreaterThan(0);
      // The population's percentiles, 0 to 100 in steps of 5, lowest first (the default score's
      // normalisers before any outcome), and the model's own for the drivers measure.
      expect(report.percentiles.frequency).toHaveLength(21);
      expect(report.percentiles.frequency).toEqual([...report.percentiles.frequency].sort((a: number, b: number) => a - b));
      expect(report.suggested.engagement.percentiles.drivers).toHaveLength(21);
      expect(report.suggested.engagement.drivers.weights['teammate.removed']).toBeLessThan(0);

      // "Use these weights": the suggested engagement settings, published as a config version.
      const { config, version } = await (await fx.call('GET', '/v1/admin/config')).json();
      const published: HabitualConfig = { ...config, engagement: { ...config.engagement, ...report.suggested.engagement } };
      const saved = await fx.call('PUT', '/v1/admin/config', { config: published, note: 'Drivers: learned weights', baseVersion: version });
      expect(saved.status).toBe(200);
      expect((await saved.json()).version).toBe(version + 1);
      // What the refresher's scheduled pass does after a config change (after the pass already
      // running, which may have read the old config for accounts it had never computed).
      await fx.states.settle();
      await requeueConfigChanges(db);
      await fx.states.settle();

      // The collector's kept user scores under the published config are the device's.
      let compared = 0;
      for (const u of world.users.filter((x) => !x.churnedOn).slice(0, 12)) {
        const card = await (await fx.call('GET', `/v1/accounts/${u.accountId}/scorecard`)).json();
        const kept = card.usersDetail.find((d: { id: string }) => d.id === u.id);
        const device = computeState(u.rollups, published, NOW, 'UTC');
        expect(device.parts.find((p) => p.measure === 'drivers')?.value).not.toBeNull();
        expect(kept.score).toBe(Math.round(device.score));
        // The account scorecard counts the learned model too (its users' mean drivers measure).
        expect(card.parts.find((p: { id: string }) => p.id === 'drivers').value).not.toBeNull();
        compared++;
      }
      expect(compared).toBe(12);

      // Like any other version, it rolls back.
      expect((await fx.call('POST', '/v1/admin/config/rollback', { version })).status).toBe(200);
    });

    it('refuses when too few churned, saying why', async () => {
      const res = await fx.call('GET', '/v1/drivers?app=other');
      expect(res.status).toBe(200);
      const report = await res.json();
      expect(report.refused).toMatch(/needs at least 30/);
      expect(report.model).toBeUndefined();
    });

    it('names a bad horizonDays and a bad inferChurnDays', async () => {
      const res = await fx.call('GET', '/v1/drivers?horizonDays=3');
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/^horizonDays query parameter must be/);
      const bad = await fx.call('PUT', '/v1/drivers/settings', { inferChurnDays: -1 });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/^inferChurnDays: inferChurnDays must be 0/);
      expect((await fx.call('PUT', '/v1/drivers/settings', { inferChurnDays: 21 })).status).toBe(200);
      expect(await (await fx.call('GET', '/v1/drivers/settings')).json()).toEqual({ inferChurnDays: 21 });
    });
  });
}
