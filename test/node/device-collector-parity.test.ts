// Bug: rule events (a funnel start, say) left the device as `other`, so the collector saw a
// different user than the device did. With DESIGN's own example config, the collector's view
// of a user must equal the device's getState().
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKeeper, createTracker, memoryKV, type HabitualConfig, type HabitualInstance } from '@habitual/core';
import { migrate, openPglite, type Db } from '@habitual/server';
import { saveConfig } from '../../packages/server/src/config/config-store';
import { adminFixture } from '../../packages/server/src/testing/admin-fixture';

/** DESIGN.md's example config: `import.opened` is a funnel start, not a listed feature. */
const config: HabitualConfig = {
  features: {
    'customer.created': { label: 'Add a customer', key: true },
    'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
    'import.completed': { label: 'Import customers', key: true },
  },
  engagement: { activeMinutes: 5, streak: { period: 'weekday' } },
  activation: [
    { event: 'customer.created', count: 3 },
    { event: 'invoice.sent', count: 1 },
  ],
  funnels: [
    { id: 'import', start: 'import.opened', done: 'import.completed', withinDays: 2, help: { text: 'Importing from a spreadsheet?', href: '/help/import' } },
  ],
  milestones: [
    { id: 'first-invoice', event: 'invoice.sent', count: 1, title: 'First invoice sent' },
    { id: 'streak-5', streak: 5, title: 'Five working days in a row' },
  ],
  widgets: {
    checklist: { enabled: true, title: 'Get set up', items: [{ id: 'customer', label: 'Add your first customer', event: 'customer.created', count: 1 }] },
  },
};

let db: Db;
let fixture: Awaited<ReturnType<typeof adminFixture>>;
const clock = { t: Date.parse('2026-11-16T09:00:00Z') };

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  fixture = await adminFixture(db, { now: () => clock.t });
  await saveConfig(db, 'ledgerly', config);
});
afterAll(() => db?.close());

function device(): HabitualInstance {
  return createTracker(
    { appId: 'ledgerly', writeKey: 'wk_test', endpoint: 'http://collector.test', user: { id: 'u_parity', accountId: 'acme' }, config },
    {
      now: () => clock.t,
      timeZone: () => 'UTC',
      env: undefined,
      openKV: () => memoryKV(),
      keeper: () => ({ createKeeper }),
      sync: {
        fetch: ((url: string, init?: RequestInit) => fixture.app.request(url, init)) as typeof fetch,
        now: () => clock.t,
        locks: undefined,
        storage: undefined,
        target: undefined,
        gzip: undefined,
      },
    },
  );
}

it('the collector sees the user the device sees: stage, stuck step, score', async () => {
  const h = device();
  const day = (n: number) => (clock.t = Date.parse('2026-11-16T09:00:00Z') + n * 86_400_000);
  for (let i = 0; i < 3; i++) h.track('customer.created');
  h.track('invoice.sent', { value: 2 });
  await h.flush();
  day(1);
  h.track('invoice.sent');
  h.track('import.opened'); // started, never finished: stuck on the import after 2 days
  await h.flush();
  day(4);
  h.track('customer.created');
  await h.flush({ sync: true });

  const device_ = h.getState()!;
  expect(device_.stuck).toMatchObject({ funnel: 'import' });
  const res = await fixture.call('GET', '/v1/accounts/acme/scorecard?app=ledgerly');
  expect(res.status).toBe(200);
  const card = (await res.json()) as {
    usersDetail: Array<{ id: string; stage: string; score: number; band: string; l7: number; l28: number; stuck?: unknown }>;
  };
  const seen = card.usersDetail.find((u) => u.id === 'u_parity');
  expect(seen).toEqual(
    expect.objectContaining({
      stage: device_.stage,
      score: Math.round(device_.score),
      band: device_.band,
      l7: device_.l7,
      l28: device_.l28,
      stuck: device_.stuck,
    }),
  );
  await h.destroy();
});
