// Team progress end to end in Chromium: the built SDK in a page under a strict CSP, the built
// collector on another origin. Three teammates of one account send their days through the real
// sync; two join the leaderboard. What the widget shows as the team's totals equals the sum of
// the teammates' summaries as the collector stores them, and the one who never opted in never
// appears on another user's screen (nor does anyone's name on theirs).
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayIndex, weekdayOf, type DayRollup } from '@habitual/core';
import { identityHash } from '@habitual/server';
import { dist, type E2EStage, missingForE2E, startE2EStage } from './e2e-stage';

const missing = missingForE2E('team', [join(dist, 'habitual-widget-team.js')]);

const ADMIN = 'at_team_e2e';
const SECRET = 'sk_team_e2e';
const ACCOUNT = 'bakery';
const config = {
  locale: 'en',
  features: {
    'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
    'report.viewed': { label: 'Reports', key: true },
  },
  widgets: { team: { enabled: true, holdout: 0 } },
};
const USERS = {
  ana: { id: 'u_ana', name: 'Ana Aalto' },
  sam: { id: 'u_sam', name: 'Sam Brown' },
  hid: { id: 'u_hid', name: 'Hugo Hidden' },
};
type Who = keyof typeof USERS;

type PageWindow = Window & {
  habitual: { instance?: unknown; track(name: string, props?: { value: number }): void; flush(o?: { sync?: boolean }): Promise<void> };
  __errors: string[];
  __violations: string[];
};

/** The host's pages under a strict CSP: its snippet and init as files, for `?user=` of the account, signed. */
function hostPage(url: URL, collector: string, res: ServerResponse): boolean {
  if (url.pathname === '/snippet.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(readFileSync(join(dist, 'snippet.min.js')));
    return true;
  }
  const u = USERS[(url.searchParams.get('user') ?? 'ana') as Who];
  if (url.pathname === '/init.js') {
    const who = { userId: u.id, accountId: ACCOUNT, hashExpires: Math.floor(Date.now() / 1000) + 3600 };
    const user = { id: u.id, accountId: ACCOUNT, hashExpires: who.hashExpires, hash: identityHash(who, SECRET), traits: { name: u.name } };
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end(`window.__errors = []; window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) { window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });
habitual('init', { appId: 'ledgerly', writeKey: 'wk_team', endpoint: ${JSON.stringify(collector)},
  user: ${JSON.stringify(user)}, config: ${JSON.stringify(config)},
  onError: function (e) { window.__errors.push(e.code + ': ' + e.message); } });`);
    return true;
  }
  if (url.pathname !== '/') return false;
  // A strict CSP: scripts and styles from this origin only, requests to the collector.
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'self'; connect-src 'self' ${collector}`,
  });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bakery books</title>
<script src="/snippet.js"></script><script src="/init.js?user=${url.searchParams.get('user')}"></script></head>
<body><main><h1>Bakery books</h1><habitual-team></habitual-team></main></body></html>`);
  return true;
}

