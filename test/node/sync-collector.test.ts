// The sync client (core) against the real collector (server) in one process: nothing lost,
// nothing doubled, whatever the network does.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncClient, emptyDelta, mergeDelta, type DayRollup, type SyncDeps, type SyncSource } from '@habitual/core';
import { createCollector, identityHash, migrate, openPglite, saveApp, type Db } from '@habitual/server';

// The app verifies identities (on by default): every batch carries the backend's signature.
const HASH = identityHash({ userId: 'u_1', accountId: 'acme' }, 'sk_test');

/** A device's store: day rollups merged from deltas, and the acknowledged cursor. */
function device(deviceId: string, days = new Map<string, DayRollup>(), cursor: Record<string, number> = {}) {
  const source: SyncSource = {
    appId: 'ledgerly',
    writeKey: 'wk_test',
    endpoint: 'http://collector.test',
    identity: () => ({ userId: 'u_1', accountId: 'acme', deviceId, hash: HASH }),
    pending: async () => [...days.values()].filter((d) => d.rev > (cursor[d.day] ?? 0)).map((d) => structuredClone(d)),
    ack: async (acks) => {
      for (const a of acks) cursor[a.day] = Math.max(cursor[a.day] ?? 0, a.rev);
    },
    config: () => ({ features: { 'invoice.sent': { value: 'invoices' }, 'customer.created': {} } }),
    loadConfigCache: async () => undefined,
    saveConfigCache: async () => {},
    onConfig: () => {},
    onError: () => {},
  };
  const track = (day: string, name: string, value = 1) => {
    const delta = emptyDelta(day, 'UTC');
    delta.features[name] = { n: 1, value };
    delta.activeMs = 1000;
    days.set(day, mergeDelta(days.get(day), delta));
  };
  const totals = () => sum([...days.values()]);
  return { source, track, totals, days, cursor };
}

const sum = (days: DayRollup[]) => {
  const t: Record<string, { n: number; value: number }> = {};
  let activeMs = 0;
  for (const d of days) {
    activeMs += d.activeMs;
    for (const [name, f] of Object.entries(d.features)) t[name] = { n: (t[name]?.n ?? 0) + f.n, value: (t[name]?.value ?? 0) + f.value };
  }
  return { features: t, activeMs };
};

/** Timers that run when told to, so retries and backoff take no wall time. */
function timers() {
  let now = Date.UTC(2025, 2, 1);
  let queue: Array<{ at: number; fn: () => void; id: number }> = [];
  let id = 0;
  const deps: Partial<SyncDeps> = {
    now: () => now,
    random: () => 0.5,
    setTimeout: (fn, ms) => (queue.push({ at: now + ms, fn, id: ++id }), id),
    clearTimeout: (x) => void (queue = queue.filter((t) => t.id !== x)),
    online: () => true,
    locks: undefined,
    storage: undefined,
    target: undefined,
    gzip: undefined,
  };
  return {
    deps,
    async runAll(limit = 100) {
      for (let i = 0; i < limit && queue.length; i++) {
        queue.sort((a, b) => a.at - b.at);
        const next = queue.shift()!;
        now = Math.max(now, next.at);
        next.fn();
        for (let k = 0; k < 30; k++) await new Promise((r) => setTimeout(r, 0));
      }
    },
  };
}

/** A request body as text (the sync client sends bytes, gzip-compressed from 256 B). */
function bodyText(body: unknown): string {
  if (!(body instanceof Uint8Array)) return typeof body === 'string' ? body : '';
  return (body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : Buffer.from(body)).toString('utf8');
}

