import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { readSettings } from '../settings';
import { startServer } from '../start-server';
import { migrate } from './migrate';
import { openPostgres } from './open-postgres';
import { saveApp } from '../apps/app-store';
import { identityHash } from '../http/identity';
import { day, summaries } from '../testing/fixtures';

const url = process.env.DATABASE_URL;

/** `url` with libpq startup options (the way an operator points a collector at a schema or a role's settings). */
const withOptions = (base: string, options: string) => `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(options)}`;

// End to end through the environment: the collector started with DATABASE_URL and
// DATABASE_READ_URL. The "replica" is a second schema in the same database behind a read-only
// connection (default_transaction_read_only, its own application_name): it holds an account the
// primary does not, so what the dashboard lists shows which connection it read, and a write
// routed to it would fail. A real streaming replica differs only in how its data gets there.
describe.skipIf(!url)('DATABASE_READ_URL (PostgreSQL)', () => {
  const tag = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const primary = `rr_${tag}_p`;
  const replica = `rr_${tag}_r`;
  const readName = `habitual_read_${tag}`;
  const writeName = `habitual_write_${tag}`;
  const admin = new pg.Client({ connectionString: url });

  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${primary} CASCADE; DROP SCHEMA IF EXISTS ${replica} CASCADE`);
    await admin.end();
  });

  it('sends the dashboard reads to the read URL and every write to the primary', async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${primary}`);
    const seed = await openPostgres(url!, { schema: replica, max: 1 });
    await migrate(seed);
    await saveApp(seed, { id: 'ledgerly', writeKey: 'wk_test', secret: 'sk_t', origins: ['*'] });
    await seed.query(
      `INSERT INTO account_states (app_id, account_id, name, sort_name, users, score, band, trend, config_version, updated_at, computed_at)
       VALUES ('ledgerly', 'on_replica', 'Only on the replica', 'only on the replica', 1, 70, 'green', 0, 0, now(), now())`,
    );
    await seed.close();

    const settings = readSettings(['--port', '0', '--host', '127.0.0.1'], {
      DATABASE_URL: withOptions(url!, `-c search_path=${primary} -c application_name=${writeName}`),
      DATABASE_READ_URL: withOptions(url!, `-c search_path=${replica} -c application_name=${readName} -c default_transaction_read_only=on`),
      HABITUAL_APP_ID: 'ledgerly',
      HABITUAL_WRITE_KEY: 'wk_test',
      HABITUAL_SECRET: 'sk_t',
      HABITUAL_ADMIN_TOKEN: 'at_t',
    });
    if (settings === 'help') throw new Error('unexpected help');
    const server = await startServer(settings, { log: () => {} });
    try {
      const identity = { userId: 'u_1', accountId: 'acme', deviceId: 'dev_a', hash: identityHash({ userId: 'u_1', accountId: 'acme' }, 'sk_t') };
      const sent = await fetch(`${server.url}/v1/summaries`, {
        method: 'POST',
        body: JSON.stringify(summaries({ identity, days: [day('2025-03-01', 2), day('2025-03-02', 1)] })),
      });
      expect(sent.status).toBe(200);
      expect(await sent.json()).toMatchObject({ stored: 2 });
      // The write landed in the primary only (the read connection could not have taken it).
      const count = async (schema: string) => (await admin.query(`SELECT count(*)::int AS n FROM ${schema}.day_rollups`)).rows[0].n;
      expect(await count(primary)).toBe(2);
      expect(await count(replica)).toBe(0);
      // The primary's kept state catches up (the refresher writes through DATABASE_URL)...
      await expect
        .poll(async () => (await admin.query(`SELECT account_id FROM ${primary}.account_states`)).rows.map((r) => r.account_id), { timeout: 10_000 })
        .toEqual(['acme']);

      // ...but the dashboard's list is read through DATABASE_READ_URL: it shows the replica's rows.
      const list = await fetch(`${server.url}/v1/accounts?app=ledgerly`, { headers: { authorization: 'Bearer at_t' } });
      expect(list.status).toBe(200);
      expect(((await list.json()) as { accounts: Array<{ account: { id: string } }> }).accounts.map((a) => a.account.id)).toEqual(['on_replica']);
      const csv = await fetch(`${server.url}/v1/accounts.csv?app=ledgerly`, { headers: { authorization: 'Bearer at_t' } });
      expect(await csv.text()).toContain('on_replica');

      // PostgreSQL's own view agrees: the collector holds connections under both names, and
      // the read connections ran the list's query.
      const activity = await admin.query<{ application_name: string; query: string }>(
        'SELECT application_name, query FROM pg_stat_activity WHERE application_name = ANY($1::text[])',
        [[readName, writeName]],
      );
      expect(activity.rows.some((r) => r.application_name === writeName)).toBe(true);
      const reads = activity.rows.filter((r) => r.application_name === readName);
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.some((r) => /FROM account_states/.test(r.query))).toBe(true);
      expect(reads.every((r) => !/^\s*(INSERT|UPDATE|DELETE)/i.test(r.query))).toBe(true);

      // And that connection really is read-only: a write through it is refused.
      const reader = new pg.Client({ connectionString: settings.databaseReadUrl });
      await reader.connect();
      await expect(
        reader.query(`INSERT INTO account_states (app_id, account_id, sort_name, score, band, trend, config_version, updated_at, computed_at)
        VALUES ('ledgerly', 'x', 'x', 0, 'red', 0, 0, now(), now())`),
      ).rejects.toThrow(/read-only transaction/);
      await reader.end();
    } finally {
      await server.close();
    }
  });
});
