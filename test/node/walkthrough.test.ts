// The two-minute tour, in real Chromium over the running demo (`node demo/start.mjs`): a new
// Ledgerly user ticks the checklist by using the app, gets a milestone toast, comes back the
// next day (time travel) to the digest and the nudge for the step they got stuck on, opens
// their records and exports CSV, sets a reminder; the collector's dashboard then lists their
// account with the right numbers. Takes the screenshots the README shows and fails if any
// widget is missing or out of place. The screenshots land in docs/*.png only when asked
// (`npm run screenshots`, HABITUAL_SCREENSHOTS=1); otherwise in a temporary folder, so
// `npm test` rewrites no tracked file but still takes (and checks) every one.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo, type RunningDemo } from '../../demo/src/run-demo';
import { chromiumArgs, chromiumPath } from '../chromium';

const root = join(import.meta.dirname, '..', '..');
const toDocs = process.env.HABITUAL_SCREENSHOTS === '1';
const shots = toDocs ? join(root, 'docs') : mkdtempSync(join(tmpdir(), 'habitual-screenshots-'));
/** The screenshots taken so far, by file name. */
const taken: string[] = [];
/** Where a screenshot goes; remembers it was taken. */
const shotPath = (name: string) => (taken.push(name), join(shots, name));
const VIEWPORT = { width: 1280, height: 800 };
type Box = { x: number; y: number; width: number; height: number };

let demo: RunningDemo;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/**
 * Two consecutive working days, the second at most today (UTC, like the browser context
 * below): Tuesday to Friday the second is today; otherwise last Thursday and Friday. Day one
 * is the digest's "yesterday" on day two, and the collector scores both days.
 */
function workingDays(): [string, string] {
  const d = new Date();
  while (d.getUTCDay() < 2 || d.getUTCDay() > 5) d.setUTCDate(d.getUTCDate() - 1);
  const second = d.toISOString().slice(0, 10);
  d.setUTCDate(d.getUTCDate() - 1);
  return [d.toISOString().slice(0, 10), second];
}
const [DAY1, DAY2] = workingDays();

// Playwright's CSS engine pierces open shadow roots: these reach inside <habitual-widgets>.
const w = {
  launcher: () => page.locator('habitual-widgets button.launcher'),
  panel: () => page.locator('habitual-widgets .panel'),
  digest: () => page.locator('habitual-widgets section.digest'),
  toast: (id: string) => page.locator(`habitual-widgets [data-toast="${id}"]`),
  nudge: (id: string) => page.locator(`habitual-widgets [data-nudge="${id}"]`),
  item: (id: string) => page.locator(`habitual-widgets .panel li[data-item="${id}"]`),
};

async function box(locator: Locator): Promise<Box> {
  await locator.waitFor({ state: 'visible' });
  const b = await locator.boundingBox();
  expect(b, 'element has a layout box').not.toBeNull();
  return b!;
}

function inViewport(b: Box, what: string) {
  expect(b.x, `${what} left edge`).toBeGreaterThanOrEqual(0);
  expect(b.y, `${what} top edge`).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width, `${what} right edge`).toBeLessThanOrEqual(VIEWPORT.width);
  expect(b.y + b.height, `${what} bottom edge`).toBeLessThanOrEqual(VIEWPORT.height);
  expect(b.width * b.height, `${what} has a size`).toBeGreaterThan(100);
}

const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** A nudge sits 8 px from its target (below, above, or beside it) and shares some of its width or height. */
async function expectAnchored(nudge: Locator, target: Locator, what: string) {
  const n = await box(nudge);
  const t = await box(target);
  inViewport(n, what);
  const gaps = [n.y - (t.y + t.height), t.y - (n.y + n.height), n.x - (t.x + t.width), t.x - (n.x + n.width)];
  const side = gaps.findIndex((g) => Math.abs(g - 8) <= 4);
  expect(side, `${what}: 8 px from its target (gaps ${gaps.map(Math.round)})`).toBeGreaterThanOrEqual(0);
  const shared = side < 2 ? Math.min(n.x + n.width, t.x + t.width) - Math.max(n.x, t.x) : Math.min(n.y + n.height, t.y + t.height) - Math.max(n.y, t.y);
  expect(shared, `${what}: beside its target, not off to one side`).toBeGreaterThan(0);
  expect(overlap(n, t), `${what} does not cover its target`).toBe(0);
}

/**
 * The page's controls whose centre one of our surfaces covers (run in the page), as "control
 * under surface class"; surfaces named in `allow` are left out.
 */