describe('sync client against the collector', () => {
  let db: Db;
  let app: ReturnType<typeof createCollector>['app'];
  let up = true;
  let inFlight = 0;
  let mostInFlight = 0;
  // Replies to drop, for one device's batches only: another test's client may still have a batch in flight.
  let dropReplies = { device: '', n: 0 };
  const fetchCollector = (async (url: string | URL | Request, init?: RequestInit) => {
    if (!up) throw new TypeError('fetch failed: connection refused');
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      const res = await app.request(String(url), init);
      // The collector stored the batch but the reply never arrived: the client must re-send.
      const mine = bodyText(init?.body).includes(`"deviceId":"${dropReplies.device}"`);
      if (dropReplies.n > 0 && mine && String(url).endsWith('/v1/summaries')) {
        dropReplies.n--;
        throw new TypeError('fetch failed: connection reset');
      }
      return res;
    } finally {
      inFlight--;
    }
  }) as typeof fetch;
  const serverTotals = async (deviceId?: string) => {
    const rows = await db.query<{ rev: number; day: string; active_ms: number; features: DayRollup['features'] }>(
      `SELECT day, rev, active_ms, features FROM day_rollups WHERE user_id = 'u_1' ${deviceId ? 'AND device_id = $1' : ''}`,
      deviceId ? [deviceId] : [],
    );
    return sum(rows.map((r) => ({ v: 1, day: r.day, tz: 'UTC', rev: r.rev, activeMs: r.active_ms, features: r.features, firsts: {} })));
  };

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    await saveApp(db, { id: 'ledgerly', writeKey: 'wk_test', secret: 'sk_test', origins: ['*'] });
    app = createCollector({ db, rateLimit: { burst: 100_000 } }).app;
  });
  afterAll(() => db?.close());

  it('delivers ten days tracked during an outage exactly once the collector returns', async () => {
    const dev = device('dev_outage');
    const t = timers();
    const client = createSyncClient(dev.source, { ...t.deps, fetch: fetchCollector }, { retryMaxMs: 3_600_000 });
    up = false;
    for (let d = 1; d <= 10; d++) {
      const day = `2025-03-${String(d).padStart(2, '0')}`;
      for (let k = 0; k < 5; k++) {
        dev.track(day, 'invoice.sent', 2);
        dev.track(day, 'customer.created');
        await client.syncNow();
      }
    }
    expect(await serverTotals('dev_outage')).toEqual({ features: {}, activeMs: 0 });
    up = true;
    await t.runAll();
    expect(await serverTotals('dev_outage')).toEqual(dev.totals());
    expect(dev.totals().features['invoice.sent']).toEqual({ n: 50, value: 100 });
    client.stop();
  });

  it('re-sends a batch whose reply was lost, and the collector counts it once', async () => {
    const dev = device('dev_lossy');
    const t = timers();
    const client = createSyncClient(dev.source, { ...t.deps, fetch: fetchCollector });
    dev.track('2025-03-20', 'invoice.sent', 3);
    dropReplies = { device: 'dev_lossy', n: 1 };
    await client.syncNow();
    expect(dev.cursor).toEqual({});
    await t.runAll();
    expect(dev.cursor).toEqual({ '2025-03-20': 1 });
    expect(await serverTotals('dev_lossy')).toEqual(dev.totals());
  });

  it('syncs three tabs of one device as one stream with exact totals', async () => {
    // One store shared by three tabs (as IndexedDB is), one lock manager (as Web Locks are).
    const days = new Map<string, DayRollup>();
    const cursor: Record<string, number> = {};
    let queue = Promise.resolve();
    const locks = {
      request: ((_name: string, fn: () => Promise<void>) => {
        const run = queue.then(fn);
        queue = run.catch(() => {});
        return run;
      }) as unknown as LockManager['request'],
    };
    mostInFlight = 0;
    const tabs = [0, 1, 2].map(() => {
      const dev = device('dev_tabs', days, cursor);
      const t = timers();
      return { dev, client: createSyncClient(dev.source, { ...t.deps, locks, fetch: fetchCollector }) };
    });
    const work: Promise<void>[] = [];
    for (let round = 0; round < 20; round++) {
      for (const [i, tab] of tabs.entries()) {
        tab.dev.track(`2025-03-${String(10 + (round % 5)).padStart(2, '0')}`, i === 0 ? 'invoice.sent' : 'customer.created');
        work.push(tab.client.syncNow());
      }
      if (round % 4 === 0) await Promise.all(work);
    }
    await Promise.all(work);
    await tabs[0].client.syncNow();
    expect(mostInFlight).toBe(1);
    expect(await serverTotals('dev_tabs')).toEqual(tabs[0].dev.totals());
    expect(tabs[0].dev.totals().features).toEqual({ 'invoice.sent': { n: 20, value: 20 }, 'customer.created': { n: 40, value: 40 } });
  });
});
