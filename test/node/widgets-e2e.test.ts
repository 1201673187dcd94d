// Widget analytics end to end in Chromium: the built SDK in a page, the built collector on
// another origin. A user is shown a nudge, clicks it and completes a checklist item; the
// collector's GET /v1/widgets shows exactly those counts. A user held out of the nudges never
// renders one and is still counted in the holdout (GET /v1/experiments/widget-nudges).
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, assignVariant, HOLDOUT } from '@habitual/core';
import { identityHash } from '@habitual/server';
import { dist, type E2EStage, missingForE2E, startE2EStage } from './e2e-stage';

const missing = missingForE2E('widgets', [join(dist, 'habitual.js')]);

const ADMIN = 'at_widgets_e2e';
const SECRET = 'sk_widgets_e2e';
const config = {
  features: { 'invoice.sent': { key: true, value: 'invoices' }, 'customer.created': { key: true } },
  widgets: {
    nudges: { enabled: true, holdout: 0.3, items: [{ feature: 'invoice.sent', target: '#send', text: 'Send it from here', href: '/help/send' }] },
    checklist: { enabled: true, items: [{ id: 'customer', label: 'Add a customer', event: 'customer.created' }] },
  },
};
// Users on either side of the nudges' own holdout (experiment widget-nudges), by the assignment itself.
const nudgeArm = (id: string) => assignVariant({ id: 'widget-nudges', variants: [{ id: 'on' }], holdout: 0.3 }, id);
const candidates = Array.from({ length: 100 }, (_, i) => `u_w${i}`);
const SHOWN = candidates.find((u) => nudgeArm(u) === 'on')!;
const HELD = candidates.find((u) => nudgeArm(u) === HOLDOUT)!;

type PageWindow = Window & { habitual: { instance?: unknown; track(name: string): void; flush(o?: { sync?: boolean }): Promise<void> }; __errors: string[] };

/** The host's page: the snippet and init for `?user=`, with a signed identity. */
function hostPage(url: URL, collector: string, res: ServerResponse): boolean {
  if (url.pathname !== '/') return false;
  const id = url.searchParams.get('user') ?? 'nobody';
  const who = { userId: id, hashExpires: Math.floor(Date.now() / 1000) + 3600 };
  const user = { id, hashExpires: who.hashExpires, hash: identityHash(who, SECRET) };
  const snippet = readFileSync(join(dist, 'snippet.min.js'), 'utf8');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>host</title>
<script>${snippet}</script>
<script>
  window.__errors = [];
  habitual('init', { appId: 'ledgerly', writeKey: 'wk_w2e', endpoint: ${JSON.stringify(collector)},
    user: ${JSON.stringify(user)}, config: ${JSON.stringify(config)},
    onError: function (e) { window.__errors.push(e.code + ': ' + e.message); } });
</script></head><body><h1>Ledgerly</h1><button id="send">Send</button></body></html>`);
  return true;
}

describe.skipIf(missing.length > 0)('widget analytics end to end in Chromium', () => {
  let stage: E2EStage;
  let context: BrowserContext;
  const hostUrl = () => stage.hostUrl;
  const admin = (path: string, init?: RequestInit) => stage.admin(path, init);
  const openAs = async (user: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${hostUrl()}/?user=${user}`);
    await page.waitForFunction(() => !!(window as unknown as PageWindow).habitual?.instance);
    return page;
  };
  const sync = (page: Page) => page.evaluate(() => (window as unknown as PageWindow).habitual.flush({ sync: true }));
  const today = new Date().toISOString().slice(0, 10);
  const widgets = async () =>
    (await (await admin(`/v1/widgets?from=${addDays(today, -1)}&to=${addDays(today, 1)}`)).json()).widgets as Array<Record<string, unknown>>;

  beforeAll(async () => {
    stage = await startE2EStage({ name: 'widgets', writeKey: 'wk_w2e', secret: SECRET, adminToken: ADMIN, config, page: hostPage });
    context = await stage.browser.newContext();
  });
  afterAll(() => stage?.close());

  it('a user shown a nudge who clicks it and completes a checklist item shows up with exactly those counts', async () => {
    const page = await openAs(SHOWN);
    const nudge = page.locator('.nudge');
    await expect.poll(() => nudge.isVisible(), { timeout: 10_000 }).toBe(true);
    const popup = context.waitForEvent('page');
    await nudge.locator('a').click(); // "Learn more": opens the help page in a new tab
    await (await popup).close();
    await page.evaluate(() => (window as unknown as PageWindow).habitual.track('customer.created'));
    // Its only item done (the celebration toast waits: a first day allows one interruption, the nudge).
    await expect
      .poll(
        () =>
          page.evaluate(
            () => (window as unknown as { habitual: { getState(): { checklist: Array<{ done: boolean }> } | null } }).habitual.getState()?.checklist[0]?.done,
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    await sync(page);

    await expect
      .poll(
        async () => {
          const w = await widgets();
          const pick = (id: string, keys: string[]) => {
            const row = w.find((x) => x.widget === id);
            return row && Object.fromEntries(keys.map((k) => [k, row[k]]));
          };
          return {
            nudges: pick('nudges', ['usersReached', 'shown', 'clicked', 'completed', 'dismissed']),
            checklist: pick('checklist', ['usersReached', 'completed']),
          };
        },
        { timeout: 20_000, interval: 500 },
      )
      .toEqual({
        nudges: { usersReached: 1, shown: 1, clicked: 1, completed: 0, dismissed: 0 },
        checklist: { usersReached: 1, completed: 1 },
      });
    const nudges = (await widgets()).find((x) => x.widget === 'nudges')!;
    expect(nudges.items).toEqual([expect.objectContaining({ item: 'invoice_sent', shown: 1, clicked: 1 })]);
    expect(nudges.rates).toEqual({ clicked: 1, completed: 0, dismissed: 0 });
    expect(await page.evaluate(() => (window as unknown as PageWindow).__errors)).toEqual([]);
    await page.close();
  });

  it('a held-out user never renders the nudge and still counts in the holdout', async () => {
    const page = await openAs(HELD);
    // The widgets are up (the checklist's launcher), the nudge's target is there: no nudge.
    await expect.poll(() => page.locator('button.launcher').count(), { timeout: 10_000 }).toBe(1);
    await sync(page);
    await expect
      .poll(
        async () => {
          const body = await (await admin('/v1/experiments/widget-nudges')).json();
          return body.arms?.map((a: { arm: string; users: number }) => [a.arm, a.users]);
        },
        { timeout: 20_000, interval: 500 },
      )
      .toEqual([
        ['holdout', 1],
        ['on', 1],
      ]);
    expect(await page.locator('.nudge').count()).toBe(0);
    // Its page load counted nothing for the nudges: the report still has the first user's counts only.
    expect((await widgets()).find((x) => x.widget === 'nudges')).toMatchObject({ usersReached: 1, shown: 1 });
    await page.close();
  });
});
