import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readSettings } from './settings';
import { startServer } from './start-server';
import { main } from './server';
import { migrate } from './db/migrate';
import { migrations } from './db/migrations';
import { openPglite } from './db/open-pglite';
import { bootstrap } from './apps/bootstrap';
import { readAdminLogin } from './apps/admin-token';
import { listApps } from './apps/app-store';
import { day, summaries } from './testing/fixtures';
import { identityHash } from './http/identity';

describe('readSettings', () => {
  it('takes flags over env over defaults', () => {
    expect(readSettings([], {})).toMatchObject({ port: 8787, host: '0.0.0.0', dataDir: './.habitual-data', databaseUrl: undefined });
    expect(readSettings([], { PORT: '9000', HABITUAL_DATA: '/d', DATABASE_URL: 'postgres://x' })).toMatchObject({
      port: 9000,
      dataDir: '/d',
      databaseUrl: 'postgres://x',
    });
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
    const all = migrations.map((m) => m.version).sort((a, b) => a - b);
    expect(await migrate(db)).toEqual(all);
    expect(await migrate(db)).toEqual([]);
    expect((await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version)).toEqual(all);
    await db.close();
  });

  it('creates a demo app and an admin token on a first start, once', async () => {
    const db = await openPglite();
    await migrate(db);
    const first = await bootstrap(db, {});
    expect(first.created).toBe(true);
    expect(first.app).toMatchObject({ id: 'demo', origins: ['*'] });
    expect(first.adminToken).toMatch(/^at_/);
    expect((await readAdminLogin(db, first.adminToken!)).admin).toBe(true);
    const second = await bootstrap(db, {});
    expect(second).toMatchObject({ created: false, adminToken: undefined });
    expect(await listApps(db)).toHaveLength(1);
    await db.close();
  });

  it('takes the app, keys, origins and admin token from the environment', async () => {
    const db = await openPglite();
    await migrate(db);
    const env = {
      HABITUAL_ADMIN_TOKEN: 'at_env',
      HABITUAL_APP_ID: 'ledgerly',
      HABITUAL_WRITE_KEY: 'wk_env',
      HABITUAL_SECRET: 'sk_env',
      HABITUAL_ORIGINS: 'http://localhost:5173, https://app.test',
    };
    const boot = await bootstrap(db, env);
    expect(boot.app).toMatchObject({ id: 'ledgerly', writeKey: 'wk_env', secret: 'sk_env', origins: ['http://localhost:5173', 'https://app.test'] });
    expect(boot.adminToken).toBeUndefined();
    expect((await readAdminLogin(db, 'at_env')).admin).toBe(true);
    expect((await listApps(db)).map((a) => a.id)).toEqual(['ledgerly']);
    await db.close();
  });
});

