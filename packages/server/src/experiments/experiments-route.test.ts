import { addDays } from '@habitual/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveConfig } from '../config/config-store';
import type { Db } from '../db/database';
import { adminFixture } from '../testing/admin-fixture';
import { day, post, summaries } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';

const config = {
  features: { 'invoice.sent': { key: true, value: 'invoices' } },
  widgets: { reminders: { enabled: true } },
  experiments: [{ id: 'cadence', widget: 'reminders', variants: [{ id: 'daily' }, { id: 'weekly' }], holdout: 0.2 }],
};
const START = '2025-03-01';
const NOW = Date.parse('2025-05-01T12:00:00Z');

/** A user's days: the arm counted on the first, then `active` qualified days out of the 28. */
function userDays(arm: string, active: number, first = START) {
  return Array.from({ length: active }, (_, k) =>
    day(addDays(first, k * 2 < 28 ? k * 2 : k), 1, {
      'invoice.sent': { n: 1, value: 1 },
      ...(k === 0 ? { [`hb:exp.cadence.${arm}`]: { n: 1, value: 0 } } : {}),
    }),
  );
}

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`GET /v1/experiments/:id on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const send = (userId: string, days: unknown[]) => fx.app.request('/v1/summaries', post(summaries({ identity: { userId, deviceId: `d_${userId}` }, days })));

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db, { now: () => NOW });
      await saveConfig(db, 'ledgerly', config);
      // 20 a side: the holdout 6-10 qualified days in 28, "daily" four more, "weekly" the same.
      for (let i = 0; i < 20; i++) {
        await send(`h_${i}`, userDays('holdout', 6 + (i % 5)));
        await send(`d_${i}`, userDays('daily', 10 + (i % 5)));
        await send(`w_${i}`, userDays('weekly', 6 + ((i + 2) % 5)));
      }
      await send('late', userDays('daily', 3, '2025-04-20')); // its 28 days have not ended
      await send('both', [...userDays('daily', 2), ...userDays('weekly', 1, '2025-03-20')]);
    });
    afterAll(() => db?.drop());

    it('per arm: users, outcomes over 28 days, the difference to the holdout with its interval, and a verdict', async () => {
      const res = await fx.call('GET', '/v1/experiments/cadence?app=ledgerly');
      expect(res.status).toBe(200);
      const body = await res.json();
      expect([body.app, body.experiment, body.baseline, body.windowDays, body.mixedUsers]).toEqual(['ledgerly', 'cadence', 'holdout', 28, 1]);
      const arm = (id: string) => body.arms.find((a: { arm: string }) => a.arm === id);
      expect(body.arms.map((a: { arm: string }) => a.arm)).toEqual(['holdout', 'daily', 'weekly']);
      expect([arm('holdout').users, arm('holdout').measured, arm('holdout').qualifiedDays.mean]).toEqual([20, 20, 8]);
      expect([arm('daily').users, arm('daily').measured, arm('daily').qualifiedDays.mean]).toEqual([21, 20, 12]);
      expect(arm('holdout').vsBaseline).toBeUndefined();
      const daily = arm('daily').vsBaseline.qualifiedDays;
      expect(daily.diff).toBeCloseTo(4, 10);
      expect(daily.low).toBeGreaterThan(2.5);
      expect(daily.high).toBeLessThan(5.5);
      expect(daily.minimumSample).toBe(17); // 1.96² × (40/19 + 40/19) / 1² = 16.2 per arm
      expect(arm('daily').verdict).toBe('better');
      expect(arm('weekly').vsBaseline.qualifiedDays.diff).toBeCloseTo(0, 10);
      expect(arm('weekly').verdict).toBe('no detectable effect');
      // Active every other day: users with 12 days or more still use it in their window's last week.
      expect(arm('daily').activeAtDay28).toEqual({ k: 12, n: 20, share: 0.6 });
      expect(arm('holdout').activeAtDay28).toEqual({ k: 0, n: 20, share: 0 });
      const active = arm('daily').vsBaseline.activeAtDay28;
      expect(active.diff).toBeCloseTo(0.6, 10);
      expect(active.low).toBeGreaterThan(0.3);
      // An interval that already excludes zero is still no verdict before the minimum sample.
      expect(active.verdict).toBe('not enough users yet');
      expect(active.minimumSample).toBeGreaterThan(20);
      expect(arm('daily').activated).toEqual({ k: 20, n: 20, share: 1 });
    });

    it('answers 404 for an experiment nobody is in, 400 for a bad id, 401 without rights; forget-me forgets the arm', async () => {
      const none = await fx.call('GET', '/v1/experiments/nope');
      expect(none.status).toBe(404);
      expect((await none.json()).error).toMatch(/^Experiment "nope" is neither in app "ledgerly"'s config nor counted/);
      expect((await fx.call('GET', '/v1/experiments/a%20b')).status).toBe(400);
      expect((await fx.call('GET', '/v1/experiments/cadence', undefined, '')).status).toBe(401);
      await fx.call('DELETE', '/v1/users/late', undefined, 'sk_test');
      const body = await (await fx.call('GET', '/v1/experiments/cadence')).json();
      expect(body.arms.find((a: { arm: string }) => a.arm === 'daily').users).toBe(20);
    });
  });
}
