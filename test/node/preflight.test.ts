// `npm test`'s preflight decides from probes of the machine; these tests give it fake
// machines (nothing is installed, started or created for real) and check what it would do.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM, preflight, type Probes } from '../../scripts/preflight.mjs';

const URL_5432 = 'postgres://habitual:habitual@127.0.0.1:5432/habitual_test';

interface Machine {
  root?: boolean;
  env?: Record<string, string>;
  files?: string[];
  aptLists?: boolean;
  /** Packages `apt-get install` makes appear: each adds these files or clusters. */
  installs?: Record<string, { files?: string[]; cluster?: string }>;
  /** `pg_lsclusters` output; undefined = PostgreSQL not installed. */
  clusters?: string;
  /** URLs psql can connect to now; `createdb` adds the default one. */
  connectable?: string[];
  /** How many pg_isready probes fail before it answers. */
  notReadyFor?: number;
}

/** A fake machine: every command the preflight runs is recorded in `calls`. */
function fake(m: Machine) {
  const files = new Set(m.files ?? []);
  let clusters = m.clusters;
  const connectable = new Set(m.connectable ?? []);
  let notReady = m.notReadyFor ?? 0;
  let dbCreated = false;
  const calls: string[] = [];
  const lines: string[] = [];
  const probes: Probes = {
    env: m.env ?? {},
    isRoot: m.root ?? false,
    exists: (path) => files.has(path),
    hasAptLists: () => m.aptLists ?? true,
    sleep: () => {},
    log: (line) => lines.push(line),
    run: (command, args, input) => {
      const call = [command, ...args].join(' ');
      calls.push(input === undefined ? call : `${call} <<< ${input.includes('CREATE ROLE habitual') ? 'create role' : input}`);
      const ok = { status: 0, stdout: '' };
      if (command === 'env' && args.includes('install')) {
        for (const pkg of args.slice(args.indexOf('-qq') + 1)) {
          const adds = m.installs?.[pkg];
          if (!adds) return { status: 100, stdout: '' };
          for (const f of adds.files ?? []) files.add(f);
          if (adds.cluster !== undefined) clusters = adds.cluster;
        }
        return ok;
      }
      if (command === 'env') return ok;
      if (command === 'pg_lsclusters') return clusters === undefined ? { status: null, stdout: '' } : { status: 0, stdout: clusters };
      if (command === 'pg_ctlcluster') {
        clusters = clusters?.replace('down', 'online');
        return ok;
      }
      if (command === 'pg_isready') return notReady-- > 0 ? { status: 2, stdout: '' } : ok;
      if (command === 'psql') return { status: connectable.has(args[0]) ? 0 : 2, stdout: '' };
      if (command === 'su') {
        const sql = args[2];
        if (sql.startsWith('createdb')) {
          dbCreated = true;
          connectable.add(URL_5432);
        }
        return { status: 0, stdout: sql.includes('pg_database') && dbCreated ? '1\n' : '' };
      }
      throw new Error(`unexpected command: ${call}`);
    },
  };
  return { probes, calls, lines };
}

const ONLINE = '15 main 5432 online postgres /var/lib/postgresql/15/main /var/log/postgresql/postgresql-15-main.log\n';
const DOWN = ONLINE.replace('online', 'down');
const chromium = [DEFAULT_CHROMIUM];

