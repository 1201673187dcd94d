// The exit survey end to end in Chromium: the built SDK in a page, the built collector on
// another origin. A user clicks the host's Cancel button (`data-habitual-survey="exit"`),
// picks a reason, writes a comment and shares it: the collector stores it under their verified
// identity and lists it (GET /v1/responses, the CSV export and the dashboard's Responses page).
// An answer given offline waits on the device and is stored once when the browser is back.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash, type RunningServer } from '@habitual/server';
import { dist, type E2EStage, missingForE2E, root, startE2EStage } from './e2e-stage';

const missing = missingForE2E('survey', [join(dist, 'habitual.js'), join(root, 'packages/server/dist/admin.js')]);

const ADMIN = 'at_survey_e2e';
const SECRET = 'sk_survey_e2e';
const config = { locale: 'en', widgets: { survey: { enabled: true, appName: 'Ledgerly' } } };

type PageWindow = Window & { habitual: { instance?: unknown; exportData(): Promise<{ profile: { widgets: Record<string, unknown> } }> } };
interface Answer {
  id: string;
  form: string;
  choice: string | null;
  text: string | null;
  userId: string;
  accountId: string | null;
}

/** The host's Settings page: the snippet and init for `?user=` of account acme, signed. */
function hostPage(url: URL, collector: string, res: ServerResponse): boolean {
  if (url.pathname !== '/') return false;
  const id = url.searchParams.get('user') ?? 'nobody';
  const who = { userId: id, accountId: 'acme' };
  const user = { id, accountId: 'acme', hash: identityHash(who, SECRET) };
  const snippet = readFileSync(join(dist, 'snippet.min.js'), 'utf8');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>
<script>${snippet}</script>
<script>
  habitual('init', { appId: 'ledgerly', writeKey: 'wk_s2e', endpoint: ${JSON.stringify(collector)},
    user: ${JSON.stringify(user)}, config: ${JSON.stringify(config)} });
</script></head><body><main><h1>Settings</h1><div id="later"></div></main></body></html>`);
  return true;
}

describe.skipIf(missing.length > 0)('the exit survey end to end in Chromium', () => {
  let stage: E2EStage;
  let collector: RunningServer;
  let context: BrowserContext;
  const hostUrl = () => stage.hostUrl;
  const admin = (path: string) => stage.admin(path);
  const answersOf = async (user: string) =>
    ((await (await admin('/v1/responses?account=acme')).json()) as { answers: Answer[] }).answers.filter((a) => a.userId === user);

  const openAs = async (user: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${hostUrl()}/?user=${user}`);
    await page.waitForFunction(() => !!(window as unknown as PageWindow).habitual?.instance);
    // A Cancel button the app adds after the SDK started: the survey's one listener still hears it.
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'cancel';
      b.textContent = 'Cancel subscription';
      b.setAttribute('data-habitual-survey', 'exit');
      document.getElementById('later')!.append(b);
    });
    return page;
  };
  /** Clicks Cancel until the form shows (the survey's chunk arrives a moment after the page). */
  const openExit = async (page: Page) => {
    const form = page.locator('habitual-widgets [data-survey=exit]');
    await expect
      .poll(
        async () => {
          if (!(await form.isVisible())) await page.click('#cancel');
          return form.isVisible();
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    // Focus moved into the form: the first reason.
    expect(await page.evaluate(() => (document.querySelector('habitual-widgets')!.shadowRoot!.activeElement as HTMLInputElement)?.value)).toBe('price');
    return form;
  };
  /** Picks a reason, writes and shares a comment, sends, and waits for the thanks. */
  const answerExit = async (form: Locator, reason: string, comment: string) => {
    await form.getByLabel(new RegExp(reason)).check();
    await form.locator('textarea').fill(comment);
    await form.getByLabel('Share my comment with Ledgerly').check();
    await form.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => form.textContent()).toContain('Thank you for your answer.');
  };

  beforeAll(async () => {
    stage = await startE2EStage({ name: 'survey', writeKey: 'wk_s2e', secret: SECRET, adminToken: ADMIN, page: hostPage });
    collector = stage.collector;
    context = await stage.browser.newContext();
  });
  afterAll(() => stage?.close());

  it('an exit answer given on the page is stored under the verified user and listed by the API, the CSV and the dashboard', async () => {
    const page = await openAs('u_leaving');
    await answerExit(await openExit(page), 'Missing a feature', '<script>alert(1)</script> =cmd|" no recurring invoices');
    await expect
      .poll(() => answersOf('u_leaving'), { timeout: 10_000 })
      .toEqual([
        expect.objectContaining({ form: 'exit', choice: 'missing', text: '<script>alert(1)</script> =cmd|" no recurring invoices', accountId: 'acme' }),
      ]);
    // Kept on the device too: in the user's export, marked sent.
    const kept = await page.evaluate(async () => (await (window as unknown as PageWindow).habitual.exportData()).profile.widgets.survey);
    expect(kept).toMatchObject({ answers: [{ form: 'exit', choice: 'missing', sent: true, share: true }] });

    const csv = await (await admin('/v1/responses.csv')).text();
    expect(csv).toContain('exit,choice,missing,,"<script>alert(1)</script> =cmd|"" no recurring invoices",u_leaving,acme');

    // The dashboard's Responses page: the reason counted, the comment shown as text.
    const dash = await context.newPage();
    await dash.goto(`${collector.url}/admin`);
    await dash.fill('input[name=token]', ADMIN);
    await dash.click('button[type=submit]');
    await dash.locator('nav.top').waitFor();
    await dash.locator('nav.top a[href="#/responses"]').click();
    await expect.poll(() => dash.locator('[data-testid=reasons] tr[data-reason=missing] td').allTextContents()).toEqual(['missing', '1', '100%']);
    expect(await dash.locator('[data-testid=answers] [data-comment]').first().textContent()).toBe('<script>alert(1)</script> =cmd|" no recurring invoices');
    expect(await dash.locator('[data-testid=answers] script').count()).toBe(0);
    await dash.close();
    await page.close();
  }, 60_000);

  it('an answer given offline waits on the device and is stored once when the browser is back online', async () => {
    const page = await openAs('u_offline');
    const form = await openExit(page);
    await context.setOffline(true);
    try {
      await answerExit(form, 'Too expensive', 'offline comment');
      const unsent = await page.evaluate(async () => (await (window as unknown as PageWindow).habitual.exportData()).profile.widgets.survey);
      expect(unsent).toMatchObject({ answers: [{ choice: 'price' }] });
      expect((unsent as { answers: Array<{ sent?: boolean }> }).answers[0].sent).toBeUndefined();
      expect(await answersOf('u_offline')).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
    await expect.poll(() => answersOf('u_offline'), { timeout: 15_000 }).toEqual([expect.objectContaining({ choice: 'price', text: 'offline comment' })]);
    await expect
      .poll(async () => page.evaluate(async () => (await (window as unknown as PageWindow).habitual.exportData()).profile.widgets.survey))
      .toMatchObject({ answers: [{ sent: true }] });
    // A reload sends nothing again: the device knows the collector has it (and the collector keeps it once by id anyway).
    await page.reload();
    await page.waitForFunction(() => !!(window as unknown as PageWindow).habitual?.instance);
    expect(await answersOf('u_offline')).toHaveLength(1);
    await page.close();
  }, 60_000);
});
