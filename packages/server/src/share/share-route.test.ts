import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveApp } from '../apps/app-store';
import { saveConfig } from '../config/config-store';
import { createCollector } from '../create-collector';
import type { Db } from '../db/database';
import { identityHash } from '../http/identity';
import { post } from '../testing/fixtures';
import { announceSkip, testDatabases } from '../testing/test-databases';

/** A local webhook receiver: records what arrives; `/slow` never answers, `/moved` redirects. */
// biome-ignore lint/suspicious/noExplicitAny: webhook bodies are asserted on field by field
type Hit = { path: string; body: any };
function receiver(): Promise<{ server: Server; url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', body: text ? JSON.parse(text) : undefined });
      if (req.url === '/slow') return; // never answers
      if (req.url === '/moved') return res.writeHead(302, { location: '/hook' }).end();
      if (req.url === '/broken') return res.writeHead(500).end('no');
      res.writeHead(200).end('ok');
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits })));
}

for (const target of testDatabases()) {
  announceSkip(target);
  describe.skipIf(!!target.skip)(`POST /v1/share on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    let hook: Awaited<ReturnType<typeof receiver>>;
    let app: ReturnType<typeof createCollector>['app'];
    const signed = (userId: string, deviceId = 'dev_a') => ({
      userId,
      accountId: 'acme',
      deviceId,
      hash: identityHash({ userId, accountId: 'acme' }, 'sk_test'),
    });
    const share = (body: Record<string, unknown> = {}) =>
      app.request('/v1/share', post({ appId: 'ledgerly', writeKey: 'wk_test', identity: signed('u_1'), target: 'slack', milestone: 'first-invoice', ...body }));
    const webhook = (path: string) => saveApp(db, { id: 'ledgerly', webhooks: { slack: `${hook.url}${path}`, discord: `${hook.url}${path}` } });

    beforeAll(async () => {
      db = await target.open();
      hook = await receiver();
      await saveApp(db, { id: 'ledgerly', name: 'Ledgerly', writeKey: 'wk_test', secret: 'sk_test', origins: ['https://app.ledgerly.test'] });
      await saveConfig(db, 'ledgerly', {
        milestones: [{ id: 'first-invoice', event: 'invoice.sent', count: 1, title: 'First <!channel> & @everyone invoice' }],
        features: { 'invoice.sent': { value: { one: 'invoice', other: 'invoices' } }, 'customer.created': {} },
      });
      app = createCollector({ db, shareTimeoutMs: 300, sharesPerUserPerDay: 2, sharesPerAppPerDay: 3 }).app;
    });
    afterAll(async () => {
      await new Promise((done) => hook?.server.close(done));
      hook?.server.closeAllConnections();
      await db?.drop();
    });
    beforeEach(async () => {
      hook.hits.length = 0;
      await db.exec('DELETE FROM rate_windows');
      await webhook('/hook');
    });

    it('sends the fixed Slack message, escaped and as plain text, ignoring what the page sent', async () => {
      const res = await share({ displayName: 'Ana María', payload: { text: '<!channel> click https://evil.test' } });
      expect(res.status).toBe(200);
      expect(hook.hits).toHaveLength(1);
      const { body } = hook.hits[0];
      expect(body.text).toBe('🎉 Ana María reached a milestone in Ledgerly: First &lt;!channel&gt; &amp; @everyone invoice');
      expect(body.blocks).toEqual([
        {
          type: 'section',
          text: { type: 'plain_text', text: '🎉 Ana María reached a milestone in Ledgerly: First <!channel> & @everyone invoice', emoji: true },
        },
      ]);
      expect(JSON.stringify(body)).not.toContain('evil.test');
    });

    it('sends Discord an embed with every mention disabled', async () => {
      expect((await share({ target: 'discord' })).status).toBe(200);
      expect(hook.hits[0].body).toEqual({
        allowed_mentions: { parse: [] },
        embeds: [
          {
            title: '🎉 First <!channel> & @everyone invoice',
            description: 'Someone reached a milestone in Ledgerly: First <!channel> & @everyone invoice',
            color: 0x4f46e5,
          },
        ],
      });
    });

    it('refuses a display name with markup, and an unverified identity, relaying nothing', async () => {
      const markup = await share({ displayName: '<!channel>' });
      expect(markup.status).toBe(400);
      expect((await markup.json()).error).toMatch(/^displayName/);
      const unsigned = await share({ identity: { userId: 'u_1', deviceId: 'dev_a' } });
      expect(unsigned.status).toBe(400);
      expect((await unsigned.json()).error).toMatch(/identity\.hash is required/);
      const forged = await share({ identity: { ...signed('u_1'), userId: 'u_2' } });
      expect(forged.status).toBe(403);
      expect(hook.hits).toEqual([]);
    });

    it('limits shares per verified user and per app per day, whatever device ids are sent', async () => {
      for (let i = 0; i < 2; i++) expect((await share({ identity: signed('u_1', `dev_${i}`) })).status).toBe(200);
      const third = await share({ identity: signed('u_1', 'dev_rotated') });
      expect(third.status).toBe(429);
      expect((await third.json()).error).toMatch(/A user may share 2 times a day/);
      expect((await share({ identity: signed('u_2') })).status).toBe(200);
      const overApp = await share({ identity: signed('u_3') });
      expect(overApp.status).toBe(429);
      expect((await overApp.json()).error).toMatch(/App "ledgerly" may share 3 times a day/);
      expect(hook.hits).toHaveLength(3);
    });

    it('clears share counts of days that have ended', async () => {
      await db.query("INSERT INTO rate_windows (key, window_start, count, expires_at) VALUES ('share:ledgerly:old', 0, 5, 1)");
      expect((await share()).status).toBe(200);
      expect(await db.query("SELECT key FROM rate_windows WHERE key = 'share:ledgerly:old'")).toEqual([]);
    });

    it('sends the fixed month-in-review message: numbers from the page, words from the collector', async () => {
      const review = { month: '2026-11', activeDays: 14, milestones: 1, values: { 'invoice.sent': 40, 'customer.created': 3, 'not.configured': 9 } };
      expect((await share({ milestone: undefined, review })).status).toBe(200);
      expect(hook.hits[0].body.blocks[0].text.text).toBe("📅 Someone's November 2026 in Ledgerly: 14 active days, 1 milestone reached, 40 invoices");
      expect((await share({ milestone: undefined, review: { ...review, values: { 'invoice.sent': 1 } }, target: 'discord' })).status).toBe(200);
      expect(hook.hits[1].body).toEqual({
        allowed_mentions: { parse: [] },
        embeds: [
          {
            title: '📅 Month in review: November 2026',
            description: "Someone's November 2026 in Ledgerly: 14 active days, 1 milestone reached, 1 invoice",
            color: 0x4f46e5,
          },
        ],
      });
    });

    it('refuses a review with words in it, or a share of both or neither, relaying nothing', async () => {
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [
          { milestone: undefined, review: { month: '2026-11', activeDays: '<!channel>', milestones: 0 } },
          /^review\.activeDays: review\.activeDays must be a number/,
        ],
        [{ milestone: undefined, review: { month: 'November', activeDays: 1, milestones: 0 } }, /^review\.month: review\.month must be YYYY-MM/],
        [{ milestone: undefined, review: { month: '2026-11', activeDays: 32, milestones: 0 } }, /at most 31/],
        [
          { milestone: undefined, review: { month: '2026-11', activeDays: 1, milestones: 0, values: { '<!here>': 1 } } },
          /review\.values keys must be feature names/,
        ],
        [{ review: { month: '2026-11', activeDays: 1, milestones: 0 } }, /^milestone or review is required/],
        [{ milestone: undefined }, /^milestone or review is required/],
      ];
      for (const [body, error] of cases) {
        const res = await share(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect((await res.json()).error).toMatch(error);
      }
      expect(hook.hits).toEqual([]);
    });

    it('gives up on a webhook that does not answer in time', async () => {
      await webhook('/slow');
      const started = Date.now();
      const res = await share();
      expect(res.status).toBe(502);
      expect((await res.json()).error).toMatch(/did not answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    it('never follows a redirect', async () => {
      await webhook('/moved');
      const res = await share();
      expect(res.status).toBe(502);
      expect((await res.json()).error).toMatch(/answered 302 \(a redirect, not followed\)/);
      expect(hook.hits.map((h) => h.path)).toEqual(['/moved']);
    });

    it('answers 502 when the webhook fails, and 404 before one is set', async () => {
      await webhook('/broken');
      expect((await share()).status).toBe(502);
      await saveApp(db, { id: 'ledgerly', webhooks: {} });
      const none = await share();
      expect(none.status).toBe(404);
      expect((await none.json()).error).toMatch(/^target: app "ledgerly" has no slack webhook/);
    });
  });
}