describe('preflight: Chromium', () => {
  it('passes when /usr/bin/chromium is there, without running anything for it', () => {
    const { probes, calls } = fake({ files: chromium, env: { DATABASE_URL: 'postgres://x' } });
    expect(preflight(probes)).toEqual({ ok: true, env: { DATABASE_URL: 'postgres://x' } });
    expect(calls).toEqual([]);
  });

  it('not root and missing: stops at once with the one command to run', () => {
    const { probes, calls } = fake({ env: { DATABASE_URL: 'postgres://x' } });
    const out = preflight(probes);
    expect(out).toEqual({ ok: false, message: expect.stringContaining('Run: sudo apt-get install -y chromium') });
    expect(calls).toEqual([]);
  });

  it('root and missing: apt-get update (no package lists yet), then install chromium', () => {
    const { probes, calls } = fake({
      root: true,
      aptLists: false,
      env: { DATABASE_URL: 'postgres://x' },
      installs: { chromium: { files: chromium } },
    });
    expect(preflight(probes).ok).toBe(true);
    expect(calls).toEqual(['env DEBIAN_FRONTEND=noninteractive apt-get update -qq', 'env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
  });

  it('root with package lists: installs without updating', () => {
    const { probes, calls } = fake({ root: true, env: { DATABASE_URL: 'postgres://x' }, installs: { chromium: { files: chromium } } });
    expect(preflight(probes).ok).toBe(true);
    expect(calls).toEqual(['env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
  });

  it('a CHROMIUM_PATH that does not exist is an error, even as root (no install)', () => {
    const { probes, calls } = fake({ root: true, env: { CHROMIUM_PATH: '/opt/chrome', DATABASE_URL: 'postgres://x' } });
    expect(preflight(probes)).toEqual({ ok: false, message: expect.stringContaining('CHROMIUM_PATH is /opt/chrome, which does not exist') });
    expect(calls).toEqual([]);
  });

  it('a CHROMIUM_PATH that exists is used', () => {
    const { probes } = fake({ files: ['/opt/chrome'], env: { CHROMIUM_PATH: '/opt/chrome', DATABASE_URL: 'postgres://x' } });
    expect(preflight(probes).ok).toBe(true);
  });
});

describe('preflight: PostgreSQL', () => {
  it('DATABASE_URL given: used as is, nothing probed', () => {
    const { probes, calls } = fake({ files: chromium, env: { DATABASE_URL: 'postgres://a:b@db:5433/t' } });
    expect(preflight(probes)).toEqual({ ok: true, env: { DATABASE_URL: 'postgres://a:b@db:5433/t' } });
    expect(calls).toEqual([]);
  });

  it('HABITUAL_SKIP_POSTGRES=1: no DATABASE_URL, and a loud line says the half is skipped', () => {
    const { probes, calls, lines } = fake({ files: chromium, env: { HABITUAL_SKIP_POSTGRES: '1' } });
    expect(preflight(probes)).toEqual({ ok: true, env: {} });
    expect(calls).toEqual([]);
    expect(lines.join('\n')).toMatch(/!!! HABITUAL_SKIP_POSTGRES=1: .* SKIPPED/);
  });

  it('a running cluster with the role and database: its URL, no root needed', () => {
    const { probes, calls } = fake({ files: chromium, clusters: ONLINE, connectable: [URL_5432] });
    expect(preflight(probes)).toEqual({ ok: true, env: { DATABASE_URL: URL_5432 } });
    expect(calls).toEqual(['pg_lsclusters --no-header', 'pg_isready -q -h 127.0.0.1 -p 5432', `psql ${URL_5432} -tAqc SELECT 1`]);
  });

  it('the URL carries the cluster’s own port', () => {
    const url = URL_5432.replace('5432', '5433');
    const { probes } = fake({ files: chromium, clusters: ONLINE.replace('5432', '5433'), connectable: [url] });
    expect(preflight(probes)).toEqual({ ok: true, env: { DATABASE_URL: url } });
  });

  it.each([
    ['not installed', { clusters: undefined }, 'PostgreSQL is not installed'],
    ['a stopped cluster', { clusters: DOWN }, 'PostgreSQL 15/main is not running'],
    ['no role or database', { clusters: ONLINE }, 'role habitual or database habitual_test is missing'],
  ] as const)('not root, %s: stops with the one command to run, never skipping silently', (_, m, why) => {
    const { probes, calls } = fake({ files: chromium, ...m });
    const out = preflight(probes);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.message).toContain(why);
    expect(!out.ok && out.message).toContain('Run: sudo node scripts/preflight.mjs');
    expect(calls.some((c) => /apt-get|pg_ctlcluster|^su /.test(c))).toBe(false);
  });

  it('root on a fresh machine: installs postgresql, starts it, waits, creates role and database', () => {
    const { probes, calls } = fake({
      root: true,
      files: chromium,
      installs: { postgresql: { cluster: DOWN } },
      notReadyFor: 2,
    });
    expect(preflight(probes)).toEqual({ ok: true, env: { DATABASE_URL: URL_5432 } });
    expect(calls).toEqual([
      'pg_lsclusters --no-header',
      'env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql',
      'pg_lsclusters --no-header',
      'pg_ctlcluster 15 main start',
      'pg_isready -q -h 127.0.0.1 -p 5432',
      'pg_isready -q -h 127.0.0.1 -p 5432',
      'pg_isready -q -h 127.0.0.1 -p 5432',
      `psql ${URL_5432} -tAqc SELECT 1`,
      'su postgres -c psql -q -p 5432 -v ON_ERROR_STOP=1 <<< create role',
      `su postgres -c psql -p 5432 -tAc "SELECT 1 FROM pg_database WHERE datname = 'habitual_test'"`,
      'su postgres -c createdb -p 5432 -O habitual habitual_test',
      `psql ${URL_5432} -tAqc SELECT 1`,
    ]);
  });

  it('root, already set up: only probes, installs and creates nothing', () => {
    const { probes, calls } = fake({ root: true, files: chromium, clusters: ONLINE, connectable: [URL_5432] });
    expect(preflight(probes).ok).toBe(true);
    expect(calls.some((c) => /apt-get|pg_ctlcluster|^su /.test(c))).toBe(false);
  });

  it('a cluster that never answers: stops after 30 tries, naming the log', () => {
    const { probes, calls } = fake({ root: true, files: chromium, clusters: ONLINE, notReadyFor: 1000 });
    expect(preflight(probes)).toEqual({ ok: false, message: expect.stringContaining('did not accept connections within 30 s') });
    expect(calls.filter((c) => c.startsWith('pg_isready'))).toHaveLength(30);
  });
});
