// `npm run bench`: ingest by this build's collector against an older build's, back to back in
// one run, so both meet the same machine. Set BENCH_BASELINE_SERVER to the older build's
// server.mjs (e.g. the commit before kept state: see the README's "Scaling out"); without it
// only this build is measured. Each collector runs as a process of its own on a fresh PGlite
// folder and, with DATABASE_URL, a fresh PostgreSQL schema; rounds alternate the builds.
// Figures only.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, it } from 'vitest';
import { startCollectorProcess } from './collector-process';
import { printTable, show, spread, writeResults } from './stats';

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TARGET_RPS = Math.ceil(2000 / 7);
const baseline = process.env.BENCH_BASELINE_SERVER;
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const builds: Array<[string, Record<string, string>]> = [
  ['this build', {}],
  ...(baseline && existsSync(baseline) ? [['baseline', { BENCH_SERVER_MODULE: baseline }] as [string, Record<string, string>]] : []),
  // BENCH_WITHOUT_STATES=1: this build once more without its state refresher, to tell its share.
  ...(process.env.BENCH_WITHOUT_STATES ? [['this build, no refresher', { BENCH_NO_STATES: '1' }] as [string, Record<string, string>]] : []),
];
// BENCH_LOADS=target (or unthrottled): only that load, e.g. more rounds of the one figure in question.
const LOADS = (
  [
    ['target', `target ${TARGET_RPS} req/s`, TARGET_RPS],
    ['unthrottled', 'unthrottled', undefined],
  ] as const
)
  .filter(([name]) => !process.env.BENCH_LOADS || process.env.BENCH_LOADS.split(',').includes(name))
  .map(([, label, rate]) => [label, rate] as const);
const APP = { HABITUAL_APP_ID: 'bench', HABITUAL_WRITE_KEY: 'wk_bench', HABITUAL_SECRET: 'sk_bench', HABITUAL_ADMIN_TOKEN: 'at_bench' };

interface Load {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}
const figures = new Map<string, { perS: number[]; p50: number[]; p99: number[]; cpu: number[]; errors: number; load: number[] }>();
// Until the refresher has done the states a load queued (its kicked passes come within seconds).
const SETTLE_MS = 3000;

async function measure(backend: string, build: string, env: Record<string, string>, args: string[]) {
  const c = await startCollectorProcess(args, { ...env, ...APP });
  try {
    // The load sends unsigned users, as in the collector load bench.
    await c.sql(`UPDATE apps SET verify_identity = false WHERE id = 'bench'`);
    const url = `${c.url}/v1/summaries`;
    const script = join(import.meta.dirname, 'ingest-load.mjs');
    await run(process.execPath, [script, url, '3'], { maxBuffer: 1 << 20 });
    for (const [label, rate] of LOADS) {
      await c.ask('reset');
      const { stdout } = await run(process.execPath, [script, url, String(SECONDS), ...(rate ? [String(rate)] : [])], { maxBuffer: 1 << 20 });
      const r = JSON.parse(stdout.trim().split('\n').pop()!) as Load;
      // CPU per summary is what a busy shared machine distorts least: throughput also counts
      // the time other processes held the CPU. The collector's own work (with PGlite, the
      // database's too; PostgreSQL's server processes are not counted) after the load's states.
      await new Promise((done) => setTimeout(done, SETTLE_MS));
      const { cpuMs } = await c.ask('stats');
      const key = `${backend}\u0000${build}\u0000${label}`;
      const f = figures.get(key) ?? { perS: [], p50: [], p99: [], cpu: [], errors: 0, load: [] };
      f.cpu.push(Math.round((cpuMs / (r.requests * 7)) * 1000));
      f.perS.push(Math.round(r.requestsPerSecond * 7));
      f.p50.push(r.p50);
      f.p99.push(r.p99);
      f.errors += r.non2xx + r.errors;
      f.load.push(loadavg()[0]);
      figures.set(key, f);
      console.log(
        `[ingest] ${backend} ${build} ${label}: ${Math.round(r.requestsPerSecond * 7)} summaries/s, p99 ${r.p99} ms, ${f.cpu[f.cpu.length - 1]} CPU ms per 1,000, load ${loadavg()[0].toFixed(1)}`,
      );
    }
  } finally {
    await c.stop();
  }
}

afterAll(() => {
  const rows = [...figures].map(([key, f]) => {
    const [backend, build, load] = key.split('\u0000');
    return {
      backend,
      build,
      load,
      runs: f.perS.length,
      'summaries/s median (min–max)': show(spread(f.perS), 0),
      'p50 ms': show(spread(f.p50), 0),
      'p99 ms median (min–max)': show(spread(f.p99), 0),
      'collector CPU ms per 1,000 summaries': show(spread(f.cpu), 0),
      errors: f.errors,
      'load avg (1 min)': show(spread(f.load), 1),
    };
  });
  printTable(`Ingest, this build${builds.length > 1 ? ` against ${baseline}` : ''}: collector processes, ${SECONDS} s per load, rounds alternating`, rows);
  writeResults('ingest-compare', Object.fromEntries(figures));
});

it(`ingest on PGlite${builds.length > 1 ? ', this build and the baseline' : ''}`, async () => {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [build, env] of round % 2 ? [...builds].reverse() : builds) {
      const dir = mkdtempSync(join(tmpdir(), 'habitual-ingest-'));
      try {
        await measure('PGlite', build, env, ['--data', dir]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
});

it.skipIf(!pgUrl)(`ingest on PostgreSQL${builds.length > 1 ? ', this build and the baseline' : ''}`, async () => {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [build, env] of round % 2 ? [...builds].reverse() : builds) {
        const schema = `ingest_${Date.now().toString(36)}`;
        await admin.query(`CREATE SCHEMA ${schema}`);
        const scoped = `${pgUrl}${pgUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        try {
          await measure('PostgreSQL', build, env, ['--database-url', scoped]);
        } finally {
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        }
      }
    }
  } finally {
    await admin.end();
  }
});