const coveredInPage = (allow: string[]) => {
  const host = document.querySelector('habitual-widgets');
  const out: string[] = [];
  for (const el of host ? document.querySelectorAll('button, a[href], input, select, textarea') : []) {
    const r = el.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    if (!r.width || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight || document.elementFromPoint(x, y) !== host) continue;
    const by = host!.shadowRoot!.elementFromPoint(x, y)?.closest('.launcher, .panel, .digest, .toast, .nudge')?.className ?? 'overlay';
    if (!allow.some((a) => by.includes(a))) out.push(`${(el.textContent || el.getAttribute('aria-label') || el.tagName).trim()} under ${by}`);
  }
  return out;
};

/** No control of the app has one of our surfaces over its centre. */
async function expectAppClear(p: Page = page, allow: string[] = []) {
  await expect.poll(() => p.evaluate(coveredInPage, allow), { timeout: 5_000 }).toEqual([]);
}

/** The launcher on screen, the panel (when open) on screen and clear of it, no control of the app covered. */
async function expectCornerWidgets() {
  const l = await box(w.launcher());
  inViewport(l, 'launcher');
  if (await w.panel().isVisible()) {
    const p = await box(w.panel());
    inViewport(p, 'panel');
    expect(overlap(p, l), 'panel clear of the launcher').toBe(0);
  }
  await expectAppClear();
}

async function expectToast(id: string, title: RegExp) {
  const t = w.toast(id);
  await expect.poll(() => t.isVisible(), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => t.textContent()).toMatch(title);
  const b = await box(t);
  inViewport(b, `toast ${id}`);
  expect(overlap(b, await box(w.launcher())), 'toast clear of the launcher').toBe(0);
  await expectAppClear();
}

const closeToasts = async () => {
  for (const x of await page.locator('habitual-widgets .toast button.x').all()) await x.click();
  await expect.poll(() => page.locator('habitual-widgets .toast').count()).toBe(0);
};

const shot = (name: string) => page.screenshot({ path: shotPath(name) });
const launcherText = () => w.launcher().textContent();
const openPanel = async () => {
  if (!(await w.panel().isVisible())) await w.launcher().click();
  await w.panel().waitFor();
};
/** Everything tracked so far is stored (and so handed to the sync). */
const flush = () => page.evaluate(() => (window as unknown as { habitual: { flush(): Promise<void> } }).habitual.flush());

async function addCustomer(name: string) {
  await page.click('#new-customer');
  await page.fill('#customer-form input[name=name]', name);
  await page.click('#save-customer');
  await page.locator('[data-table=customers]').getByText(name).waitFor();
}

async function sendInvoice(amount: string) {
  await page.click('#new-invoice');
  await page.fill('#invoice-form input[name=amount]', amount);
  await page.click('#send-invoice');
  await page.locator('[data-table=invoices]').waitFor();
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [demo, browser] = await Promise.all([
    runDemo(),
    chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
    }),
  ]);
  // Reduced motion: the toasts' entrance animation would make screenshots flaky.
  context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    locale: 'en-GB',
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
  page = await context.newPage();
  // The page's clock reads the afternoon (the date stays today's): the demo's digest-time
  // experiment holds the digest until 08:00 for half its users, and this user may be one.
  await page.clock.setSystemTime(new Date(`${new Date().toISOString().slice(0, 10)}T14:00:00Z`));
  page.setDefaultTimeout(15_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  if (!toDocs) rmSync(shots, { recursive: true, force: true });
});

