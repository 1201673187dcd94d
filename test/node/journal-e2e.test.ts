// The journal end to end in Chromium under a strict CSP: the built SDK in a page, the built
// collector on another origin. Ana (account acme) keeps a private note and shares another with
// her team; Sam (acme) sees the shared one under "From your team", Eve (globex) sees nothing;
// the private note's text never leaves Ana's device; deleting the shared note unshares it on
// the collector; the month in review downloads as a real PNG.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash, type RunningServer } from '@habitual/server';
import { dist, type E2EStage, missingForE2E, startE2EStage } from './e2e-stage';

const missing = missingForE2E('journal', [join(dist, 'habitual.js')]);

const ADMIN = 'at_journal_e2e';
const SECRET = 'sk_journal_e2e';
const config = {
  features: { 'invoice.sent': { key: true, value: 'invoices' } },
  widgets: { journal: { enabled: true, team: true } },
};
const PEOPLE: Record<string, { accountId: string; name: string }> = {
  u_ana: { accountId: 'acme', name: 'Ana' },
  u_sam: { accountId: 'acme', name: 'Sam' },
  u_eve: { accountId: 'globex', name: 'Eve' },
};
const expires = Math.floor(Date.now() / 1000) + 3600;
const identity = (id: string) => ({ userId: id, accountId: PEOPLE[id].accountId, hashExpires: expires });

// The page's own scripts are files of its origin: the CSP allows no inline script or style.
function hostPage(url: URL, collector: string, res: ServerResponse): boolean {
  const csp = `default-src 'self'; connect-src 'self' ${collector}`;
  const id = url.searchParams.get('user') ?? 'u_ana';
  if (url.pathname === '/init.js') {
    const user = { id, accountId: PEOPLE[id].accountId, hashExpires: expires, hash: identityHash(identity(id), SECRET), traits: { name: PEOPLE[id].name } };
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end(`window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) { window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });
${readFileSync(join(dist, 'snippet.min.js'), 'utf8')}
window.__errors = [];
habitual('init', { appId: 'ledgerly', writeKey: 'wk_j2e', endpoint: ${JSON.stringify(collector)}, user: ${JSON.stringify(user)},
  config: ${JSON.stringify(config)}, onError: function (e) { window.__errors.push(e.code + ': ' + e.message); } });`);
    return true;
  }
  if (url.pathname !== '/') return false;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': csp });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<script src="/init.js?user=${id}"></script></head><body><main><h1>Ledgerly</h1></main></body></html>`);
  return true;
}

type PageWindow = Window & { __violations: string[]; __errors: string[] };

describe.skipIf(missing.length > 0)('the journal end to end in Chromium', () => {
  let stage: E2EStage;
  let collector: RunningServer;
  let browser: Browser;
  const hostUrl = () => stage.hostUrl;
  /** What every page sent to the collector: method, path and body. */
  const sent: Array<{ method: string; url: string; body: string }> = [];
  const pages: Page[] = [];

  const openJournal = async (user: string): Promise<Page> => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    pages.push(page);
    page.on('request', (r) => {
      if (r.url().startsWith(collector.url)) sent.push({ method: r.method(), url: r.url(), body: r.postData() ?? '' });
    });
    await page.goto(`${hostUrl()}/?user=${user}`);
    await page.locator('button.launcher').click({ timeout: 15_000 });
    await page.locator('textarea').waitFor();
    // The team choice shows once the keeper knows the device (the profile) and the user.
    await page.locator('input[type=checkbox]').waitFor({ timeout: 15_000 });
    return page;
  };
  const save = async (page: Page, status: string) => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('form [role=status]').textContent(), { timeout: 10_000 }).toBe(status);
  };
  const teamList = (page: Page) => page.locator('[data-team] li').allTextContents();

  beforeAll(async () => {
    stage = await startE2EStage({ name: 'journal', writeKey: 'wk_j2e', secret: SECRET, adminToken: ADMIN, config, page: hostPage });
    ({ collector, browser } = stage);
  });
  afterAll(() => stage?.close());

  it('a shared note reaches a teammate and no one of another account; a private one is never sent', async () => {
    const ana = await openJournal('u_ana');
    await ana.locator('textarea').fill('Private: worried about the renewal');
    await save(ana, 'Saved on this device.');
    const yesterday = await ana.evaluate(() => new Date(Date.now() - 864e5).toLocaleDateString('sv'));
    await ana.locator('input[type=date]').fill(yesterday);
    await expect.poll(() => ana.locator('textarea').inputValue()).toBe('');
    await ana.locator('textarea').fill('Shipped the import <b>at last</b>');
    await ana.getByLabel('Share with my team').check();
    await save(ana, 'Shared with your team');

    const sam = await openJournal('u_sam');
    await expect.poll(() => teamList(sam), { timeout: 10_000 }).toEqual([expect.stringContaining('Shipped the import <b>at last</b>')]);
    expect((await teamList(sam))[0]).toMatch(/^Ana/);
    expect(await sam.locator('[data-team] b').count()).toBe(0);

    const eve = await openJournal('u_eve');
    await expect.poll(() => teamList(eve), { timeout: 10_000 }).toEqual(['Nothing shared yet.']);

    // The private note's words went nowhere; the shared one went once, to /v1/team/notes.
    expect(sent.filter((r) => r.body.includes('worried about the renewal') || decodeURIComponent(r.url).includes('worried'))).toEqual([]);
    expect(sent.filter((r) => r.body.includes('Shipped the import')).map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['POST /v1/team/notes']);

    // Deleting the shared note (after the confirmation) unshares it on the collector.
    await ana
      .getByRole('button', {
        name: `Edit the note for ${await ana.evaluate((d) => new Date(`${d}T12:00:00Z`).toLocaleDateString('en', { timeZone: 'UTC', dateStyle: 'medium' }), yesterday)}`,
      })
      .click();
    await ana.getByRole('button', { name: 'Delete note' }).click();
    await ana.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => ana.locator('form [role=status]').textContent()).toBe('Note deleted.');
    expect(sent.filter((r) => r.method === 'DELETE').map((r) => new URL(r.url).pathname)).toEqual(['/v1/team/notes']);
    const samReads = await fetch(
      `${collector.url}/v1/team/notes?${new URLSearchParams({ appId: 'ledgerly', key: 'wk_j2e', ...identity('u_sam'), hashExpires: String(expires), hash: identityHash(identity('u_sam'), SECRET) })}`,
    );
    expect(await samReads.json()).toEqual({ notes: [] });

    for (const page of [ana, sam, eve]) {
      expect(await page.evaluate(() => (window as unknown as PageWindow).__violations)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as PageWindow).__errors)).toEqual([]);
    }
  });

  it('the month in review downloads as a real PNG under the strict CSP', async () => {
    const ana = pages[0];
    const download = ana.waitForEvent('download');
    await ana.getByRole('button', { name: 'Download image' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^habitual-\d{4}-\d{2}\.png$/);
    const png = readFileSync((await file.path())!);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(720);
    expect(png.length).toBeGreaterThan(1000);
    expect(await ana.evaluate(() => (window as unknown as PageWindow).__violations)).toEqual([]);
  });
});
