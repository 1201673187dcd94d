import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSettings } from './settings';
import { startServer } from './start-server';
import { migrate } from './db/migrate';
import { migrations } from './db/migrations';
import { openPglite } from './db/open-pglite';
import { bootstrap } from './apps/bootstrap';
import { isAdminToken } from './apps/admin-token';
import { listApps } from './apps/app-store';
import { day, summaries } from './testing/fixtures';

describe('readSettings', () => {
  it('takes flags over env over defaults', () => {
    expect(readSettings([], {})).toMatchObject({ port: 8787, host: '0.0.0.0', dataDir: './.habitual-data', databaseUrl: undefined });
    expect(readSettings([], { PORT: '9000', HABITUAL_DATA: '/d', DATABASE_URL: 'postgres://x' })).toMatchObject({ port: 9000, dataDir: '/d', databaseUrl: 'postgres://x' });
    expect(readSettings(['--port', '9100', '--data=/e'], { PORT: '9000' })).toMatchObject({ port: 9100, dataDir: '/e' });
    expect(readSettings(['--help'], {})).toBe('help');
  });

  it('says which argument is wrong', () => {
    expect(() => readSettings(['--prot', '1'], {})).toThrow(/Unknown flag --prot/);
    expect(() => readSettings(['--port', 'x'], {})).toThrow(/"x" is not a port number/);
    expect(() => readSettings(['--port'], {})).toThrow(/--port needs a value/);
  });
});

describe('migrations and first start', () => {
  it('migrates once and records the version', async () => {
    const db = await openPglite();
    const versions = migrations.map((m) => m.version).sort((a, b) => a - b);
    expect(await migrate(db)).toEqual(versions);
    expect(await migrate(db)).toEqual([]);
    expect(await db.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(versions.map((version) => ({ version })));
    await db.close();
  });

  it('creates a demo app and an admin token on a first start, once', async () => {
    const db = await openPglite();
    await migrate(db);
    const first = await bootstrap(db, {});
    expect(first.created).toBe(true);
    expect(first.app).toMatchObject({ id: 'demo', origins: ['*'] });
    expect(first.adminToken).toMatch(/^at_/);
    expect(await isAdminToken(db, first.adminToken!)).toBe(true);
    const second = await bootstrap(db, {});
    expect(second).toMatchObject({ created: false, adminToken: undefined });
    expect(await listApps(db)).toHaveLength(1);
    await db.close();
  });

  it('takes the app, keys, origins and admin token from the environment', async () => {
    const db = await openPglite();
    await migrate(db);
    const env = { HABITUAL_ADMIN_TOKEN: 'at_env', HABITUAL_APP_ID: 'ledgerly', HABITUAL_WRITE_KEY: 'wk_env', HABITUAL_SECRET: 'sk_env', HABITUAL_ORIGINS: 'http://localhost:5173, https://app.test' };
    const boot = await bootstrap(db, env);
    expect(boot.app).toMatchObject({ id: 'ledgerly', writeKey: 'wk_env', secret: 'sk_env', origins: ['http://localhost:5173', 'https://app.test'] });
    expect(boot.adminToken).toBeUndefined();
    expect(await isAdminToken(db, 'at_env')).toBe(true);
    expect((await listApps(db)).map((a) => a.id)).toEqual(['ledgerly']);
    await db.close();
  });
});

describe('startServer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'habitual-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const settings = { port: 0, host: '127.0.0.1', dataDir: dir, env: { HABITUAL_APP_ID: 'ledgerly', HABITUAL_WRITE_KEY: 'wk_test', HABITUAL_ADMIN_TOKEN: 'at_t' } };

  it('serves over HTTP from PGlite on disk, and keeps the data across restarts', async () => {
    const lines: string[] = [];
    let server = await startServer(settings, { log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/created app "ledgerly"[\s\S]*write key  wk_test/);
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ ok: true, db: 'pglite' });
    const res = await fetch(`${server.url}/v1/summaries`, { method: 'POST', body: JSON.stringify(summaries({ days: [day('2025-03-01', 4)] })) });
    expect(res.status).toBe(200);
    await server.close();
    server = await startServer(settings, { log: () => {} });
    const user = await fetch(`${server.url}/v1/users/u_1`, { headers: { authorization: 'Bearer at_t' } });
    expect((await user.json()).devices[0].days[0].rev).toBe(4);
    const admin = await fetch(`${server.url}/admin`);
    expect(await admin.text()).toContain('<script type="module" src="/admin/admin.js">');
    await server.close();
  });
});
