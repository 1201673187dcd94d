// @vitest-environment happy-dom
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Window as HappyWindow } from 'happy-dom';
import { h, render, type ComponentChild } from 'preact';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/database';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/open-pglite';
import { ADMIN, adminFixture } from '../testing/admin-fixture';
import { day, post, summaries } from '../testing/fixtures';
import { AccountPage } from './account-page';
import { AccountsPage } from './accounts-page';

const NOW = Date.UTC(2025, 2, 31, 12);
/** Qualified days `ago` (0 = 2025-03-31), one invoice each. */
const daysAgo = (ago: number[]) =>
  ago.map((n) => day(new Date(Date.UTC(2025, 2, 31 - n)).toISOString().slice(0, 10), 1, { 'invoice.sent': { n: 1, value: 1 } }));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// The dashboard against a real collector over HTTP: the page's origin is the collector's, as
// when /admin serves it.
describe('dashboard trend', () => {
  let db: Db;
  let server: ServerType;
  const mount = (vnode: ComponentChild) => {
    const root = document.createElement('main');
    document.body.append(root);
    render(vnode, root);
    return root;
  };

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    const fx = await adminFixture(db, { now: () => NOW });
    await fx.call('PUT', '/v1/admin/config', { config: { features: { 'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' } } } });
    const send = (userId: string, accountId: string, ago: number[]) =>
      fx.app.request('/v1/summaries', post(summaries({ identity: { userId, accountId, deviceId: `d_${userId}` }, days: daysAgo(ago) })));
    await send('u_new', 'fresh', range(0, 9));
    await send('u_old', 'steady', [...range(0, 5), ...range(14, 18)]);
    // As data stored before zones were checked at ingest would be: that account cannot be scored.
    await db.query(`INSERT INTO users (app_id, id, account_id, tz) VALUES ('ledgerly', 'u_bad', 'broken', 'Not/AZone')`);
    await db.query(
      `INSERT INTO day_rollups (app_id, user_id, device_id, day, tz, rev, active_ms, features, firsts)
       VALUES ('ledgerly', 'u_bad', 'd_bad', '2025-03-30', 'Not/AZone', 1, 600000, '{"invoice.sent":{"n":1,"value":1}}', '{}')`,
    );
    await db.query(`INSERT INTO state_queue (app_id, account_id, due_at) VALUES ('ledgerly', 'broken', '-infinity')`);
    // Set by the backend, no user has sent a day: "no data yet", not a red 0.
    await fx.call('PUT', '/v1/accounts/empty', { name: 'Empty Co', plan: 'team', pricePerMonth: 50, paidSeats: 5 });
    await fx.states.settle();
    server = serve({ fetch: fx.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    (window as unknown as HappyWindow).happyDOM.setURL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`);
    sessionStorage.setItem('habitual-admin-token', ADMIN);
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await db?.close();
  });

  it('lists a brand-new account as "new", not as a percentage, and a compared one with its change', async () => {
    const root = mount(h(AccountsPage, { pageSize: 50 }));
    await vi.waitFor(() => expect(root.querySelectorAll('[data-testid=accounts] tbody tr')).toHaveLength(4), { timeout: 5_000 });
    const trendOf = (id: string) =>
      [...root.querySelectorAll('tbody tr')]
        .find((tr) => tr.textContent!.includes(id))!
        .querySelectorAll('td')[2]
        .textContent!.trim();
    expect(trendOf('fresh')).toBe('new');
    expect(trendOf('steady')).toMatch(/^\+20\s?%$/);
    // Last, after every score, in its own state; its id under its name.
    const last = [...root.querySelectorAll('[data-testid=accounts] tbody tr')].pop()!;
    expect(last.querySelector('a')!.textContent).toBe('Empty Co');
    expect(last.querySelector('.id')!.textContent).toBe('empty');
    expect(last.querySelector('.band')!.textContent).toBe('no data yet');
    expect(last.querySelector('.band')!.className).toBe('band none');
  });

  it('pages, searches and sorts through the list, and shows an account that cannot be scored as an error row', async () => {
    const root = mount(h(AccountsPage, { pageSize: 2 }));
    const rows = () => [...root.querySelectorAll('[data-testid=accounts] tbody tr')].map((tr) => tr.querySelector('a')!.textContent);
    const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)! as HTMLButtonElement;
    // Most at risk first: the account in error sorts below every score.
    await vi.waitFor(() => expect(rows()).toEqual(['broken', 'fresh']), { timeout: 5_000 });
    expect(root.querySelector('[data-testid=account-error]')!.textContent).toMatch(/Not\/AZone/);
    expect(button('Previous').disabled).toBe(true);
    button('Next').click();
    await vi.waitFor(() => expect(rows()).toEqual(['steady', 'Empty Co']), { timeout: 5_000 });
    expect(button('Next').disabled).toBe(true);
    button('Previous').click();
    await vi.waitFor(() => expect(rows()).toEqual(['broken', 'fresh']), { timeout: 5_000 });
    (root.querySelector('[data-sort=name]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(rows()).toEqual(['broken', 'Empty Co']), { timeout: 5_000 });
    (root.querySelector('[data-sort=name]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(rows()).toEqual(['steady', 'fresh']), { timeout: 5_000 });
    const search = root.querySelector('input[name=q]') as HTMLInputElement;
    search.value = 'STEA';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(rows()).toEqual(['steady']), { timeout: 5_000 });
  });

  it('shows "new" on the account page and the trend measure without data', async () => {
    const root = mount(h(AccountPage, { id: 'fresh' }));
    await vi.waitFor(() => expect(root.querySelector('[data-testid=users]')).not.toBeNull(), { timeout: 5_000 });
    expect(root.querySelector('[data-testid=account-summary]')!.textContent).toMatch(/trend\s+new$/);
    const trendRow = [...root.querySelectorAll('[data-testid=measures] tbody tr')].find((tr) => tr.querySelector('td [tabindex]')!.textContent === 'Trend')!;
    const cells = [...trendRow.querySelectorAll('td')];
    expect(cells[0].querySelector('[role=tooltip]')!.textContent).toMatch(/^Active users per day/);
    expect(cells.slice(1).map((td) => td.textContent)).toEqual(['new', 'no data', '15', '0', '0']);
    // Why the score, in words: the trend says it is too new, and costs nothing.
    expect(root.querySelector('[data-testid=reasons]')!.textContent).toMatch(/Trend: Too new for a trend/);
  });
});