describe.sequential(`walk-through: day one ${DAY1}, day two ${DAY2}`, () => {
  let accountId = '';
  const company = 'Walkthrough Bakery';
  // Invoices sent over the two days: the dashboard's reach must say the same.
  let invoicesSent = 0;

  it('day one: a new user signs up; only the launcher waits for them', async () => {
    await page.goto(`${demo.demoUrl}?now=${DAY1}`);
    await expect.poll(() => page.locator('#dev-bar [data-today]').getAttribute('data-today')).toBe(DAY1);
    await page.fill('#signup-form input[name=company]', company);
    await page.fill('#signup-form input[name=name]', 'Robin');
    await page.click('#start');
    await page.locator('#who[data-account]').waitFor();
    accountId = (await page.locator('#who').getAttribute('data-account'))!;
    expect(accountId).toMatch(/^walkthrough-bakery-/);

    await expect.poll(launcherText).toBe('Get set up 0/5');
    await flush();
    // A first day: no digest without a yesterday to show, and the reports nudge waits for
    // the first invoice (its `when`). Nothing interrupts a user who has just arrived.
    expect(await w.digest().count(), 'no digest on the first day').toBe(0);
    expect(await page.locator('habitual-widgets .nudge:not([hidden])').count(), 'no nudge yet').toBe(0);
    await expectAppClear();
    await expectCornerWidgets();
  });

  it('the checklist ticks itself as the user works; "show me" points at the button', async () => {
    await openPanel();
    await expect.poll(() => page.locator('habitual-widgets .panel li[data-item]').count()).toBe(5);
    await w.item('customer').getByRole('button', { name: 'Show me' }).click();
    await expectAnchored(w.nudge('checklist:customer'), page.locator('#new-customer'), '"show me" nudge');
    await expectAppClear();
    await w.nudge('checklist:customer').locator('button.x').click();

    await addCustomer('Northwind Traders');
    await expect.poll(() => w.item('customer').getAttribute('class')).toBe('ok');
    await expect.poll(launcherText).toBe('Get set up 1/5');
    await addCustomer('Globex Ltd');
    await addCustomer('Initech');
    await expectCornerWidgets();
  });

  it('sending the first invoice raises the milestone toast', async () => {
    await sendInvoice('480');
    invoicesSent++;
    await expectToast('milestone:first-invoice', /First invoice sent/);
    await expect.poll(() => w.toast('milestone:first-invoice').locator('[data-share]').count()).toBe(2);
    await expect.poll(() => w.item('invoice').getAttribute('class')).toBe('ok');
    await expectCornerWidgets();
    await shot('reward.png');
    await closeToasts();
  });

  it('recording a payment ticks the third item; its toast waits (a first day allows one interruption)', async () => {
    await sendInvoice('1200');
    invoicesSent++;
    await page.click('#nav-invoices');
    await page.locator('tr[data-invoice="1001"] .record-payment').click();
    await expect.poll(launcherText).toBe('Get set up 3/5');
    await expect.poll(() => page.locator('habitual-widgets .panel [role=progressbar]').getAttribute('aria-valuenow')).toBe('3');
    // The first invoice's toast was the day's one interruption: neither the payment's toast
    // nor the reports nudge (now due) appears.
    await flush();
    expect(await w.toast('milestone:first-payment').count()).toBe(0);
    expect(await w.nudge('report.viewed').count()).toBe(0);
    await expectCornerWidgets();
    await shot('checklist.png');
  });

  it('opens the import and leaves without finishing it', async () => {
    await page.click('#import-customers');
    await page.locator('#import-form').waitFor();
    await page.click('#cancel-import');
    await page.locator('[data-table=customers]').waitFor();
    await flush();
  });

  it('day two: the user is stuck on the import; the nudge with its help link sits by the button, alone', async () => {
    await page.goto(`${demo.demoUrl}?now=${DAY2}`);
    await expect.poll(() => page.locator('#dev-bar [data-today]').getAttribute('data-today')).toBe(DAY2);
    const nudge = w.nudge('import');
    await expectAnchored(nudge, page.locator('#import-customers'), 'stuck-step nudge');
    await expect.poll(() => nudge.textContent()).toMatch(/Stuck on the import/);
    expect(await nudge.getByRole('link', { name: 'Learn more' }).getAttribute('href')).toBe('/help/import.html');
    // One interruption at a time: the help at the stuck step goes before the digest.
    expect(await w.digest().count(), 'the digest waits its turn').toBe(0);
    await expectAppClear();
    // A close-up of the nudge and the button it points at.
    const n = await box(nudge);
    const t = await box(page.locator('#import-customers'));
    const x = Math.max(0, Math.min(n.x, t.x) - 40);
    const y = Math.max(0, Math.min(n.y, t.y) - 30);
    await page.screenshot({
      path: shotPath('nudge.png'),
      clip: { x, y, width: Math.max(n.x + n.width, t.x + t.width) + 40 - x, height: Math.max(n.y + n.height, t.y + t.height) + 30 - y },
    });
  });

  it('finishing the import takes that nudge away; the next one, for reports, takes its place', async () => {
    await page.click('#import-customers');
    await page.click('#use-sample');
    await page.click('#run-import');
    await page.locator('[data-table=customers]').getByText('Kestrel Design').waitFor();
    await expect.poll(() => w.nudge('import').count()).toBe(0);
    // Done, not dismissed: no cooldown. Nudges go before the digest (priority 60 to 40).
    await expectAnchored(w.nudge('report.viewed'), page.locator('#nav-reports'), 'reports nudge');
    expect(await w.digest().count(), 'the digest still waits').toBe(0);
  });

  it("opening reports completes the checklist; then the digest shows yesterday, the streak and the app's own numbers", async () => {
    await sendInvoice('350');
    invoicesSent++;
    await page.click('#nav-reports');
    await page.locator('[data-table=owed]').waitFor();
    await expect.poll(() => w.nudge('report.viewed').count()).toBe(0);
    // A finished checklist steps aside: the launcher now opens the records.
    await expect.poll(launcherText).toBe('Your progress');
    const d = await box(w.digest());
    inViewport(d, 'digest');
    await expectAppClear();
    await expect.poll(() => w.digest().locator('[data-yesterday]').textContent()).toBe('2 invoices');
    await expect.poll(() => w.digest().locator('[data-streak]').textContent()).toMatch(/^\d+ days? in a row$/);
    const metrics = await w.digest().locator('[data-metric]').allTextContents();
    expect(metrics).toEqual([expect.stringMatching(/Invoices paid, last 7 days\s*1/), expect.stringMatching(/Amount due\s*€1,550\.00/)]);
    // The day's three interruptions are spent (two nudges and the digest): the checklist's
    // "All set up" toast waits for tomorrow.
    expect(await page.locator('habitual-widgets [data-toast]').count()).toBe(0);
    await expectCornerWidgets();
    await shot('digest.png');
  });

  it('records: active days, features, milestones; CSV export of both days', async () => {
    await w.digest().locator('button.x').click();
    await openPanel();
    const records = page.locator('habitual-widgets .panel section[aria-label=Records]');
    await records.waitFor();
    await expect
      .poll(() => records.locator('[data-milestones] li').allTextContents())
      .toEqual([expect.stringMatching(/^First invoice sent/), expect.stringMatching(/^First payment recorded/)]);
    const features = await records.locator('[data-features] li').allTextContents();
    for (const label of ['Add a customer', 'Send an invoice', 'Record a payment', 'Import customers', 'View reports']) {
      expect(
        features.some((f) => f.startsWith(label)),
        label,
      ).toBe(true);
    }
    await expectCornerWidgets();
    await shot('records.png');
    const [download] = await Promise.all([page.waitForEvent('download'), records.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('habitual-records.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('day,active_minutes,feature,count,value');
    expect(csv).toMatch(new RegExp(`^${DAY1},\\d+,invoice\\.sent,2,2$`, 'm'));
    expect(csv).toMatch(new RegExp(`^${DAY2},\\d+,import\\.completed,1,0$`, 'm'));
  });

  it('reminders: the user sets one from the same panel', async () => {
    await page.locator('habitual-widgets .panel [data-tab=reminders]').click();
    const panel = page.locator('habitual-widgets .panel section[aria-label=Reminders]');
    await panel.getByRole('button', { name: 'Add reminder' }).click();
    await panel.locator('select[name=repeat]').selectOption({ label: 'Monday' });
    await panel.locator('input[name=note]').fill('Chase unpaid invoices');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.locator('li[data-reminder]').textContent()).toMatch(/Every Monday at .*Chase unpaid invoices/);
    await expectCornerWidgets();
    await shot('reminders.png');
  });

  it("the collector's dashboard lists their account with the right numbers", async () => {
    // Stored days go out every 5 minutes, on hide, or when asked: ask.
    await page.evaluate(() => (window as unknown as { habitual: { flush(o: { sync: boolean }): Promise<void> } }).habitual.flush({ sync: true }));
    const auth = { headers: { authorization: `Bearer ${demo.adminToken}` } };
    type Card = {
      reach: number;
      users: number;
      breadth: number;
      depth: { meeting: number; seats: number };
      stages: Record<string, number>;
      account: { name: string; plan: string };
    };
    // Day one went out when its page was hidden (the Next day reload); wait for both days.
    await expect
      .poll(async () => ((await (await fetch(`${demo.collectorUrl}/v1/accounts/${accountId}/scorecard`, auth)).json()) as Card).reach, {
        timeout: 20_000,
        interval: 250,
      })
      .toBe(invoicesSent);
    const card = (await (await fetch(`${demo.collectorUrl}/v1/accounts/${accountId}/scorecard`, auth)).json()) as Card;
    expect(card).toMatchObject({ users: 1, breadth: 1, depth: { meeting: 0, seats: 3 }, account: { name: company, plan: 'Starter' } });

    const admin = await context.newPage();
    await admin.goto(demo.adminUrl);
    await admin.fill('input[name=token]', demo.adminToken);
    await admin.click('button[type=submit]');
    const row = admin.locator('[data-testid=accounts] tbody tr', { hasText: company });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    // Account, score, trend, depth, breadth, reach, value per $, stages.
    expect(cells[0]).toContain('Starter, 3 seats');
    expect(cells[3]).toBe('0/3');
    expect(cells[4]).toBe('100%');
    expect(cells[5]).toBe(String(invoicesSent));
    expect(cells[7]).toMatch(/\b(New|Activating) 1\b/);
    expect(await admin.locator('[data-testid=accounts] tbody tr').count()).toBe(33);
    // The list opens on the accounts most at risk: what a customer-success team looks at first.
    await admin.screenshot({ path: shotPath('dashboard.png') });

    // Their account's page: one user, active on both days, in the stage the device computed.
    const userId = await page.evaluate(() => JSON.parse(localStorage.getItem('ledgerly:session')!).userId as string);
    await row.getByRole('link', { name: company }).click();
    const user = admin.locator('[data-testid=users] tbody tr');
    await expect.poll(() => user.count()).toBe(1);
    const u = await user.locator('td').allTextContents();
    // User (the name the page gave init's traits, then the id), stage, score, L7, L28, last active, stuck on.
    expect(u[0]).toBe(`Robin${userId}`);
    // The stage in words (its explanation follows in a tooltip).
    const stage = (await user.locator('td').nth(1).locator('[tabindex]').textContent())!;
    expect(stage).toMatch(/^(New|Activating)$/);
    // The collector scores the user with the same engine as their device did (on the same day).
    if (DAY2 === new Date().toISOString().slice(0, 10)) {
      const device = await page.evaluate(() => (window as unknown as { habitual: { getState(): { score: number; stage: string } } }).habitual.getState());
      expect([stage.toLowerCase(), u[2].replace(/ \(\w+\)$/, '')]).toEqual([device.stage, String(Math.round(device.score))]);
    }
    expect([u[3], u[4], u[5], u[6]]).toEqual(['2', '2', DAY2, '']);

    // A seeded account that is fading (the steepest fall first): its score history over the bands.
    await admin.goto(`${demo.adminUrl}#/accounts`);
    await admin.locator('[data-sort=trend]').click();
    await expect.poll(() => admin.locator('[data-testid=accounts] th[aria-sort]').textContent()).toMatch(/^Trend/);
    await admin.locator('[data-testid=accounts] tbody tr a').first().click();
    await admin.locator('.chart canvas').waitFor();
    await admin.screenshot({ path: shotPath('account.png'), fullPage: true });

    // The whole user base, and the config editor previewing the widgets as a power user.
    await admin.goto(`${demo.adminUrl}#/overview`);
    await admin.locator('[data-testid=growth] canvas').waitFor();
    await admin.screenshot({ path: shotPath('overview.png'), fullPage: true });
    await admin.goto(`${demo.adminUrl}#/config`);
    await admin.selectOption('select[name=sample]', 'power');
    await expect.poll(() => admin.frameLocator('iframe.preview-frame').locator('body').getAttribute('data-shown'), { timeout: 15_000 }).toMatch(/^power:/);
    await admin.locator('[data-testid=preview]').scrollIntoViewIfNeeded();
    await admin.screenshot({ path: shotPath('config.png') });
    await admin.close();
  });
  it('journal: a private note for today, and the month in review downloaded as a PNG', async () => {
    await openPanel();
    await page.locator('habitual-widgets .panel [data-tab=journal]').click();
    const journal = page.locator('habitual-widgets .panel section.jr');
    await journal.locator('textarea').fill('Chased the two unpaid invoices. The CSV import saved me an hour.');
    // A signed-in user of an account may share a note with the team; this one stays private.
    await expect.poll(() => journal.getByLabel('Share with my team').isChecked()).toBe(false);
    await journal.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => journal.locator('form [role=status]').textContent()).toBe('Saved on this device.');
    await expect.poll(() => journal.locator('[data-notes] p').allTextContents()).toEqual(['Chased the two unpaid invoices. The CSV import saved me an hour.']);
    const month = DAY2.slice(0, 7);
    const active = [DAY1, DAY2].filter((d) => d.startsWith(month)).length;
    const totals = journal.locator('[data-review] [data-totals] li');
    await expect.poll(() => totals.first().textContent()).toBe(`${active} active days`.replace(/^1 active days$/, '1 active day'));
    if (active === 2) expect(await totals.nth(1).textContent()).toBe(`${invoicesSent} invoices`);
    await journal.locator('[data-review]').scrollIntoViewIfNeeded();
    await expectCornerWidgets();
    await shot('journal.png');
    const [download] = await Promise.all([page.waitForEvent('download'), journal.getByRole('button', { name: 'Download image' }).click()]);
    expect(download.suggestedFilename()).toBe(`habitual-${month}.png`);
    const png = readFileSync((await download.path())!);
    expect([png.subarray(1, 4).toString(), png.readUInt32BE(16)]).toEqual(['PNG', 720]);
  });

  it('team progress: with teammates added, the totals are the sum of their summaries; only those who opted in are named', async () => {
    // The dev bar's "Add teammates": three colleagues' days sent to the collector, two of them on the leaderboard.
    await page.locator('#add-teammates').click();
    await expect.poll(() => page.locator('#add-teammates').textContent()).toBe('3 teammates added');
    await openPanel();
    await page.locator('habitual-widgets .panel [data-tab=team]').click();
    const team = page.locator('habitual-widgets .panel section.team');
    await team.locator('[data-totals]').waitFor();
    // The week's invoices as the collector stores them, by the engine's rule (a use without a value is one unit).
    const auth = { headers: { authorization: `Bearer ${demo.adminToken}` } };
    const userId = await page.evaluate(() => JSON.parse(localStorage.getItem('ledgerly:session')!).userId as string);
    const monday = new Date(`${DAY2}T00:00:00Z`);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
    const from = monday.toISOString().slice(0, 10);
    let invoices = 0;
    for (const id of [userId, `${accountId}.sam`, `${accountId}.mei`, `${accountId}.olu`]) {
      const { merged } = (await (await fetch(`${demo.collectorUrl}/v1/users/${encodeURIComponent(id)}`, auth)).json()) as {
        merged: Array<{ day: string; features: Record<string, { n: number; value: number }> }>;
      };
      for (const d of merged.filter((x) => x.day >= from && x.day <= DAY2)) {
        const f = d.features['invoice.sent'];
        if (f?.n) invoices += f.value > 0 ? f.value : f.n;
      }
    }
    expect(invoices).toBeGreaterThan(invoicesSent);
    // The panel shows the device's copy at once and asks the collector again as it opens.
    await expect.poll(() => team.locator('[data-totals]').textContent()).toBe(`Together: ${invoices} invoices`);
    expect(await team.locator('[data-active]').textContent()).toBe('4 of 4 teammates active');
    // Not on the leaderboard yet: no names at all. Then the user joins under the name they signed up with.
    expect(await team.locator('[data-board]').count()).toBe(0);
    expect(await team.locator('input[name=displayName]').inputValue()).toBe('Robin');
    await team.getByRole('button', { name: 'Join' }).click();
    await expect
      .poll(async () => (await team.locator('[data-board] li span:first-child').allTextContents()).sort())
      .toEqual(['Mei Chen', 'Robin (you)', 'Sam Brown']);
    // Olu never opted in: counted in the totals, named nowhere.
    expect(await team.textContent()).not.toContain('Olu');
    await expect.poll(() => team.locator('[data-buddy]').textContent()).toMatch(/^(Sam Brown|Mei Chen) used .+ times this week$/);
    await expectCornerWidgets();
    await shot('team.png');
  });

  it("settings: Cancel subscription asks why; the answer reaches the dashboard's Responses page", async () => {
    await page.click('#nav-settings');
    const form = page.locator('habitual-widgets [data-survey=exit]');
    // The button carries data-habitual-survey="exit": a click opens the form, focus inside.
    await page.click('#cancel-subscription');
    await form.waitFor();
    await form.getByLabel('Missing a feature I need').check();
    await form.locator('textarea').fill('We bill monthly: recurring invoices would keep us.');
    await form.getByLabel('Share my comment with Ledgerly').check();
    await shot('survey.png');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => form.textContent()).toContain('Thank you for your answer.');
    const auth = { headers: { authorization: `Bearer ${demo.adminToken}` } };
    type Answers = { answers: Array<{ choice: string; text: string }> };
    await expect
      .poll(async () => ((await (await fetch(`${demo.collectorUrl}/v1/responses?account=${accountId}`, auth)).json()) as Answers).answers, { timeout: 15_000 })
      .toEqual([expect.objectContaining({ choice: 'missing', text: 'We bill monthly: recurring invoices would keep us.' })]);
    const admin = await context.newPage();
    await admin.goto(demo.adminUrl);
    await admin.fill('input[name=token]', demo.adminToken);
    await admin.click('button[type=submit]');
    await admin.locator('[data-testid=accounts]').waitFor();
    await admin.goto(`${demo.adminUrl}#/responses`);
    await admin.locator('[data-testid=reasons] tr[data-reason=missing]').waitFor();
    await admin.locator('.chart canvas').waitFor();
    await expect
      .poll(() => admin.locator('[data-testid=answers] [data-comment]').allTextContents())
      .toContain('We bill monthly: recurring invoices would keep us.');
    await admin.screenshot({ path: shotPath('responses.png') });
    // Their account's page lists the answer too.
    await admin.goto(`${demo.adminUrl}#/accounts/${encodeURIComponent(accountId)}`);
    await expect
      .poll(() => admin.locator('[data-testid=answers] [data-comment]').allTextContents())
      .toEqual(['We bill monthly: recurring invoices would keep us.']);
    await admin.close();
  });

  it("day three: the digest at a quick glance, a pinned shortcut, then what's new for a feature not found yet", async () => {
    const day3 = new Date(Date.parse(`${DAY2}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${demo.demoUrl}?now=${day3}`);
    await expect.poll(() => page.locator('#dev-bar [data-today]').getAttribute('data-today')).toBe(day3);
    // The digest goes first (priority 40 over the announcement's 30); the user wants just the line.
    await box(w.digest());
    expect(await page.locator('habitual-widgets .announce').count(), 'the announcement waits its turn').toBe(0);
    await w.digest().getByRole('button', { name: 'Quick glance' }).click();
    await expect.poll(() => w.digest().locator('[data-glance]').textContent()).toMatch(/^Yesterday: 1 invoice · \d+ days? in a row$/);
    expect(await w.digest().locator('[data-metric]').count(), 'the details are folded away').toBe(0);
    // Shortcuts: the month's most used features with a link, most first (ties by name); the
    // import's opening has no href, so it is no shortcut. Pinning reports puts them first.
    await openPanel();
    await page.locator('habitual-widgets .panel [data-tab=shortcuts]').click();
    const rows = () =>
      page
        .locator('habitual-widgets .panel section.shortcuts > ul li[data-shortcut]')
        .evaluateAll((li) => li.map((el) => (el as HTMLElement).dataset.shortcut));
    await expect.poll(rows).toEqual(['customer.created', 'invoice.sent', 'import.completed', 'payment.recorded', 'report.viewed']);
    await page.locator('habitual-widgets .panel [data-shortcut="report.viewed"]').getByRole('button', { name: 'Pin View reports' }).click();
    await expect.poll(rows).toEqual(['report.viewed', 'customer.created', 'invoice.sent', 'import.completed', 'payment.recorded']);
    await expectCornerWidgets();
    await shot('shortcuts.png');

    // Done with the digest for today; ten minutes on (the budget's cooldown after a dismissal),
    // the user works on and the announcement of the CSV export, which they have not used, shows.
    await w.digest().locator('button.x').click();
    await w.launcher().click();
    const at = await page.evaluate(() => Date.now());
    await page.clock.setSystemTime(new Date(at + 11 * 60_000));
    // Their next action (a new state) has the budget decide again.
    await addCustomer('Umbrella Bakes');
    const card = page.locator('habitual-widgets section.announce');
    inViewport(await box(card), 'announcement');
    await expect.poll(() => card.getAttribute('aria-label')).toBe('New: your books as a CSV file');
    expect(await card.getByRole('link', { name: 'Open reports' }).getAttribute('href')).toBe('#/reports');
    await expectAppClear();
    await shot('announce.png');
    // Its call to action is taken up: counted as a click, done for good, and the app goes there.
    await card.getByRole('link', { name: 'Open reports' }).click();
    await page.locator('#export-books').waitFor();
    await expect.poll(() => card.count()).toBe(0);
    await page.reload();
    await w.launcher().waitFor();
    const { profile, days } = await page.evaluate(() =>
      (
        window as unknown as {
          habitual: { exportData(): Promise<{ profile: { widgets: Record<string, unknown> }; days: Array<{ features: Record<string, { n: number }> }> }> };
        }
      ).habitual.exportData(),
    );
    expect((profile.widgets.attention as { marks: Record<string, { done?: number }> }).marks['announce:csv-export']?.done).toBeTypeOf('number');
    expect(days.at(-1)!.features['hb:announce.csv-export.clicked']?.n).toBe(1);
    expect(profile.widgets.shortcuts).toEqual({ pins: ['report.viewed'] });
    expect(await card.count(), 'taken up, it never returns').toBe(0);
  });

  it('took every screenshot the README shows, each a real PNG', () => {
    const shown = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/\]\(docs\/([\w-]+\.png)\)/g)].map((m) => m[1]);
    expect(shown.length, 'README shows screenshots').toBeGreaterThan(0);
    expect([...taken].sort()).toEqual([...new Set(shown)].sort());
    for (const name of taken) {
      const png = readFileSync(join(shots, name));
      expect(png.subarray(1, 4).toString(), `${name} is a PNG`).toBe('PNG');
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      expect(width * height, `${name} has pixels`).toBeGreaterThan(100 * 100);
      expect(width, `${name} fits the viewport`).toBeLessThanOrEqual(VIEWPORT.width);
    }
  });
});