describe.skipIf(missing.length > 0)('team progress end to end in Chromium', () => {
  let stage: E2EStage;
  let browser: Browser;
  const hostUrl = () => stage.hostUrl;
  const admin = (path: string, init?: RequestInit) => stage.admin(path, init);
  const pages: Partial<Record<Who, Page>> = {};
  /** Each user on a browser profile of their own, as teammates are. */
  const openAs = async (who: Who): Promise<Page> => {
    const page = await (await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' })).newPage();
    await page.goto(`${hostUrl()}/?user=${who}`);
    await page.waitForFunction(() => !!(window as unknown as PageWindow).habitual?.instance);
    pages[who] = page;
    return page;
  };
  const team = (page: Page) => page.locator('habitual-team section.team');
  const use = async (page: Page, name: string, times: number, value?: number) => {
    await page.evaluate(
      ([n, k, v]) => {
        for (let i = 0; i < (k as number); i++) (window as unknown as PageWindow).habitual.track(n as string, v === null ? undefined : { value: v as number });
      },
      [name, times, value ?? null] as const,
    );
  };
  const sync = (page: Page) => page.evaluate(() => (window as unknown as PageWindow).habitual.flush({ sync: true }));

  beforeAll(async () => {
    stage = await startE2EStage({ name: 'team', writeKey: 'wk_team', secret: SECRET, adminToken: ADMIN, config, page: hostPage });
    browser = stage.browser;
    expect((await admin('/v1/admin/app', { method: 'PUT', body: JSON.stringify({ verifyIdentity: true }) })).status).toBe(200);
  });
  afterAll(() => stage?.close());

  it('the team totals shown equal the sum of the teammates’ summaries; names only between those who opted in', async () => {
    // Sam and the teammate who never opts in work and sync first.
    const sam = await openAs('sam');
    await use(sam, 'invoice.sent', 2);
    await use(sam, 'report.viewed', 5);
    await sync(sam);
    const hid = await openAs('hid');
    await use(hid, 'invoice.sent', 4, 3);
    await sync(hid);
    // Sam joins the leaderboard from the widget.
    await team(sam).locator('input[name=displayName]').fill('Sam');
    await team(sam).getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => team(sam).locator('[data-board] li').allTextContents()).toEqual([expect.stringMatching(/^Sam \(you\)/)]);

    // Ana works, syncs, opens the team and joins under the name her app gave her.
    const ana = await openAs('ana');
    await use(ana, 'invoice.sent', 3, 7);
    await sync(ana);
    await expect.poll(() => team(ana).locator('input[name=displayName]').inputValue(), { timeout: 10_000 }).toBe('Ana Aalto');
    await team(ana).getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => team(ana).locator('[data-board] li').count(), { timeout: 10_000 }).toBe(2);

    // The sum of the stored summaries this week, by the engine's rule (a use without a value is one unit).
    const today = new Date().toISOString().slice(0, 10);
    const monday = addDays(today, -weekdayOf(dayIndex(today)));
    let invoices = 0;
    for (const u of Object.values(USERS)) {
      const stored = (await (await admin(`/v1/users/${u.id}`)).json()) as { merged: DayRollup[] };
      for (const d of stored.merged.filter((x) => x.day >= monday && x.day <= today)) {
        const f = d.features['invoice.sent'];
        if (f?.n) invoices += f.value > 0 ? f.value : f.n;
      }
    }
    expect(invoices).toBe(2 + 4 * 3 + 3 * 7);
    await team(ana).locator('[data-totals]').waitFor();
    expect(await team(ana).locator('[data-totals]').textContent()).toBe(`Together: ${invoices} invoices`);
    expect(await team(ana).locator('[data-active]').textContent()).toBe('3 of 3 teammates active');
    expect(await team(ana).locator('[data-board] li').allTextContents()).toEqual(['Ana Aalto (you)21 invoices · 1 day', 'Sam2 invoices · 1 day']);
    expect(await team(ana).locator('[data-buddy]').textContent()).toBe('Sam used Reports 5 times this week');

    // The one who never opted in: on no one's screen, and no one's name on theirs.
    for (const page of [ana, sam]) expect(await page.locator('habitual-team').evaluate((el) => el.shadowRoot!.textContent)).not.toMatch(/Hugo|Hidden/);
    // On a second device (a fresh copy): the week now, with every teammate's days.
    const hid2 = await openAs('hid');
    await expect.poll(() => team(hid2).locator('[data-totals]').textContent(), { timeout: 10_000 }).toBe(`Together: ${invoices} invoices`);
    const hidText = await hid2.locator('habitual-team').evaluate((el) => el.shadowRoot!.textContent);
    expect(hidText).not.toMatch(/Ana|Sam/);
    expect(await team(hid2).locator('[data-board]').count()).toBe(0);

    // Keyboard and screen reader: no serious or critical axe-core violation (the leaderboard, the join form); the form is reachable.
    for (const page of [ana, hid2]) {
      await page.evaluate(axe.source);
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violations).toEqual([]);
    }
    await hid2.keyboard.press('Tab');
    await expect.poll(() => hid2.evaluate(() => document.querySelector('habitual-team')?.shadowRoot?.activeElement?.getAttribute('name'))).toBe('displayName');

    // Strict CSP held, and nothing went wrong on any page.
    for (const page of [ana, sam, hid, hid2]) {
      expect(await page.evaluate(() => (window as unknown as PageWindow).__violations)).toEqual([]);
      expect((await page.evaluate(() => (window as unknown as PageWindow).__errors)).filter((e) => !e.startsWith('sync-failed'))).toEqual([]);
    }
  });
});
