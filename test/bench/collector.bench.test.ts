// `npm run bench`: collector ingest throughput (day summaries stored per second, PGlite on
// disk and PostgreSQL by DATABASE_URL) over real HTTP, and bytes on the wire per user-day as
// the sync client encodes them.
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { configuredEvents, outgoingDay, type DayRollup, type HabitualConfig } from '@habitual/core';
import { createCollector, saveApp, type Db } from '@habitual/server';
import { withPglite, withPostgres } from './bench-db';
import { writeResults } from './stats';
import { encodeBatch } from '@habitual/core/sim';

const USERS = 400;
const DAYS_PER_BATCH = 7;
const BATCHES_PER_USER = 4;
const CONCURRENCY = 16;

const config: HabitualConfig = {
  features: Object.fromEntries(
    ['customer.created', 'invoice.sent', 'invoice.paid', 'import.opened', 'import.completed', 'report.viewed', 'payment.reminded', 'product.added'].map((f) => [
      f,
      { key: true },
    ]),
  ),
};

/** A plausible day: 6 configured features used, 3 unconfigured (folded into 'other' on the way out). */
function realisticDay(day: string, rev: number, seed: number): DayRollup {
  const names = [
    'customer.created',
    'invoice.sent',
    'invoice.paid',
    'report.viewed',
    'import.opened',
    'product.added',
    'page.opened',
    'settings.changed',
    'search.used',
  ];
  const at = Date.parse(`${day}T08:00:00Z`);
  const features: DayRollup['features'] = {};
  const firsts: DayRollup['firsts'] = {};
  names.forEach((name, i) => {
    features[name] = { n: 1 + ((seed * (i + 3)) % 17), value: name === 'invoice.sent' ? (seed % 9) * 120.5 : 0 };
    firsts[name] = at + ((seed * 7919 + i * 104_729) % 28_800_000);
  });
  return { v: 1, day, tz: 'Europe/Helsinki', rev, activeMs: 60_000 * (5 + (seed % 50)), features, firsts };
}

const dayKey = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

async function ingest(name: string, db: Db) {
  await saveApp(db, { id: 'bench', writeKey: 'wk_bench', secret: 'sk_bench', origins: ['*'], verifyIdentity: false });
  const { app } = createCollector({ db, rateLimit: { burst: 1e9, perMinute: 1e9 }, appRateLimit: { burst: 1e9, perMinute: 1e9 } });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/summaries`;
  const bodies: Uint8Array[] = [];
  for (let u = 0; u < USERS; u++) {
    for (let b = 0; b < BATCHES_PER_USER; b++) {
      const days = Array.from({ length: DAYS_PER_BATCH }, (_, i) =>
        outgoingDay(realisticDay(dayKey(b * DAYS_PER_BATCH + i), 3, u * 31 + i), configuredEvents(config)),
      );
      bodies.push(
        new Uint8Array(
          gzipSync(
            JSON.stringify({
              v: 1,
              appId: 'bench',
              writeKey: 'wk_bench',
              identity: { userId: `u_${u}`, accountId: `acct_${u % 40}`, deviceId: `d_${u}` },
              days,
            }),
          ),
        ),
      );
    }
  }
  const run = async () => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: body as BodyInit });
          if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        }
      }),
    );
    return (performance.now() - started) / 1000;
  };
  const firstS = await run();
  // The same batches again: every row is already at that revision, so nothing is written.
  const resendS = await run();
  const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM day_rollups');
  await new Promise((r) => server.close(r));
  const summaries = bodies.length * DAYS_PER_BATCH;
  return {
    name,
    requests: bodies.length,
    summaries,
    stored: count,
    summariesPerSecond: Math.round(summaries / firstS),
    requestsPerSecond: Math.round(bodies.length / firstS),
    resendSummariesPerSecond: Math.round(summaries / resendS),
    concurrency: CONCURRENCY,
  };
}

describe('collector bench', () => {
  const figures: Record<string, unknown>[] = [];

  it('ingests into PGlite on disk', async () => {
    const r = await withPglite((db) => ingest('PGlite (on disk)', db));
    expect(r.stored).toBe(r.summaries);
    figures.push(r);
  });

  it.skipIf(!process.env.DATABASE_URL)('ingests into PostgreSQL (DATABASE_URL)', async () => {
    const r = await withPostgres((db) => ingest('PostgreSQL', db));
    expect(r.stored).toBe(r.summaries);
    figures.push(r);
  });

  it('measures bytes on the wire per user-day and writes collector.json', async () => {
    if (!process.env.DATABASE_URL) console.log('[collector bench] DATABASE_URL is not set: PostgreSQL ingest skipped.');
    const gzip = async (b: Uint8Array) => new Uint8Array(gzipSync(b));
    const source = {
      appId: 'ledgerly',
      writeKey: 'wk_3J9cX2mQ7vT1pL8sK4dF6hR0yN5bW',
      identity: () => ({ userId: 'user_8c41f2', accountId: 'acct_1934', deviceId: '5f0c7a8e-2b1d-4c6e-9a3f-7d2e1b0c9a84' }),
    };
    const wire = [];
    for (const n of [1, 7, 30]) {
      const days = Array.from({ length: n }, (_, i) => outgoingDay(realisticDay(dayKey(i), 12, i + 1), configuredEvents(config)));
      const plain = (await encodeBatch(source, days, undefined)).length;
      const zipped = (await encodeBatch(source, days, gzip)).length;
      wire.push({ daysPerRequest: n, bodyBytes: zipped, bytesPerUserDay: Math.round(zipped / n), uncompressedBytesPerUserDay: Math.round(plain / n) });
    }
    const rows = [
      ...figures.map(
        (f) =>
          `${String(f.name).padEnd(18)} ${String(f.summariesPerSecond).padStart(7)} summaries/s (${f.requestsPerSecond} req/s of ${DAYS_PER_BATCH} days, ${CONCURRENCY} at once); re-sends ${f.resendSummariesPerSecond}/s`,
      ),
      ...wire.map(
        (w) =>
          `wire, ${String(w.daysPerRequest).padStart(2)} days/request: ${w.bytesPerUserDay} B per user-day gzip (${w.uncompressedBytesPerUserDay} B plain), body ${w.bodyBytes} B`,
      ),
    ];
    console.log(['', `collector (Node ${process.version})`, ...rows].join('\n'));
    writeResults('collector', { node: process.version, ingest: figures, wire });
    expect(wire[1].bytesPerUserDay).toBeGreaterThan(0);
  });
});
