#!/usr/bin/env node
// `npm test` starts here: `node scripts/preflight.mjs <command...>` makes sure this machine has
// what the suites need, then runs the command with DATABASE_URL set. What it needs:
//   - Chromium at CHROMIUM_PATH or /usr/bin/chromium (the browser suites and the walk-through);
//   - PostgreSQL for the collector suite's second half (the first runs on PGlite): DATABASE_URL
//     as given, or a local cluster it starts, with role `habitual` and database `habitual_test`.
// As root it installs what is missing (apt-get); otherwise it stops at once and prints the one
// command to run. Run without a command (`sudo node scripts/preflight.mjs`) it only sets up.
// HABITUAL_SKIP_POSTGRES=1 runs without PostgreSQL, and says so loudly. .ci/run uses it too.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const ROLE = 'habitual';
const DATABASE = 'habitual_test';
const SETUP = 'sudo node scripts/preflight.mjs';

/**
 * @typedef {{ status: number | null, stdout: string }} RunResult `status` is null when the
 *   command does not exist.
 * @typedef {object} Probes What the preflight asks of the machine (tests pass fakes).
 * @property {Record<string, string | undefined>} env
 * @property {boolean} isRoot
 * @property {(path: string) => boolean} exists
 * @property {() => boolean} hasAptLists Whether apt has package lists (else `apt-get update` first).
 * @property {(command: string, args: string[], input?: string) => RunResult} run
 * @property {(ms: number) => void} sleep
 * @property {(line: string) => void} log
 * @typedef {{ ok: true, env: Record<string, string> } | { ok: false, message: string }} Outcome
 */

/** Thrown inside the preflight to stop with one message; never escapes `preflight()`. */
class Stop extends Error {}
/** @param {string} message @returns {never} */
const stop = (message) => {
  throw new Stop(message);
};

/**
 * Checks (and, as root, installs and starts) what `npm test` needs.
 * @param {Probes} p
 * @returns {Outcome}
 */
export function preflight(p) {
  try {
    ensureChromium(p);
    return { ok: true, env: ensurePostgres(p) };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, message: error.message };
    throw error;
  }
}