describe('startServer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'habitual-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const settings = {
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    env: { HABITUAL_APP_ID: 'ledgerly', HABITUAL_WRITE_KEY: 'wk_test', HABITUAL_SECRET: 'sk_t', HABITUAL_ADMIN_TOKEN: 'at_t' },
  };
  const signed = { userId: 'u_1', accountId: 'acme', deviceId: 'dev_a', hash: identityHash({ userId: 'u_1', accountId: 'acme' }, 'sk_t') };

  // Two PGlite starts (each a WASM boot of seconds on a busy machine): more than the default 30 s.
  it('serves over HTTP from PGlite on disk, and keeps the data across restarts', async () => {
    const lines: string[] = [];
    let server = await startServer(settings, { log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/created app "ledgerly"[\s\S]*write key {2}wk_test/);
    // The secret came from HABITUAL_SECRET: it is not echoed.
    expect(lines.join('\n')).not.toContain('sk_t');
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ ok: true, db: 'pglite' });
    const res = await fetch(`${server.url}/v1/summaries`, {
      method: 'POST',
      body: JSON.stringify(summaries({ identity: signed, days: [day('2025-03-01', 4)] })),
    });
    expect(res.status).toBe(200);
    // The body is read from Node's own request: gzip as the sync client sends it, and a body
    // over the limit with no Content-Length (streamed) is refused once it passes the limit.
    const gzipped = await fetch(`${server.url}/v1/summaries`, {
      method: 'POST',
      body: gzipSync(JSON.stringify(summaries({ identity: signed, days: [day('2025-03-02', 1)] }))),
    });
    expect(gzipped.status).toBe(200);
    const big = new TextEncoder().encode(JSON.stringify(summaries({ identity: signed })).padEnd(300_000, ' '));
    const streamed = await fetch(`${server.url}/v1/summaries`, {
      method: 'POST',
      body: new ReadableStream({
        start(c) {
          c.enqueue(big);
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error).toMatch(/over 262144 bytes/);
    await server.close();
    server = await startServer(settings, { log: () => {} });
    const user = await fetch(`${server.url}/v1/users/u_1`, { headers: { authorization: 'Bearer at_t' } });
    expect((await user.json()).devices[0].days[0].rev).toBe(4);
    const admin = await fetch(`${server.url}/admin`);
    expect(await admin.text()).toContain('<script type="module" src="/admin/admin.js">');
    await server.close();
  }, 90_000);
});

describe('start-up hygiene', () => {
  it('prints the app secret only when it generated it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'habitual-secret-'));
    const lines: string[] = [];
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, env: { HABITUAL_ADMIN_TOKEN: 'at_t' } }, { log: (l) => lines.push(l) });
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    expect(lines.join('\n')).toMatch(/created app "demo"[\s\S]*secret {5}sk_/);
  });

  it('reads TRUST_PROXY as a number of proxies', () => {
    expect(readSettings([], {})).toMatchObject({ trustProxy: 0 });
    expect(readSettings([], { TRUST_PROXY: 'true' })).toMatchObject({ trustProxy: 1 });
    expect(readSettings(['--trust-proxy', '2'], { TRUST_PROXY: '1' })).toMatchObject({ trustProxy: 2 });
    expect(() => readSettings([], { TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY "yes" is not a number of proxies/);
  });

  it("reads HABITUAL_PGLITE_WASM as how PGlite's WASM is compiled", () => {
    expect(readSettings([], {})).toMatchObject({ pgliteWasm: 'baseline' });
    expect(readSettings([], { HABITUAL_PGLITE_WASM: '' })).toMatchObject({ pgliteWasm: 'baseline' });
    expect(readSettings([], { HABITUAL_PGLITE_WASM: 'optimized' })).toMatchObject({ pgliteWasm: 'optimized' });
    expect(() => readSettings([], { HABITUAL_PGLITE_WASM: 'turbofan' })).toThrow('HABITUAL_PGLITE_WASM "turbofan" is not one of baseline, optimized.');
    expect(() => readSettings([], { HABITUAL_PGLITE_WASM: 'constructor' })).toThrow(/is not one of/);
  });

  it('fails to start on a read-only data folder with one clear line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'habitual-ro-'));
    chmodSync(dir, 0o555);
    // root writes through permissions: make the folder immutable instead, where chattr works.
    const immutable = process.getuid?.() === 0 && spawnSync('chattr', ['+i', dir]).status === 0;
    let writable = true;
    try {
      writeFileSync(join(dir, 'probe'), '');
    } catch {
      writable = false;
    }
    try {
      if (writable) {
        console.warn('[habitual-server tests] could not make a read-only folder here; the read-only start test is skipped.');
        return;
      }
      const errors: string[] = [];
      const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args.join(' ')));
      const exitCode = process.exitCode;
      try {
        await main(['--port', '0', '--data', dir], {});
        expect(process.exitCode).toBe(1);
      } finally {
        spy.mockRestore();
        process.exitCode = exitCode;
      }
      expect(errors).toHaveLength(1);
      expect(errors[0].split('\n')).toHaveLength(1);
      expect(errors[0]).toMatch(/^habitual-server: the data folder .*habitual-ro-.* is not writable \((EACCES|EPERM|EROFS)\); give the collector write access/);
    } finally {
      if (immutable) spawnSync('chattr', ['-i', dir]);
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
