// End to end in Chromium: the built SDK in a page on one origin, the built collector's
// routes on another, driven by Playwright from Node (the collector has to stop and start).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash, startServer, type RunningServer } from '@habitual/server';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'packages/sdk/dist');
const missing = [join(dist, 'habitual.js'), join(root, 'packages/server/dist/admin.js'), chromiumPath].filter((f) => !existsSync(f));
if (missing.length) console.warn(`[sync e2e] skipped: ${missing.join(', ')} missing (run \`npm run build\`; Chromium at ${chromiumPath}).`);

const ADMIN = 'at_e2e';
const config = {
  features: {
    'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
    'customer.created': { label: 'Add a customer', key: true },
  },
  widgets: { records: { enabled: false } },
};

type Totals = Record<string, { n: number; value: number }>;
/** The page's window as these tests use it: the SDK's global and the page's error log. */
type PageWindow = Window & {
  habitual: {
    instance?: unknown;
    track(name: string, props?: { value: number }): void;
    flush(options?: { sync?: boolean }): Promise<void>;
    exportData(): Promise<{ days: Array<{ features: Totals }> }>;
  };
  __errors: string[];
};
const sum = (days: Array<{ features: Totals }>): Totals => {
  const t: Totals = {};
  for (const d of days) for (const [k, f] of Object.entries(d.features)) t[k] = { n: (t[k]?.n ?? 0) + f.n, value: (t[k]?.value ?? 0) + f.value };
  return t;
};

const SECRET = 'sk_e2e';
/** The user as the host's backend hands it to the page: user, account and expiry signed with the app secret. */
function signedUser() {
  const who = { userId: 'u_e2e', accountId: 'acme', hashExpires: Math.floor(Date.now() / 1000) + 3600 };
  return { id: who.userId, accountId: who.accountId, hashExpires: who.hashExpires, hash: identityHash(who, SECRET) };
}

/** A host app on its own origin: the snippet and init, and the SDK bundles from dist. */
function hostApp(collector: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (/^\/habitual[\w.-]*\.m?js$/.test(path) && existsSync(join(dist, path))) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      return res.end(readFileSync(join(dist, path)));
    }
    if (path !== '/') return res.writeHead(404).end();
    const snippet = readFileSync(join(dist, 'snippet.min.js'), 'utf8');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>host</title>
<script>${snippet}</script>
<script>
  window.__errors = [];
  habitual('init', { appId: 'ledgerly', writeKey: 'wk_e2e', endpoint: ${JSON.stringify(collector())},
    user: ${JSON.stringify(signedUser())}, config: ${JSON.stringify(config)},
    onError: function (e) { window.__errors.push(e.code + ': ' + e.message); } });