// The same app on a phone: the page is wider than the screen (the sidebar and the toolbar do
// not fold), so the launcher must hold to the visual viewport; the panel is a bottom sheet.
// The helpers above read `page`: from here on it is the phone's.
describe.sequential('walk-through on a phone (390x844)', () => {
  const PHONE = { width: 390, height: 844 };
  beforeAll(async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
      reducedMotion: 'reduce',
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    page = await phone.newPage();
    page.setDefaultTimeout(15_000);
  });

  /** The launcher's box inside the visual viewport (what the user sees, zoomed or scrolled sideways). */
  const launcherOnScreen = () =>
    page.evaluate(() => {
      const l = document.querySelector('habitual-widgets')!.shadowRoot!.querySelector('.launcher')!.getBoundingClientRect();
      const v = visualViewport!;
      return l.width > 0 && l.left >= v.offsetLeft && l.top >= v.offsetTop && l.right <= v.offsetLeft + v.width && l.bottom <= v.offsetTop + v.height;
    });

  it('a new user signs up: nothing covers the app, the launcher is on screen', async () => {
    await page.goto(`${demo.demoUrl}?now=${DAY1}`);
    await page.fill('#signup-form input[name=company]', 'Pocket Bakery');
    await page.fill('#signup-form input[name=name]', 'Sam');
    await page.click('#start');
    await page.locator('#who[data-account]').waitFor();
    await expect.poll(launcherText).toBe('Get set up 0/5');
    await expectAppClear();
    expect(await launcherOnScreen()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the app is wider than the phone').toBeGreaterThan(PHONE.width);
  });

  it('the panel is a bottom sheet across the visual viewport; closed, the app is clear again', async () => {
    await w.launcher().click();
    const sheet = await box(w.panel());
    const view = await page.evaluate(() => ({ width: visualViewport!.width, height: visualViewport!.height }));
    expect(Math.abs(sheet.width - view.width), 'sheet spans the screen').toBeLessThanOrEqual(1);
    expect(Math.abs(sheet.y + sheet.height - view.height), 'sheet at the bottom').toBeLessThanOrEqual(1);
    expect(overlap(sheet, await box(w.launcher())), 'launcher clear of the sheet').toBe(0);
    // The sheet the user opened covers the lower part of the app while it is open; nothing else does.
    await expectAppClear(page, ['panel']);
    await page.keyboard.press('Escape');
    await expect.poll(() => w.panel().count()).toBe(0);
    await expectAppClear();
  });

  it("working in the app: every click reaches the app's own controls, the milestone toast covers none", async () => {
    // page.click fails when something else would take the click: each one is a check too.
    await addCustomer('Harbour Cafe');
    await expectAppClear();
    await sendInvoice('90');
    await expect.poll(() => w.toast('milestone:first-invoice').count()).toBe(1);
    await expectAppClear();
    await page.click('#nav-invoices');
    await expectAppClear();
    expect(await launcherOnScreen()).toBe(true);
  });

  it('zoomed in on the wide page, the launcher stays inside the visual viewport', async () => {
    // The user zooms in and pans to the right: the launcher follows the visual viewport.
    const cdp = await page.context().newCDPSession(page);
    // Zooming in at the right edge leaves the visual viewport on the right half of the page.
    await cdp.send('Input.synthesizePinchGesture', { x: 385, y: 400, scaleFactor: 2, relativeSpeed: 800 });
    await expect.poll(() => page.evaluate(() => visualViewport!.scale)).toBeGreaterThan(1.5);
    await expect.poll(() => page.evaluate(() => visualViewport!.offsetLeft)).toBeGreaterThan(50);
    await expect.poll(launcherOnScreen).toBe(true);
    await expectAppClear();
  });
});
