// `npm start` as a newcomer runs it: the start command boots the collector and the demo,
// seeds the accounts, and both answer. (`npm test` builds first, as `npm start` does.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo, type RunningDemo } from '../../demo/src/run-demo';

const root = join(import.meta.dirname, '..', '..');
let demo: RunningDemo;

beforeAll(async () => {
  demo = await runDemo();
}, 120_000);

afterAll(async () => {
  const code = await demo?.stop();
  expect(code, demo?.output()).toBe(0);
});

describe('npm start (node demo/start.mjs)', () => {
  it('prints the demo URL, the dashboard URL and its token, and what it seeded', () => {
    expect(demo.demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(demo.adminUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/admin$/);
    expect(demo.adminToken).toMatch(/^at_/);
    expect(demo.output()).toMatch(/seeded 32 accounts \(12 healthy, 10 fading, 7 stuck, 3 comeback\), \d+ users/);
  });

  it('serves the demo page with the real async snippet and the built SDK next to it', async () => {
    const page = await fetch(demo.demoUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Ledgerly');
    const snippet = readFileSync(join(root, 'packages/sdk/dist/snippet.min.js'), 'utf8').trim();
    expect(html, 'index.html must carry the snippet exactly as built').toContain(snippet);
    for (const file of ['habitual.js', 'habitual-engine.js', 'habitual-widgets.js', 'habitual-widget-checklist.js']) {
      const res = await fetch(new URL(file, demo.demoUrl));
      expect(res.status, file).toBe(200);
      expect(await res.text(), file).toBe(readFileSync(join(root, 'packages/sdk/dist', file), 'utf8'));
    }
    const env = await (await fetch(new URL('env.js', demo.demoUrl))).text();
    expect(env).toContain(`"collectorPort":${new URL(demo.collectorUrl).port}`);
  });

  it('serves the dashboard at /admin, and the collector holds the seeded accounts', async () => {
    const admin = await fetch(demo.adminUrl);
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('/admin/admin.js');
    expect((await fetch(new URL('/admin/admin.js', demo.adminUrl))).status).toBe(200);
    type Item = { band: string; stages: Record<string, number> };
    const list = async () => {
      const res = await fetch(`${demo.collectorUrl}/v1/accounts`, { headers: { authorization: `Bearer ${demo.adminToken}` } });
      return ((await res.json()) as { accounts: Item[] }).accounts;
    };
    // The kept states follow the seeding by about a second (the collector's refresher).
    await expect
      .poll(async () => (await list()).filter((a) => a.band !== 'error' && Object.keys(a.stages).length).length, { timeout: 20_000, interval: 250 })
      .toBe(32);
    const accounts = await list();
    // Healthy, fading and stuck accounts, as the simulator's cohorts make them.
    const bands = new Set(accounts.map((a) => a.band));
    expect([...bands].sort()).toEqual(['green', 'red', 'yellow']);
    const stages = new Set(accounts.flatMap((a) => Object.keys(a.stages)));
    for (const stage of ['power', 'engaged', 'at_risk', 'dormant', 'stuck', 'resurrected']) expect(stages, stage).toContain(stage);
  });

  it('seeds the example experiments, so the Experiments page opens on real intervals', async () => {
    const report = async (id: string) =>
      (await fetch(`${demo.collectorUrl}/v1/experiments/${id}`, { headers: { authorization: `Bearer ${demo.adminToken}` } })).json();
    const cadence = await report('reminder-cadence');
    expect(cadence.arms.map((a: { arm: string }) => a.arm)).toEqual(['weekly', 'daily']);
    const daily = cadence.arms[1];
    expect(daily.measured).toBeGreaterThan(10);
    expect(daily.vsBaseline.qualifiedDays.low).toBeLessThan(daily.vsBaseline.qualifiedDays.high);
    expect(Number.isFinite(daily.vsBaseline.qualifiedDays.diff)).toBe(true);
    expect((await report('digest-time')).arms.map((a: { arm: string; measured: number }) => a.measured > 10)).toEqual([true, true]);
  });

  it('lets the page write to the collector from its own origin (CORS)', async () => {
    const origin = new URL(demo.demoUrl).origin;
    const res = await fetch(`${demo.collectorUrl}/v1/summaries`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('signs up a workspace: the backend registers its plan with the collector', async () => {
    const res = await fetch(new URL('/api/session', demo.demoUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ company: 'Test Co', name: 'Ada' }),
    });
    const session = (await res.json()) as { accountId: string; userId: string; hash: string };
    expect(session.accountId).toMatch(/^test-co-[0-9a-f]{6}$/);
    expect(session.hash).toMatch(/^[0-9a-f]{64}$/);
    const card = await fetch(`${demo.collectorUrl}/v1/accounts/${session.accountId}/scorecard`, { headers: { authorization: `Bearer ${demo.adminToken}` } });
    expect(((await card.json()) as { account: { plan: string; paidSeats: number } }).account).toMatchObject({ plan: 'Starter', paidSeats: 3 });
  });
});
