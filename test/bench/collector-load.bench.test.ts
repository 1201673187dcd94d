// `npm run bench`: the collector under load from a second process on loopback (autocannon):
// latency at the target rate (2,000 summaries/s = ~286 requests of 7 days) and the most it
// takes unthrottled, after a 3 s warm-up, on PGlite on disk and, with DATABASE_URL, on
// PostgreSQL. Figures only.
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { afterAll, it } from 'vitest';
import { createCollector, saveApp, type Db } from '@habitual/server';
import { withPglite, withPostgres } from './bench-db';
import { printTable, writeResults } from './stats';

const run = promisify(execFile);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const TARGET_RPS = Math.ceil(2000 / 7);
const rows: Array<Record<string, string | number>> = [];
const results: Record<string, unknown> = {};

interface Load {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function load(db: Db, backend: string) {
  await saveApp(db, { id: 'bench', writeKey: 'wk_bench', secret: 'sk_bench', origins: ['*'], verifyIdentity: false });
  // Capacity, not policy: the per-device and per-key rate limits (1,000 requests/s a key by
  // default) would answer 429 past them.
  const { app } = createCollector({ db, rateLimit: { burst: 1e9, perMinute: 1e9 }, appRateLimit: { burst: 1e9, perMinute: 1e9 } });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/summaries`;
  const script = join(import.meta.dirname, 'ingest-load.mjs');
  try {
    // Warm-up, not recorded: the first seconds of a fresh process measure the JIT and a cold
    // database, not the collector as it runs.
    await run(process.execPath, [script, url, '3'], { maxBuffer: 1 << 20 });
    for (const [label, rate] of [
      [`target rate (${TARGET_RPS} req/s)`, TARGET_RPS],
      ['unthrottled', undefined],
    ] as const) {
      const args = [script, url, String(SECONDS), ...(rate ? [String(rate)] : [])];
      const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
      const r = JSON.parse(stdout.trim().split('\n').pop()!) as Load;
      results[`${backend} ${label}`] = r;
      rows.push({
        backend,
        load: label,
        'summaries/s': Math.round(r.requestsPerSecond * 7),
        'req/s': Math.round(r.requestsPerSecond),
        'p50 ms': r.p50,
        'p99 ms': r.p99,
        'max ms': r.max,
        'errors (non-2xx, socket, timeouts)': `${r.non2xx}, ${r.errors}, ${r.timeouts}`,
      });
    }
  } finally {
    await new Promise((r) => server.close(r));
  }
}

afterAll(() => {
  printTable(`Collector under load from a second process (autocannon, 16 connections, ${SECONDS} s each, 7 days per request)`, rows);
  const target = rows.find((r) => r.backend === 'PGlite' && String(r.load).startsWith('target'));
  if (target) {
    const met = Number(target['summaries/s']) >= 1900 && Number(target['p99 ms']) < 50 && target['errors (non-2xx, socket, timeouts)'] === '0, 0, 0';
    console.log(
      `target: PGlite >= 2,000 summaries/s with p99 < 50 ms and 0 errors -> ${target['summaries/s']}/s, p99 ${target['p99 ms']} ms ${met ? '(met)' : '(NOT met)'}`,
    );
  }
  writeResults('collector-load', results);
});

it('PGlite on disk', () => withPglite((db) => load(db, 'PGlite')));

it.skipIf(!process.env.DATABASE_URL)('PostgreSQL (DATABASE_URL)', () => withPostgres((db) => load(db, 'PostgreSQL')));