</script></head><body><h1>Ledgerly</h1></body></html>`);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

describe.skipIf(missing.length > 0)('sync end to end in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'habitual-e2e-'));
  let collector: RunningServer;
  let port = 0;
  let host: Server;
  let browser: Browser;
  let context: BrowserContext;
  const start = async () => {
    collector = await startServer(
      {
        port,
        host: '127.0.0.1',
        dataDir,
        env: { HABITUAL_APP_ID: 'ledgerly', HABITUAL_WRITE_KEY: 'wk_e2e', HABITUAL_SECRET: SECRET, HABITUAL_ADMIN_TOKEN: ADMIN, HABITUAL_ORIGINS: hostUrl() },
      },
      { log: () => {} },
    );
    port = collector.port;
  };
  const hostUrl = () => `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${collector.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers } });
  const collectorTotals = async (): Promise<Totals> => {
    const res = await admin('/v1/users/u_e2e');
    return res.ok ? sum((await res.json()).merged) : {};
  };
  const deviceTotals = async (page: Page): Promise<Totals> => {
    const days = await page.evaluate(async () => (await (window as unknown as PageWindow).habitual.exportData()).days);
    return sum(days);
  };
  const openApp = async () => {
    const page = await context.newPage();
    await page.goto(`${hostUrl()}/`);
    await page.waitForFunction(() => !!(window as unknown as PageWindow).habitual?.instance);
    return page;
  };
  const track = (page: Page, name: string, times: number, value?: number) =>
    page.evaluate(
      async ([n, k, v]) => {
        const h = (window as unknown as PageWindow).habitual;
        for (let i = 0; i < (k as number); i++) h.track(n as string, v === null ? undefined : { value: v as number });
        await h.flush({ sync: true });
      },
      [name, times, value ?? null] as const,
    );
  /** Waits until the collector holds exactly what the device holds. */
  const expectSameTotals = async (page: Page) => {
    const want = await deviceTotals(page);
    await expect.poll(collectorTotals, { timeout: 20_000, interval: 250 }).toEqual(want);
    return want;
  };

  beforeAll(async () => {
    host = await hostApp(() => collector.url);
    await start();
    expect((await admin('/v1/admin/config', { method: 'PUT', body: JSON.stringify({ config }) })).status).toBe(200);
    // An app the collector creates verifies identities: every sync below is signed.
    expect((await (await admin('/v1/admin/app')).json()).verifyIdentity).toBe(true);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
    });
    context = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
    await new Promise((done) => host?.close(done));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tracks offline while the collector is stopped; after a restart the totals are exactly the device totals', async () => {
    const page = await openApp();
    await track(page, 'invoice.sent', 5, 2);
    expect(await expectSameTotals(page)).toEqual({ 'invoice.sent': { n: 5, value: 10 } });

    await context.setOffline(true);
    await collector.close();
    await track(page, 'invoice.sent', 7, 3);
    await track(page, 'customer.created', 4);
    await start();
    expect(await collectorTotals()).toEqual({ 'invoice.sent': { n: 5, value: 10 } });
    await context.setOffline(false);

    const totals = await expectSameTotals(page);
    expect(totals).toEqual({ 'invoice.sent': { n: 12, value: 31 }, 'customer.created': { n: 4, value: 0 } });
    expect(await page.evaluate(() => (window as unknown as PageWindow).__errors.filter((e) => e.startsWith('sync-rejected')))).toEqual([]);
    await page.close();
  });

  it('three tabs tracking at once make one sync stream and exact totals', async () => {
    const tabs = await Promise.all([openApp(), openApp(), openApp()]);
    const before = await deviceTotals(tabs[0]);
    let inFlight = 0;
    let most = 0;
    const sent: string[] = [];
    const onRequest = (req: import('playwright').Request) => {
      if (!req.url().endsWith('/v1/summaries')) return;
      inFlight++;
      most = Math.max(most, inFlight);
      const raw = req.postDataBuffer()!;
      const body = JSON.parse((raw[0] === 0x1f ? gunzipSync(raw) : raw).toString());
      for (const d of body.days) sent.push(`${d.day}@${d.rev}`);
    };
    const onDone = (req: import('playwright').Request) => {
      if (req.url().endsWith('/v1/summaries')) inFlight--;
    };
    context.on('request', onRequest);
    context.on('requestfinished', onDone);
    context.on('requestfailed', onDone);
    for (let round = 0; round < 6; round++) {
      await Promise.all(tabs.map((tab, i) => track(tab, i === 0 ? 'invoice.sent' : 'customer.created', 5, i === 0 ? 1 : undefined)));
    }
    const totals = await expectSameTotals(tabs[0]);
    expect(totals['invoice.sent'].n - (before['invoice.sent']?.n ?? 0)).toBe(30);
    expect(totals['customer.created'].n - (before['customer.created']?.n ?? 0)).toBe(60);
    context.off('request', onRequest);
    context.off('requestfinished', onDone);
    context.off('requestfailed', onDone);
    expect(most).toBe(1);
    // One stream: no copy of a day went out twice.
    expect(new Set(sent).size).toBe(sent.length);
    await Promise.all(tabs.map((t) => t.close()));
  });

  it('a config toggle in the dashboard shows and hides a widget in an open page without a reload', async () => {
    const page = await openApp();
    const launcher = page.locator('button.launcher');
    await expect.poll(() => launcher.count(), { timeout: 5_000 }).toBe(0);

    const dash = await context.newPage();
    await dash.goto(`${collector.url}/admin`);
    await dash.fill('input[name=token]', ADMIN);
    await dash.click('button[type=submit]');
    await dash.waitForSelector('nav');
    await dash.goto(`${collector.url}/admin#/config`);
    const toggle = dash.locator('[data-testid=toggle-records]');
    const flip = async () => {
      await toggle.click();
      await dash.click('[data-testid=save]');
      // Publishing shows the diff and asks first.
      await dash.click('[data-testid=confirm-dialog] [data-testid=confirm]');
      await dash.waitForSelector('text=/Published as version/');
    };
    // The user comes back to the app's tab: it checks the config (If-None-Match) on focus.
    const backToApp = () => page.evaluate(() => window.dispatchEvent(new Event('focus')));

    await flip();
    await page.bringToFront();
    await backToApp();
    await expect.poll(() => launcher.count(), { timeout: 10_000 }).toBe(1);

    await dash.bringToFront();
    await flip();
    await page.bringToFront();
    await page.waitForTimeout(5_100); // focus checks are throttled to one per 5 s
    await backToApp();
    await expect.poll(() => launcher.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

    // The accounts the page's user belongs to, scored, and its users with their stages.
    await dash.goto(`${collector.url}/admin#/accounts`);
    const row = dash.locator('[data-testid=accounts] tbody tr', { hasText: 'acme' });
    await expect.poll(() => row.count()).toBe(1);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the rendered text), not the DOM property
    expect(await row.locator('.band').innerText()).toMatch(/^\d+\s*\((red|yellow|green)\)$/);
    await row.locator('a').click();
    const user = dash.locator('[data-testid=users] tbody tr', { hasText: 'u_e2e' });
    await expect.poll(() => user.count()).toBe(1);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, as above
    expect(await user.innerText()).toMatch(/new|activating|engaged|power|stuck/i);
  });
  it('a nudge dismissed on one device is not shown again on another (the attention record through the collector)', async () => {
    const withNudge = {
      ...config,
      features: { ...config.features, 'report.viewed': { label: 'Reports' } },
      widgets: { records: { enabled: false }, nudges: { enabled: true, items: [{ feature: 'report.viewed', target: 'h1', text: 'Try the reports' }] } },
    };
    expect((await admin('/v1/admin/config', { method: 'PUT', body: JSON.stringify({ config: withNudge }) })).status).toBe(200);
    const laptop = await openApp();
    const nudge = laptop.locator('.nudge:not([hidden])');
    await expect.poll(() => nudge.count(), { timeout: 10_000 }).toBe(1);
    await nudge.locator('button').click();
    await expect.poll(() => nudge.count()).toBe(0);
    await track(laptop, 'customer.created', 1); // stored and synced, the dismissal with it

    // Another device: its own browser profile, the same signed-in user.
    const desktopContext = await browser.newContext();
    const desktop = await desktopContext.newPage();
    const asked: unknown[] = [];
    desktop.on('request', (req) => {
      if (!req.url().endsWith('/v1/summaries')) return;
      const raw = req.postDataBuffer()!;
      asked.push(JSON.parse((raw[0] === 0x1f ? gunzipSync(raw) : raw).toString()).days);
    });
    // Watches for the nudge from the first moment: it must never appear, not even briefly.
    await desktop.addInitScript(() => {
      const w = window as unknown as { __sawNudge?: boolean };
      const look = () => {
        if (document.querySelector('habitual-widgets')?.shadowRoot?.querySelector('.nudge:not([hidden])')) w.__sawNudge = true;
        else setTimeout(look, 10);
      };
      look();
    });
    await desktop.goto(`${hostUrl()}/`);
    // With nothing of its own to send, the desktop asks for its record with an empty batch.
    await expect.poll(() => asked, { timeout: 10_000 }).toContainEqual([]);
    const record = () =>
      desktop.evaluate(async () => {
        const data = await (
          window as unknown as { habitual: { exportData(): Promise<{ profile: { widgets: Record<string, unknown> } }> } }
        ).habitual.exportData();
        return (data.profile.widgets.attention as { marks: Record<string, { dismissed?: number }> } | undefined)?.marks['nudges:report.viewed']?.dismissed;
      });
    await expect.poll(record, { timeout: 10_000 }).toBeTypeOf('number');
    // Past the wait for the record: the widgets are up and decided.
    await desktop.waitForTimeout(2_000);
    expect(await desktop.evaluate(() => (window as unknown as { __sawNudge?: boolean }).__sawNudge ?? false)).toBe(false);
    await desktopContext.close();
    await laptop.close();
  });
});
