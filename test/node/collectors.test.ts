// Several collector processes: two on one PostgreSQL share the work and agree; two on one
// PGlite folder are refused, because the second would lose acknowledged writes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '@habitual/core';
import { openPostgres } from '../../packages/server/src/db/open-postgres';
import { loadAccountUsers } from '../../packages/server/src/accounts/load-account-users';
import { findAccount } from '../../packages/server/src/accounts/account-store';
import { currentConfig } from '../../packages/server/src/config/config-store';
import { computeAccountState } from '../../packages/server/src/state/compute-account-state';
import { stateHorizonDays } from '../../packages/server/src/state/state-horizon';
import { identityHash } from '../../packages/server/src/http/identity';

const bin = join(import.meta.dirname, '..', '..', 'packages/server/bin/habitual-server.mjs');
const url = process.env.DATABASE_URL;
const KEYS = {
  HABITUAL_APP_ID: 'multi',
  HABITUAL_WRITE_KEY: 'wk_multi',
  HABITUAL_SECRET: 'sk_multi',
  HABITUAL_ADMIN_TOKEN: 'at_multi_admin_token',
  HABITUAL_ORIGINS: 'https://multi.test',
};
const running: ChildProcess[] = [];

interface Collector {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** A collector process (the built bin, as an operator runs it); resolves once it listens or exits. */
function startCollector(args: string[], env: Record<string, string> = {}): Promise<Collector> {
  const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1', ...args], {
    env: { ...process.env, DATABASE_URL: '', ...KEYS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], output: () => out, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then(() => resolve({ child, url: '', output: () => out, exited }), reject);
  });
}

const stop = async (c: Collector) => {
  if (c.child.exitCode === null) c.child.kill('SIGTERM');
  return c.exited;
};

afterAll(() => {
  for (const c of running) if (c.exitCode === null) c.kill('SIGKILL');
});

const body = (userId: string, accountId: string, days: string[]) =>
  JSON.stringify({
    v: 1,
    appId: 'multi',
    writeKey: 'wk_multi',
    // The app verifies identities (the default for an app with a secret): signed as a backend would.
    identity: { userId, accountId, deviceId: `d_${userId}`, hash: identityHash({ userId, accountId }, 'sk_multi') },
    days: days.map((day) => ({
      v: 1,
      day,
      tz: 'Europe/Helsinki',
      rev: 1,
      activeMs: 600_000,
      features: { 'invoice.sent': { n: 1, value: 1 } },
      firsts: { 'invoice.sent': Date.parse(`${day}T08:00:00Z`) },
    })),
  });

describe.skipIf(!url)('two collector processes on one PostgreSQL', () => {
  const schema = `multi_${Date.now().toString(36)}`;
  const scoped = `${url}${url?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

  afterAll(async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  it('stores summaries sent to either exactly once, and both answer the same kept state', async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    const a = await startCollector(['--database-url', scoped]);
    expect(a.url, a.output()).not.toBe('');
    const b = await startCollector(['--database-url', scoped]);
    expect(b.url, b.output()).not.toBe('');
    const today = new Date().toISOString().slice(0, 10);
    // 40 users in 8 accounts, 10 days each in two batches, every batch sent to both collectors
    // at once (as a client retrying through a load balancer would).
    const sends: Array<Promise<{ stored: number }>> = [];
    for (let u = 0; u < 40; u++) {
      for (const half of [0, 1]) {
        const days = Array.from({ length: 5 }, (_, i) => addDays(today, -(half * 5 + i + (u % 3))));
        for (const target of [a, b]) {
          sends.push(
            fetch(`${target.url}/v1/summaries`, {
              method: 'POST',
              headers: { 'content-type': 'text/plain' },
              body: body(`u_${u}`, `acct_${u % 8}`, days),
            }).then(async (r) => {
              expect(r.status, await r.clone().text()).toBe(200);
              return r.json();
            }),
          );
        }
      }
    }
    const answers = await Promise.all(sends);
    // Each day written once, by whichever collector got there first; the other copy stored nothing.
    expect(answers.reduce((n, r) => n + r.stored, 0)).toBe(40 * 10);
    const db = await openPostgres(url!, { schema });
    try {
      const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM day_rollups');
      expect(n).toBe(400);
      const auth = { headers: { authorization: `Bearer ${KEYS.HABITUAL_ADMIN_TOKEN}` } };
      const list = async (c: Collector) =>
        (await (await fetch(`${c.url}/v1/accounts?limit=500&sort=name`, auth)).json()) as {
          accounts: Array<{ account: { id: string }; users: number; score: number; reach: number }>;
        };
      // Both processes' refreshers work the one queue; wait until it is drained.
      await expect
        .poll(async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM state_queue WHERE due_at = '-infinity' OR lease IS NOT NULL"))[0].n, {
          timeout: 20_000,
        })
        .toBe(0);
      const [fromA, fromB] = await Promise.all([list(a), list(b)]);
      expect(fromA.accounts).toHaveLength(8);
      expect(fromB).toEqual(fromA);
      expect(fromA.accounts.reduce((n, x) => n + x.users, 0)).toBe(40);
      // The kept state is what the engine computes from the stored days now.
      const { config } = await currentConfig(db, 'multi');
      for (const kept of fromA.accounts) {
        const users = await loadAccountUsers(db, 'multi', kept.account.id);
        const account = (await findAccount(db, 'multi', kept.account.id)) ?? {
          id: kept.account.id,
          name: '',
          plan: '',
          pricePerMonth: 0,
          paidSeats: 0,
          updatedAt: '',
        };
        const fresh = computeAccountState(account, users, config, Date.now(), stateHorizonDays(config));
        expect({ score: kept.score, reach: kept.reach, users: kept.users }).toEqual({
          score: fresh.card!.score,
          reach: fresh.card!.reach,
          users: fresh.card!.users,
        });
      }
      const [{ n: states }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM user_states');
      expect(states).toBe(40);
    } finally {
      await db.close();
      await Promise.all([stop(a), stop(b)]);
    }
  }, 60_000);
});

describe('two collector processes on one PGlite folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'habitual-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses the second at start with a clear message, and takes over a lock left by a process that is gone', async () => {
    const first = await startCollector(['--data', dir]);
    expect(first.url, first.output()).not.toBe('');
    const second = await startCollector(['--data', dir]);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(new RegExp(`Data folder .* is in use by process ${first.child.pid} \\(another habitual-server\\)`));
    // The first still works and keeps what it acknowledged.
    const res = await fetch(`${first.url}/v1/summaries`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: body('u_1', 'acct_1', ['2025-03-01']),
    });
    expect(res.status).toBe(200);
    expect(await stop(first)).toBe(0);
    // A lock left by a crash (its process is gone) does not block the next start.
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(join(dir, 'habitual.lock'), String(gone.pid));
    const third = await startCollector(['--data', dir]);
    expect(third.url, third.output()).not.toBe('');
    const auth = { headers: { authorization: `Bearer ${KEYS.HABITUAL_ADMIN_TOKEN}` } };
    const user = await fetch(`${third.url}/v1/users/u_1`, auth);
    expect(user.status).toBe(200);
    expect(await stop(third)).toBe(0);
  }, 60_000);
});
