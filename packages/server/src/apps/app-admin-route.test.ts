import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { adminFixture } from '../testing/admin-fixture';
import { post } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`app settings on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let fx: Awaited<ReturnType<typeof adminFixture>>;

    beforeAll(async () => {
      db = await target.open();
      fx = await adminFixture(db);
    });
    afterAll(() => db?.drop());

    const share = (body: Record<string, unknown> = {}) =>
      fx.app.request(
        '/v1/share',
        post({
          appId: 'ledgerly',
          writeKey: 'wk_test',
          identity: { deviceId: 'dev_a' },
          target: 'slack',
          milestone: 'first-invoice',
          payload: { text: 'First invoice!' },
          ...body,
        }),
      );

    it('shows the app without its secret', async () => {
      const body = await (await fx.call('GET', '/v1/admin/app')).json();
      expect(body).toMatchObject({
        id: 'ledgerly',
        writeKey: 'wk_test',
        origins: ['https://app.ledgerly.test'],
        verifyIdentity: false,
        webhooks: { slack: false, discord: false },
      });
      expect(JSON.stringify(body)).not.toContain('sk_test');
    });

    it('refuses a share before a webhook is set', async () => {
      const res = await share();
      expect(res.status).toBe(404);
      expect((await res.json()).error).toMatch(/^target: app "ledgerly" has no slack webhook/);
    });

    it('sets origins, identity verification and webhooks, validating each', async () => {
      const bad = await fx.call('PUT', '/v1/admin/app', { origins: ['https://x.test/path'] });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/^origins\.0/);
      const notSlack = await fx.call('PUT', '/v1/admin/app', { webhooks: { slack: 'https://evil.test/hook' } });
      expect(notSlack.status).toBe(400);
      expect((await notSlack.json()).error).toMatch(/webhooks\.slack/);
      const ok = await fx.call('PUT', '/v1/admin/app', {
        origins: ['https://app.ledgerly.test', 'http://localhost:5173'],
        webhooks: { slack: 'https://hooks.slack.com/services/T/B/X' },
      });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ origins: ['https://app.ledgerly.test', 'http://localhost:5173'], webhooks: { slack: true, discord: false } });
    });
  });
}
