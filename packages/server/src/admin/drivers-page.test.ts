// @vitest-environment happy-dom
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Window as HappyWindow } from 'happy-dom';
import { h, render } from 'preact';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dayIndex } from '@habitual/core';
import { churnWorld } from '@habitual/core/sim';
import type { Db } from '../db/database';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/open-pglite';
import { ADMIN, adminFixture } from '../testing/admin-fixture';
import { seedChurnWorld } from '../testing/seed-churn-world';
import { DriversPage } from './drivers-page';

const world = churnWorld({ users: 320, seed: 5, days: 200 });
const NOW = dayIndex(world.today) * 86_400_000 + 12 * 3_600_000;

// The Drivers page against a real collector over HTTP, on the simulator's churn world.
describe('dashboard drivers page', () => {
  let db: Db;
  let server: ServerType;
  let fx: Awaited<ReturnType<typeof adminFixture>>;

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    fx = await adminFixture(db, { now: () => NOW });
    await seedChurnWorld(fx, world);
    server = serve({ fetch: fx.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    (window as unknown as HappyWindow).happyDOM.setURL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`);
    sessionStorage.setItem('habitual-admin-token', ADMIN);
  }, 240_000);
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await db?.close();
  });

  it('ranks features by effect with intervals, shows model quality, and publishes and rolls back the weights', async () => {
    const root = document.createElement('main');
    document.body.append(root);
    render(h(DriversPage, {}), root);
    await vi.waitFor(() => expect(root.querySelectorAll('[data-features] tbody tr').length).toBe(9), { timeout: 20_000 });
    expect(root.querySelector('[data-quality]')!.textContent).toMatch(/Held-out AUC 0\.\d{3} \(current score 0\.\d{3}, qualified days in 28 0\.\d{3}/);
    const effects = [...root.querySelectorAll('[data-features] tbody tr')].map((tr) => Math.abs(Number(tr.querySelectorAll('td')[4].textContent!.trim())));
    expect(effects).toEqual([...effects].sort((a, b) => b - a));
    expect(root.querySelectorAll('[data-interval]')).toHaveLength(9);

    const before = (await (await fx.call('GET', '/v1/admin/config')).json()).version;
    const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === name) as HTMLButtonElement;
    button('Use these weights').click();
    await vi.waitFor(() => expect(root.querySelector('[role=status]')?.textContent).toMatch(/Published as config version/), { timeout: 5_000 });
    const published = await (await fx.call('GET', '/v1/admin/config')).json();
    expect(published.version).toBe(before + 1);
    expect(published.config.engagement.drivers.weights['invoice.sent']).toBeGreaterThan(0);
    expect(published.config.engagement.weights.drivers).toBe(100);

    button('Roll back').click();
    await vi.waitFor(() => expect(root.querySelector('[role=status]')?.textContent).toMatch(/Rolled back/), { timeout: 5_000 });
    const back = await (await fx.call('GET', '/v1/admin/config')).json();
    expect(back.config.engagement?.drivers).toBeUndefined();
  });
});
