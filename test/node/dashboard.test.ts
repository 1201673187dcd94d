// The admin dashboard in real Chromium against a collector seeded with the demo's data (the
// demo's own seeder over HTTP): every page has one h1, no serious or critical axe-core
// violation in the light and the dark scheme, no CSP violation, and the keyboard reaches every
// control; the charts draw; the accounts filters, the CSV export and "forget this user" work.
// Needs `npm run build` (dist/admin.js and dist/admin.css).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '@habitual/server';
import { seedCollector } from '../../demo/src/seed';
import { chromiumArgs, chromiumPath } from '../chromium';

const root = join(import.meta.dirname, '..', '..');
const missing = ['packages/server/dist/admin.js', 'packages/server/dist/admin.css'].filter((f) => !existsSync(join(root, f)));
const axeSource: string = axe.source;
const ADMIN = 'at_dashboard_test';
const SECRET = 'sk_dashboard_test';

let collector: RunningServer;
let browser: Browser;
let dataDir: string;
/** The seeded account most at risk (a red one), for the account page. */
let redAccount = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'habitual-dashboard-'));
  collector = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      env: { HABITUAL_APP_ID: 'ledgerly', HABITUAL_WRITE_KEY: 'wk_dash', HABITUAL_SECRET: SECRET, HABITUAL_ADMIN_TOKEN: ADMIN },
    },
    { log: () => {} },
  );
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  // The demo's config is plain JavaScript in its public folder (no types to import).
  const { ledgerlyConfig } = await import(join(root, 'demo/public/ledgerly-config.js'));
  await seedCollector({ collector: collector.url, appId: 'ledgerly', writeKey: 'wk_dash', secret: SECRET, config: ledgerlyConfig });
  // The kept states follow the seed within seconds (the refresher runs after the writes).
  redAccount = await vi.waitFor(
    async () => {
      const res = await fetch(`${collector.url}/v1/accounts?band=red&limit=1`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const id = ((await res.json()) as { accounts: Array<{ account: { id: string } }> }).accounts[0]?.account.id;
      if (!id) throw new Error('no red account yet');
      return id;
    },
    { timeout: 60_000, interval: 500 },
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A signed-in dashboard page in `scheme`, recording CSP violations. */
async function open(scheme: 'light' | 'dark'): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation(t: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  await page.goto(`${collector.url}/admin`);
  return { page, violations };
}

async function signIn(page: Page) {
  await page.fill('input[name=token]', ADMIN);
  await page.click('button[type=submit]');
  await page.locator('[data-testid=accounts]').waitFor();
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run(ctx: Document, o: object): Promise<{ passes: unknown[]; violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe.run(document, { resultTypes: ['violations'] }),
  );
  // axe ran its checks (colour contrast among them), not an empty pass.
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Each page: its hash and what shows it has loaded.
const PAGES: Array<[string, string]> = [
  ['#/overview', '[data-testid=growth] canvas'],
  ['#/accounts', '[data-testid=accounts] tbody tr'],
  ['#/account', '[data-testid=users] tbody tr'],
  ['#/config', '[data-testid=save]'],
  ['#/settings', 'h1'],
  ['#/widgets', 'h1'],
  ['#/experiments', 'h1'],
  ['#/drivers', 'h1'],
  ['#/responses', '[data-testid=answers] tbody tr'],
];
const hashOf = (hash: string) => (hash === '#/account' ? `#/accounts/${encodeURIComponent(redAccount)}` : hash);

describe.skipIf(missing.length > 0)('the dashboard in Chromium', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has one h1 and no serious axe-core violation on any page, nor a CSP violation (${scheme})`, async () => {
      const { page, violations } = await open(scheme);
      expect(await seriousViolations(page), 'sign-in page').toEqual([]);
      await signIn(page);
      for (const [hash, ready] of PAGES) {
        await page.goto(`${collector.url}/admin${hashOf(hash)}`);
        await page.locator(ready).first().waitFor();
        expect(await page.locator('h1').count(), `${hash}: one h1`).toBe(1);
        expect(await seriousViolations(page), `${hash} (${scheme})`).toEqual([]);
      }
      expect(violations).toEqual([]);
      await page.context().close();
    });
  }

  it('reaches every control of every page with the keyboard', async () => {
    const { page } = await open('light');
    await signIn(page);
    for (const [hash, ready] of PAGES) {
      await page.goto(`${collector.url}/admin${hashOf(hash)}`);
      await page.locator(ready).first().waitFor();
      // Every visible control, marked, then Tab through the page until focus comes round.
      const total = await page.evaluate(() => {
        const controls = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex="0"]')].filter(
          (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
        );
        controls.forEach((el, i) => el.setAttribute('data-kb', String(i)));
        return controls.length;
      });
      const reached = new Set<string>();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      for (let i = 0; i < total + 20; i++) {
        await page.keyboard.press('Tab');
        const mark = await page.evaluate(() => document.activeElement?.getAttribute('data-kb') ?? '');
        if (mark) reached.add(mark);
      }
      const missed = await page.evaluate(
        (seen) =>
          [...document.querySelectorAll<HTMLElement>('[data-kb]')].filter((el) => !seen.includes(el.dataset.kb!)).map((el) => el.outerHTML.slice(0, 80)),
        [...reached],
      );
      expect(missed, `${hash}: controls the keyboard never reached`).toEqual([]);
    }
    await page.context().close();
  });

  it('draws the score history over the bands, explains the score in words, and forgets a user after a confirmation', async () => {
    const { page } = await open('light');
    await signIn(page);
    await page.goto(`${collector.url}/admin#/accounts/${encodeURIComponent(redAccount)}`);
    await page.locator('[data-testid=users] tbody tr').first().waitFor();
    // The seeder filled 56 days of history: a chart (canvas; the history arrives beside the card) and its table.
    await page.locator('.chart canvas').first().waitFor();
    expect(await page.locator('details table tbody tr').count()).toBeGreaterThanOrEqual(50);
    expect(await page.locator('[data-testid=reasons] li').first().textContent()).toMatch(/\w+: .+/);
    // Display names from the seeder (traits.name), stages in words.
    const firstUser = page.locator('[data-testid=users] tbody tr').first();
    expect(await firstUser.locator('td').first().textContent()).toMatch(/^[A-ZÀ-ÿ][\p{L}]+ [\p{L}]+/u);
    const before = await page.locator('[data-testid=users] tbody tr').count();
    const id = (await firstUser.getAttribute('data-user'))!;
    await firstUser.locator('button[data-forget]').click();
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toMatch(/cannot be undone/);
    await dialog.locator('[data-testid=confirm]').click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toMatch(/^Forgot .+: \d+ stored days? deleted\.$/);
    await expect.poll(() => page.locator('[data-testid=users] tbody tr').count(), { timeout: 15_000 }).toBe(before - 1);
    expect(await page.locator(`[data-user="${id}"]`).count()).toBe(0);
    await page.context().close();
  });

  it('filters the accounts by stage and band, and exports what it shows as CSV', async () => {
    const { page } = await open('light');
    await signIn(page);
    await page.selectOption('select[name=band]', 'red');
    await expect.poll(async () => (await page.locator('[data-testid=accounts] .band').allTextContents()).length).toBeGreaterThan(0);
    await expect
      .poll(async () => new Set(await page.locator('[data-testid=accounts] tbody .band').evaluateAll((els) => els.map((e) => e.className))))
      .toEqual(new Set(['band red']));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export]')]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toMatch(/^id,name,plan,/);
    expect(csv.slice(1).every((line) => line.includes(',red,'))).toBe(true);
    expect(csv.length - 1).toBe(await page.locator('[data-testid=accounts] tbody tr').count());
    await page.context().close();
  });

  it('config editor: a disabled button looks disabled, publishing and rolling back show the diff and ask first, the preview runs the real widgets', async () => {
    const { page, violations } = await open('light');
    await signIn(page);
    await page.goto(`${collector.url}/admin#/config`);
    const save = page.locator('[data-testid=save]');
    await save.waitFor();
    const look = () =>
      save.evaluate((b) => ({ disabled: (b as HTMLButtonElement).disabled, border: getComputedStyle(b).borderStyle, cursor: getComputedStyle(b).cursor }));
    expect(await look()).toEqual({ disabled: true, border: 'dashed', cursor: 'not-allowed' });

    // The preview frame: the real widgets mount over a sample user's state.
    const frame = page.frameLocator('iframe.preview-frame');
    await expect.poll(() => frame.locator('body').getAttribute('data-shown'), { timeout: 15_000 }).toMatch(/^new:/);
    await expect.poll(() => frame.locator('habitual-widgets').count()).toBe(1);
    await page.selectOption('select[name=sample]', 'power');
    await expect.poll(() => frame.locator('body').getAttribute('data-shown'), { timeout: 15_000 }).toMatch(/^power:/);
    expect(await frame.locator('habitual-widgets').evaluate((h) => (h.shadowRoot?.childNodes.length ?? 0) > 0)).toBe(true);

    const version = Number((await page.locator('h1 .muted').textContent())!.replace('v', ''));
    const toggle = page.locator('[data-testid^=toggle-]').first();
    const id = (await toggle.getAttribute('data-testid'))!.replace('toggle-', '');
    const was = await toggle.isChecked();
    await toggle.click();
    expect(await look()).toEqual({ disabled: false, border: 'solid', cursor: 'pointer' });
    await save.click();
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid=diff]').textContent()).toContain(`widgets.${id}.enabled: ${!was}`);
    await dialog.locator('input[name=note]').fill(`toggle ${id}`);
    await dialog.locator('[data-testid=confirm]').click();
    await expect
      .poll(() => page.locator('[role=status]').textContent())
      .toBe(`Published as version ${version + 1}; open pages pick it up on their next check.`);

    // Rolling back to the version before shows what goes back, and only then does it.
    await page.getByRole('button', { name: `Compare and roll back… (version ${version})` }).click();
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid=diff]').textContent()).toContain(`widgets.${id}.enabled: ${was}`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByRole('button', { name: `Compare and roll back… (version ${version})` }).click();
    await dialog.locator('[data-testid=confirm]').click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toBe(`Rolled back to version ${version} (saved as version ${version + 2}).`);
    await expect.poll(() => toggle.isChecked()).toBe(was);
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('config editor: a text per locale gets one box per locale, and editing one changes only it', async () => {
    const { page } = await open('light');
    await signIn(page);
    await page.goto(`${collector.url}/admin#/config`);
    await page.locator('[data-testid=save]').waitFor();
    const json = page.locator('textarea').first();
    const config = JSON.parse(await json.inputValue());
    config.widgets.checklist.title = { en: 'Get set up', fi: 'Aloita' };
    await json.fill(JSON.stringify(config));
    const fi = page.getByLabel('Title (fi)');
    expect(await page.getByLabel('Title (en)').inputValue()).toBe('Get set up');
    expect(await fi.inputValue()).toBe('Aloita');
    await fi.fill('Aloitetaan');
    await expect.poll(async () => JSON.parse(await json.inputValue()).widgets.checklist.title).toEqual({ en: 'Get set up', fi: 'Aloitetaan' });
    await page.context().close();
  });

  it('alerts: Settings saves where they go and sends a signed test message to a local webhook', async () => {
    const hits: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const sink = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => (hits.push({ headers: req.headers, body }), res.writeHead(204).end()));
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    try {
      const { page } = await open('dark');
      await signIn(page);
      await page.goto(`${collector.url}/admin#/settings`);
      const alerts = page.locator('[data-testid=alerts]');
      await alerts.locator('select[name=alert-target]').selectOption('webhook');
      await alerts.locator('input[name=webhookUrl]').fill(`http://127.0.0.1:${(sink.address() as AddressInfo).port}/alerts`);
      await alerts.locator('input[name=digest]').check();
      const test = alerts.getByRole('button', { name: 'Send a test alert' });
      expect(await test.isDisabled()).toBe(true);
      await alerts.getByRole('button', { name: 'Save alert settings' }).click();
      await expect.poll(() => alerts.locator('[role=status]').textContent()).toBe('Alert settings saved.');
      await test.click();
      await expect.poll(() => alerts.locator('[role=status]').textContent()).toBe('Test alert sent: check that it arrived.');
      // Saved, the webhook may also get a real alert from the seeded accounts at the same time:
      // exactly one test message, and every message signed.
      const tests = hits.filter((h) => h.headers['x-habitual-event'] === 'test');
      expect(tests).toHaveLength(1);
      for (const h of hits) expect(String(h.headers['x-habitual-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(JSON.parse(tests[0].body)).toMatchObject({ type: 'test', app: 'ledgerly' });
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    } finally {
      sink.closeAllConnections();
      await new Promise((r) => sink.close(r));
    }
  });
});
