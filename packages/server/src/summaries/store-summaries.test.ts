import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '@habitual/core/sim';
import { mergeDeviceRollups, type DayRollup } from '@habitual/core';
import type { Db } from '../db/database';
import { openPostgres } from '../db/open-postgres';
import { migrate } from '../db/migrate';
import { findApp, saveApp } from '../apps/app-store';
import { announceSkip, testDatabases } from '../testing/test-databases';
import { loadUserDays, storeSummaries } from './store-summaries';
import { STORE_SUMMARIES } from './store-summaries-routine';

const APP = 'ledgerly';
const NAMES = ['invoice.sent', 'customer.created', 'report.viewed', 'import.opened', 'other'];

/** A copy of one device's day: any revision, any subset of features, counts up or down. */
function copy(next: () => number, day: string): DayRollup {
  const features: DayRollup['features'] = {};
  for (const name of NAMES) if (next() < 0.7) features[name] = { n: Math.floor(next() * 20), value: Math.floor(next() * 4) * 2.5 };
  return { v: 1, day, tz: 'Europe/Helsinki', rev: 1 + Math.floor(next() * 6), activeMs: Math.floor(next() * 600_000), features, firsts: {} };
}

for (const target of testDatabases()) {
  describe.skipIf(target.skip)(`storeSummaries on ${target.name}`, () => {
    let db: Db & { drop(): Promise<void> };
    beforeAll(async () => {
      announceSkip(target);
      db = await target.open();
      await saveApp(db, { id: APP, verifyIdentity: false });
    });
    afterAll(() => db.drop());

    it('keeps what core merges: per feature the max of every copy received, in any order', async () => {
      const next = createRandom(7).next;
      const days = ['2025-03-01', '2025-03-02', '2025-03-03'];
      const sent: DayRollup[] = [];
      for (let i = 0; i < 40; i++) {
        // One to three days per batch, each a copy that may add to the stored one or not.
        const batch = days.filter(() => next() < 0.6).map((day) => copy(next, day));
        if (!batch.length) continue;
        sent.push(...batch);
        await storeSummaries(db, APP, { userId: 'u_1', deviceId: 'd_1' }, batch);
      }
      const [stored] = await loadUserDays(db, APP, 'u_1');
      const expected = mergeDeviceRollups([{ deviceId: 'd_1', days: sent }]);
      expect(stored.days.map(({ day, rev, activeMs, features }) => ({ day, rev, activeMs, features }))).toEqual(
        expected.map(({ day, rev, activeMs, features }) => ({ day, rev, activeMs, features })),
      );
    });
  });
}

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('hot statements on PostgreSQL', () => {
  const schema = `t_prep_${Date.now().toString(36)}`;
  let db: Db;
  beforeAll(async () => {
    // One connection, so the prepared statements listed are the ones the writes used.
    db = await openPostgres(url as string, { schema, max: 1 });
    await migrate(db);
    await saveApp(db, { id: APP, verifyIdentity: false });
  });
  afterAll(async () => {
    await db.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  });

  it('are prepared once per connection, whatever the number of days in a batch', async () => {
    const day = (d: string): DayRollup => ({ v: 1, day: d, tz: 'UTC', rev: 1, activeMs: 1000, features: { 'invoice.sent': { n: 1, value: 0 } }, firsts: {} });
    expect(await storeSummaries(db, APP, { userId: 'u_1', deviceId: 'd_1' }, [day('2025-03-01')])).toBe(1);
    expect(await storeSummaries(db, APP, { userId: 'u_1', deviceId: 'd_1' }, ['2025-03-02', '2025-03-03', '2025-03-04'].map(day))).toBe(3);
    expect((await findApp(db, APP))?.id).toBe(APP);
    const prepared = await db.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name');
    expect(prepared.map((p) => p.name)).toEqual(['habitual_find_app', STORE_SUMMARIES.name]);
  });
});
