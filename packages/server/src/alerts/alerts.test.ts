import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '@habitual/core';
import { saveApp } from '../apps/app-store';
import type { Db } from '../db/database';
import { adminFixture } from '../testing/admin-fixture';
import { day, post, summaries } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';
import { queueAlerts } from './queue-alerts';
import { sendDigests } from './send-digests';

const NOW = Date.UTC(2025, 2, 31, 9);
const DAY = 86_400_000;
const config = {
  features: { 'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' }, 'customer.created': { label: 'Add a customer', key: true } },
};

/** A local webhook receiver: records every POST with its headers; answers `status` (200 by default). */
// biome-ignore lint/suspicious/noExplicitAny: webhook bodies are asserted on field by field
type Hit = { path: string; headers: Record<string, string | string[] | undefined>; raw: string; body: any };
function sink(): Promise<{ server: Server; url: string; hits: Hit[]; status: { code: number } }> {
  const hits: Hit[] = [];
  const status = { code: 200 };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, raw, body: raw ? JSON.parse(raw) : undefined });
      res.writeHead(status.code).end();
    });
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, status })),
  );
}

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`alerts on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let hook: Awaited<ReturnType<typeof sink>>;
    let clock = NOW;
    let fx: Awaited<ReturnType<typeof adminFixture>>;
    const settings = (over: Record<string, unknown> = {}) => ({
      target: 'webhook',
      webhookUrl: `${hook.url}/hook`,
      enteredRed: true,
      dropped: true,
      keyUserDormant: true,
      digest: { enabled: true, hourUtc: 8 },
      ...over,
    });

    beforeAll(async () => {
      db = await target.open();
      hook = await sink();
      fx = await adminFixture(db, { now: () => clock, shareTimeoutMs: 500 });
      await fx.call('PUT', '/v1/admin/config', { config });
    });
    afterAll(async () => {
      hook?.server.closeAllConnections();
      await new Promise((done) => hook?.server.close(done));
      await db?.drop();
    });
    beforeEach(() => {
      hook.hits.length = 0;
      hook.status.code = 200;
    });

    it('refuses bad settings naming the field, and a Slack target without a Slack webhook', async () => {
      const plain = await fx.call('PUT', '/v1/admin/alerts', settings({ webhookUrl: 'http://hooks.example.com/x' }));
      expect(plain.status).toBe(400);
      expect((await plain.json()).error).toMatch(/webhookUrl must be https \(plain http only for localhost\)/);
      const hour = await fx.call('PUT', '/v1/admin/alerts', settings({ digest: { enabled: true, hourUtc: 24 } }));
      expect((await hour.json()).error).toMatch(/digest\.hourUtc must be 0-23/);
      const slack = await fx.call('PUT', '/v1/admin/alerts', settings({ target: 'slack' }));
      expect(slack.status).toBe(400);
      expect((await slack.json()).error).toMatch(/has no slack webhook yet/);
      expect((await fx.call('PUT', '/v1/admin/alerts', settings())).status).toBe(200);
      expect((await (await fx.call('GET', '/v1/admin/alerts')).json()).settings).toEqual(settings());
    });

    it('sends a signed test message to the generic webhook', async () => {
      expect((await fx.call('POST', '/v1/admin/alerts/test')).status).toBe(200);
      expect(hook.hits).toHaveLength(1);
      const [hit] = hook.hits;
      expect(hit.headers['x-habitual-event']).toBe('test');
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hit.headers['x-habitual-signature']))!;
      expect(Number(t)).toBe(Math.floor(clock / 1000));
      expect(v1).toBe(createHmac('sha256', 'sk_test').update(`${t}.${hit.raw}`).digest('hex'));
      expect(hit.body).toMatchObject({ type: 'test', app: 'ledgerly', title: 'Test alert from ledgerly' });
    });

    it('alerts once when an account enters red and its key user goes dormant, retrying a webhook that failed', async () => {
      const days = Array.from({ length: 28 }, (_, i) =>
        day(addDays('2025-03-31', -i), 1, { 'invoice.sent': { n: 1, value: 1 }, 'customer.created': { n: 1, value: 0 } }),
      );
      const res = await fx.app.request('/v1/summaries', post(summaries({ identity: { userId: 'u_1', accountId: 'acme', deviceId: 'd_1' }, days })));
      expect(res.status).toBe(200);
      await fx.states.settle();
      const before = await (await fx.call('GET', '/v1/accounts/acme/scorecard')).json();
      expect(before.band).not.toBe('red');
      expect(hook.hits).toEqual([]);

      // Five weeks of silence: the webhook is down when the refresher decides the alerts.
      hook.status.code = 500;
      clock = NOW + 35 * DAY;
      await db.query("UPDATE state_queue SET due_at = '-infinity'");
      await fx.states.settle();
      expect((await (await fx.call('GET', '/v1/accounts/acme/scorecard')).json()).band).toBe('red');
      expect(hook.hits.map((h) => h.headers['x-habitual-event']).sort()).toEqual(['alert.entered_red', 'alert.user_dormant']);
      const failed = (await (await fx.call('GET', '/v1/admin/alerts')).json()).recent;
      expect(failed.map((r: { sentAt: string | null; error: string }) => [r.sentAt, r.error])).toEqual([
        [null, 'The webhook webhook answered 500.'],
        [null, 'The webhook webhook answered 500.'],
      ]);

      // Back up: the next pass after the backoff sends each exactly once, signed.
      hook.hits.length = 0;
      hook.status.code = 200;
      clock += 2 * 60_000;
      await fx.states.settle();
      await fx.states.settle();
      const byType = Object.fromEntries(hook.hits.map((h) => [h.headers['x-habitual-event'], h.body]));
      expect(hook.hits).toHaveLength(2);
      expect(byType['alert.entered_red']).toMatchObject({ title: 'acme is now red', data: { kind: 'entered_red', account: { id: 'acme' }, score: 0 } });
      expect(byType['alert.user_dormant'].text).toMatch(/^u_1 \(acme\) was (engaged|a power user|at risk) and has not really used ledgerly for 30 days\.$/);
      const sent = (await (await fx.call('GET', '/v1/admin/alerts')).json()).recent;
      expect(sent.every((r: { sentAt: string | null; attempts: number }) => r.sentAt && r.attempts === 2)).toBe(true);
      // Recomputing the same day alerts nothing new.
      await db.query("UPDATE state_queue SET due_at = '-infinity'");
      await fx.states.settle();
      expect(hook.hits).toHaveLength(2);
    });

    it('decides each kind by its rule: red only from yellow or green, a drop only when newly 15 below the best of 7 days, dormant only for key users', async () => {
      const moves = {
        accounts: [
          { accountId: 'a1', name: 'From yellow', fromBand: 'yellow', toBand: 'red', fromScore: 55, toScore: 45 },
          { accountId: 'a2', name: 'No data before', fromBand: 'none', toBand: 'red', fromScore: null, toScore: 20 },
          { accountId: 'a3', name: 'Already red', fromBand: 'red', toBand: 'red', fromScore: 40, toScore: 30 },
          { accountId: 'a4', name: 'Dropping', fromBand: 'green', toBand: 'yellow', fromScore: 80, toScore: 64, best7: 80 },
          { accountId: 'a5', name: 'Dropped before', fromBand: 'yellow', toBand: 'yellow', fromScore: 64, toScore: 60, best7: 80 },
        ],
        users: [
          { userId: 'v1', accountId: 'a1', from: 'power' as const, to: 'dormant' as const },
          { userId: 'v2', accountId: 'a1', from: 'new' as const, to: 'dormant' as const },
        ],
      };
      const day = NOW + 100 * DAY;
      expect(await queueAlerts(db, 'ledgerly', moves, day)).toBe(3);
      const keys = await db.query<{ key: string }>('SELECT key FROM alert_outbox WHERE created_at = to_timestamp($1::float8 / 1000) ORDER BY key', [day]);
      expect(keys.map((k) => k.key)).toEqual(['entered_red:a1:2025-07-09', 'score_dropped:a4:2025-07-09', 'user_dormant:v1:2025-07-09']);
      expect(await queueAlerts(db, 'ledgerly', moves, day + 60_000)).toBe(0);
      await fx.call('PUT', '/v1/admin/alerts', settings({ target: 'off' }));
      expect(await queueAlerts(db, 'ledgerly', moves, day + 2 * DAY)).toBe(0);
      await fx.call('PUT', '/v1/admin/alerts', settings());
      await db.query('DELETE FROM alert_outbox');
    });

    it('sends the morning digest of changed accounts once a day, from its hour, to Slack in its format', async () => {
      await saveApp(db, { id: 'ledgerly', name: 'Ledgerly', webhooks: { slack: `${hook.url}/slack` } });
      expect((await fx.call('PUT', '/v1/admin/alerts', settings({ target: 'slack' }))).status).toBe(200);
      const at = Date.UTC(2025, 8, 10, 7, 30);
      await db.query(
        `INSERT INTO account_scores (app_id, account_id, day, score, band, users, computed_at) VALUES
         ('ledgerly', 'fall', '2025-09-08', 80, 'green', 3, now()), ('ledgerly', 'fall', '2025-09-09', 40, 'red', 3, now()),
         ('ledgerly', 'flat', '2025-09-08', 70, 'yellow', 2, now()), ('ledgerly', 'flat', '2025-09-09', 72, 'yellow', 2, now())`,
      );
      const deps = { fetch: globalThis.fetch, timeoutMs: 1_000 };
      expect(await sendDigests(db, { ...deps, now: at })).toBe(0);
      expect(await sendDigests(db, { ...deps, now: at + 3_600_000 })).toBe(1);
      expect(await sendDigests(db, { ...deps, now: at + 7_200_000 })).toBe(0);
      expect(hook.hits).toHaveLength(1);
      expect(hook.hits[0].path).toBe('/slack');
      expect(hook.hits[0].body.blocks[0].text).toEqual({
        type: 'plain_text',
        text: 'Ledgerly: 1 account changed on 2025-09-09\nfall: 80 (green) → 40 (red)',
        emoji: true,
      });
    });
  });
}