/** @param {Probes} p @param {string[]} packages */
function aptInstall(p, packages) {
  /** @param {string[]} args */
  const apt = (args) => p.run('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]);
  if (!p.hasAptLists()) {
    p.log('preflight: apt-get update');
    if (apt(['update', '-qq']).status !== 0) stop(`preflight: apt-get update failed; fix apt, then run: apt-get install -y ${packages.join(' ')}`);
  }
  p.log(`preflight: apt-get install -y ${packages.join(' ')}`);
  if (apt(['install', '-y', '-qq', ...packages]).status !== 0) stop(`preflight: apt-get install -y ${packages.join(' ')} failed; see apt's output above.`);
}

/** @param {Probes} p */
function ensureChromium(p) {
  const path = p.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (p.exists(path)) return;
  if (p.env.CHROMIUM_PATH)
    stop(`preflight: CHROMIUM_PATH is ${path}, which does not exist: point it at a Chromium binary, or unset it to use ${DEFAULT_CHROMIUM}.`);
  if (!p.isRoot)
    stop(`preflight: Chromium is missing at ${DEFAULT_CHROMIUM} (the browser tests need it). Run: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  aptInstall(p, ['chromium']);
  if (!p.exists(path)) stop(`preflight: apt installed chromium but ${path} is still missing: set CHROMIUM_PATH to its binary.`);
}

/**
 * The env the suites run with: DATABASE_URL when there is a PostgreSQL to use.
 * @param {Probes} p
 * @returns {Record<string, string>}
 */
function ensurePostgres(p) {
  if (p.env.DATABASE_URL) return { DATABASE_URL: p.env.DATABASE_URL };
  if (p.env.HABITUAL_SKIP_POSTGRES === '1') {
    p.log('');
    p.log('!!! HABITUAL_SKIP_POSTGRES=1: the collector suite runs on PGlite only; its PostgreSQL half is SKIPPED. !!!');
    p.log('');
    return {};
  }
  /** @param {string} what @returns {never} */
  const needRoot = (what) =>
    stop(
      `preflight: ${what}, and DATABASE_URL is not set. Run: ${SETUP} (installs and starts PostgreSQL, creates role ${ROLE} and database ${DATABASE}); or set DATABASE_URL, or HABITUAL_SKIP_POSTGRES=1 to run without it.`,
    );

  let cluster = firstCluster(p);
  if (cluster === undefined) {
    if (!p.isRoot) needRoot('PostgreSQL is not installed');
    aptInstall(p, ['postgresql']);
    cluster = firstCluster(p);
    if (cluster === undefined) stop('preflight: apt installed postgresql but pg_lsclusters is still missing.');
  }
  if (!cluster)
    stop(`preflight: PostgreSQL has no cluster. Run: sudo pg_createcluster --start <version> main (versions: ls /usr/lib/postgresql), or set DATABASE_URL.`);
  const { version, name, port, online } = cluster;
  const url = `postgres://${ROLE}:${ROLE}@127.0.0.1:${port}/${DATABASE}`;
  if (!online) {
    if (!p.isRoot) needRoot(`PostgreSQL ${version}/${name} is not running`);
    p.log(`preflight: starting PostgreSQL ${version}/${name}`);
    p.run('pg_ctlcluster', [version, name, 'start']);
  }
  waitReady(p, port);
  if (!canConnect(p, url)) {
    if (!p.isRoot) needRoot(`role ${ROLE} or database ${DATABASE} is missing`);
    createRoleAndDatabase(p, port);
    if (!canConnect(p, url)) stop(`preflight: created role ${ROLE} and database ${DATABASE} on port ${port}, but still cannot connect to ${url}.`);
  }
  p.log(`preflight: PostgreSQL at ${url}`);
  return { DATABASE_URL: url };
}

/**
 * The first cluster `pg_lsclusters` lists; undefined when PostgreSQL is not installed, null
 * when it has no cluster.
 * @param {Probes} p
 */
function firstCluster(p) {
  const r = p.run('pg_lsclusters', ['--no-header']);
  if (r.status === null) return undefined;
  const line = r.stdout.split('\n').find((l) => l.trim());
  if (!line) return null;
  const [version, name, port, status] = line.trim().split(/\s+/);
  return { version, name, port, online: status?.startsWith('online') === true };
}

/** @param {Probes} p @param {string} port */
function waitReady(p, port) {
  for (let i = 0; i < 30; i++) {
    if (p.run('pg_isready', ['-q', '-h', '127.0.0.1', '-p', port]).status === 0) return;
    p.sleep(1000);
  }
  stop(`preflight: PostgreSQL on port ${port} did not accept connections within 30 s; see its log in /var/log/postgresql.`);
}

/** @param {Probes} p @param {string} url */
const canConnect = (p, url) => p.run('psql', [url, '-tAqc', 'SELECT 1']).status === 0;

/** @param {Probes} p @param {string} port */
function createRoleAndDatabase(p, port) {
  p.log(`preflight: creating role ${ROLE} and database ${DATABASE}`);
  /** @param {string} command @param {string} [input] */
  const asPostgres = (command, input) => p.run('su', ['postgres', '-c', command], input);
  const sql = `DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN
    CREATE ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${ROLE}';
  END IF;
END $$;`;
  if (asPostgres(`psql -q -p ${port} -v ON_ERROR_STOP=1`, sql).status !== 0) stop(`preflight: could not create role ${ROLE}; see psql's output above.`);
  const has = asPostgres(`psql -p ${port} -tAc "SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'"`);
  if (has.stdout.trim() !== '1' && asPostgres(`createdb -p ${port} -O ${ROLE} ${DATABASE}`).status !== 0)
    stop(`preflight: could not create database ${DATABASE}.`);
}

/** The real machine. @returns {Probes} */
export function machine() {
  return {
    env: process.env,
    isRoot: process.getuid?.() === 0,
    exists: (path) => existsSync(path),
    hasAptLists: () => {
      try {
        return readdirSync('/var/lib/apt/lists').some((f) => f.endsWith('_Packages') || f.endsWith('_Packages.lz4'));
      } catch {
        return false;
      }
    },
    run: (command, args, input) => {
      const r = spawnSync(command, args, { input, encoding: 'utf8', stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'] });
      return { status: r.error ? null : r.status, stdout: r.stdout ?? '' };
    },
    sleep: (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms),
    log: (line) => console.log(line),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outcome = preflight(machine());
  if (!outcome.ok) {
    console.error(outcome.message);
    process.exit(1);
  }
  const [command, ...args] = process.argv.slice(2);
  if (command) {
    const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...outcome.env } });
    process.exit(r.status ?? 1);
  }
}
