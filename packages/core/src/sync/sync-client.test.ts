import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type { DayRollup } from '../rollup/day-rollup';
import type { HabitualConfig } from '../config/types';
import type { HabitualError } from '../types';
import { createSyncClient } from './sync-client';
import type { SyncDeps, SyncSource } from './types';

const day = (d: string, rev: number, features: DayRollup['features'] = { 'invoice.sent': { n: rev, value: rev } }): DayRollup => ({
  v: 1,
  day: d,
  tz: 'UTC',
  rev,
  activeMs: 1000,
  features,
  firsts: {},
});
const dayKey = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

/** A device: its stored days and the acknowledged cursor, as the tracker keeps them. */
function device(days: DayRollup[], config: HabitualConfig = { features: { 'invoice.sent': {} } }) {
  const stored = new Map(days.map((x) => [x.day, x]));
  const cursor: Record<string, number> = {};
  const errors: HabitualError[] = [];
  const configs: HabitualConfig[] = [];
  let cache: { etag: string; config: HabitualConfig } | undefined;
  const source: SyncSource = {
    appId: 'ledgerly',
    writeKey: 'wk_test',
    endpoint: 'https://collector.test/',
    identity: () => ({ userId: 'u_1', accountId: 'acme', deviceId: 'dev_a' }),
    pending: async () => [...stored.values()].filter((x) => x.rev > (cursor[x.day] ?? 0)),
    ack: async (acks) => {
      for (const a of acks) cursor[a.day] = Math.max(cursor[a.day] ?? 0, a.rev);
    },
    config: () => config,
    loadConfigCache: async () => cache,
    saveConfigCache: async (entry) => void (cache = entry),
    onConfig: (c) => configs.push(c),
    onError: (e) => errors.push(e),
  };
  return { source, stored, cursor, errors, configs, setCache: (c: typeof cache) => (cache = c), cache: () => cache };
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error';

/** A collector in memory: upsert by day, a lower rev never wins; `script` overrides answers in order. */
function collector() {
  const rows = new Map<string, DayRollup>();
  const requests: Array<{ url: string; init: RequestInit; body?: { days: DayRollup[]; [k: string]: unknown } }> = [];
  const script: Reply[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init: RequestInit = {}) => {
    const href = String(url);
    let body: { days: DayRollup[] } | undefined;
    if (init.body) {
      const raw = typeof init.body === 'string' ? new TextEncoder().encode(init.body) : (init.body as Uint8Array);
      const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
      body = JSON.parse(new TextDecoder().decode(bytes));
    }
    requests.push({ url: href, init, body });
    const next = script.shift();
    if (next === 'network-error') throw new TypeError('Failed to fetch');
    if (next) return new Response(next.body === undefined ? null : JSON.stringify(next.body), { status: next.status, headers: next.headers });
    if (!body) return new Response(null, { status: 404 });
    for (const x of body.days) {
      const have = rows.get(x.day);
      if (!have || have.rev < x.rev) rows.set(x.day, x);
    }
    return Response.json({ acks: body.days.map((x) => ({ day: x.day, rev: x.rev })), stored: body.days.length });
  });
  return { rows, requests, script, fetch, summaries: () => requests.filter((r) => r.url.endsWith('/v1/summaries')) };
}

function clock() {
  let now = 1_700_000_000_000;
  let timers: Array<{ id: number; at: number; fn: () => void }> = [];
  let nextId = 1;
  const listeners = new Map<string, Array<() => void>>();
  const deps: Partial<SyncDeps> = {
    now: () => now,
    random: () => 0,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ id, at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void (timers = timers.filter((t) => t.id !== id)),
    online: () => true,
    locks: undefined,
    storage: undefined,
    gzip: undefined,
    target: {
      addEventListener: (type: string, fn: EventListenerOrEventListenerObject) => listeners.set(type, [...(listeners.get(type) ?? []), fn as () => void]),
      removeEventListener: (type: string) => listeners.delete(type),
    },
  };
  return {
    deps,
    /** Moves time on, running the timers that fall due, and lets their promises settle. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        await settle();
      }
      now = until;
      await settle();
    },
    pending: () => timers.map((t) => t.at - now).sort((a, b) => a - b),
    emit: (type: string) => listeners.get(type)?.forEach((fn) => fn()),
  };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

describe('createSyncClient', () => {
  it('sends the changed days with the app, write key and identity, then acknowledges them', async () => {
    const dev = device([day('2025-01-02', 2), day('2025-01-01', 1)]);
    const srv = collector();
    const client = createSyncClient(dev.source, { ...clock().deps, fetch: srv.fetch });
    await client.syncNow();
    const [req] = srv.summaries();
    expect(req.url).toBe('https://collector.test/v1/summaries');
    expect(req.init.keepalive).toBe(false);
    // text/plain keeps the request CORS-simple: no preflight.
    expect((req.init.headers as Record<string, string>)['content-type']).toMatch(/^text\/plain/);
    expect(req.body).toMatchObject({ v: 1, appId: 'ledgerly', writeKey: 'wk_test', identity: { userId: 'u_1', accountId: 'acme', deviceId: 'dev_a' } });
    expect(req.body!.days.map((x) => x.day)).toEqual(['2025-01-01', '2025-01-02']);
    expect(dev.cursor).toEqual({ '2025-01-01': 1, '2025-01-02': 2 });
    await client.syncNow();
    expect(srv.summaries()).toHaveLength(1);
    dev.stored.set('2025-01-02', day('2025-01-02', 3));
    await client.syncNow();
    expect(srv.summaries()[1].body!.days.map((x) => [x.day, x.rev])).toEqual([['2025-01-02', 3]]);
  });

  it('batches many days in day order', async () => {
    const dev = device(Array.from({ length: 120 }, (_, i) => day(dayKey(119 - i), 1)));
    const srv = collector();
    await createSyncClient(dev.source, { ...clock().deps, fetch: srv.fetch }).syncNow();
    const sizes = srv.summaries().map((r) => r.body!.days.length);
    expect(sizes).toEqual([50, 50, 20]);
    expect(srv.summaries()[0].body!.days[0].day).toBe(dayKey(0));
    expect(srv.rows.size).toBe(120);
  });

  it('lets only configured features leave the device, the rest as one other total', async () => {
    const dev = device([day('2025-01-01', 1, { 'invoice.sent': { n: 2, value: 2 }, 'secret.thing': { n: 3, value: 1 }, 'other.x': { n: 1, value: 0 } })]);
    const srv = collector();
    await createSyncClient(dev.source, { ...clock().deps, fetch: srv.fetch }).syncNow();
    expect(srv.rows.get('2025-01-01')!.features).toEqual({ 'invoice.sent': { n: 2, value: 2 }, other: { n: 4, value: 1 } });
  });

  it('gzips a large batch where it can and sends a small one plain', async () => {
    const srv = collector();
    const gzip = async (b: Uint8Array) => new Uint8Array(gzipSync(b));
    await createSyncClient(device([day('2025-01-01', 1)]).source, { ...clock().deps, fetch: srv.fetch, gzip }).syncNow();
    const big = device(Array.from({ length: 40 }, (_, i) => day(dayKey(i), 1)));
    await createSyncClient(big.source, { ...clock().deps, fetch: srv.fetch, gzip }).syncNow();
    const [small, large] = srv.summaries().map((r) => r.init.body as Uint8Array);
    expect(small[0]).toBe(0x7b); // '{'
    expect([large[0], large[1]]).toEqual([0x1f, 0x8b]);
    expect(srv.rows.size).toBe(40);
  });

  it('honours Retry-After on 429 and 503, sending nothing before it', async () => {
    const dev = device([day('2025-01-01', 1)]);
    const srv = collector();
    const t = clock();
    const client = createSyncClient(dev.source, { ...t.deps, fetch: srv.fetch });
    srv.script.push({ status: 503, body: { error: 'busy' }, headers: { 'retry-after': '7' } });
    await client.syncNow();
    expect(t.pending()).toEqual([7000]);
    await client.syncNow();
    expect(srv.summaries()).toHaveLength(1);
    srv.script.push({ status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '3' } });
    await t.advance(7000);
    expect(t.pending()).toEqual([3000]);
    await t.advance(3000);
    expect(srv.summaries()).toHaveLength(3);
    expect(dev.cursor).toEqual({ '2025-01-01': 1 });
    expect(dev.errors.map((e) => e.code)).toEqual(['sync-failed']);
  });

  it('backs off exponentially with jitter while the collector is unreachable', async () => {
    const dev = device([day('2025-01-01', 1)]);
    const srv = collector();
    const t = clock();
    const r = 0.5;
    const client = createSyncClient(dev.source, { ...t.deps, random: () => r, fetch: srv.fetch }, { retryBaseMs: 1000, retryMaxMs: 8000 });
    srv.script.push('network-error', 'network-error', 'network-error', 'network-error', 'network-error');
    await client.syncNow();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      delays.push(t.pending()[0]);
      await t.advance(t.pending()[0]);
    }
    // base * 2^n, capped at 8 s, then 3/4 of it with random 0.5 (half fixed, half jitter).
    expect(delays).toEqual([750, 1500, 3000, 6000, 6000]);
    expect(dev.cursor).toEqual({ '2025-01-01': 1 });
    expect(r).toBe(0.5);
  });

  it('delivers every day exactly once after an outage of days', async () => {
    const t = clock();
    const srv = collector();
    const dev = device([]);
    const client = createSyncClient(dev.source, { ...t.deps, fetch: srv.fetch }, { retryMaxMs: 3_600_000 });
    // Ten days of use with the collector down, a send attempt after every flush.
    for (let i = 0; i < 10; i++) {
      for (let k = 1; k <= 3; k++) {
        dev.stored.set(dayKey(i), day(dayKey(i), k));
        srv.script.push('network-error');
        await client.syncNow();
      }
      await t.advance(86_400_000);
    }
    srv.script.length = 0;
    await t.advance(3_600_000);
    expect([...srv.rows.values()].map((x) => x.rev)).toEqual(Array(10).fill(3));
    expect(Object.keys(dev.cursor)).toHaveLength(10);
    const sent = srv.summaries().length;
    await client.syncNow();
    expect(srv.summaries()).toHaveLength(sent);
  });

  it('sets a refused day aside, reports it once, and still delivers the other days', async () => {
    const dev = device([day('2025-01-01', 1), day('2025-01-02', 1), day('2025-01-03', 1)]);
    const srv = collector();
    const refuse = (init: RequestInit) => {
      const raw = init.body as Uint8Array;
      return (JSON.parse(new TextDecoder().decode(raw)).days as DayRollup[]).some((x) => x.day === '2025-01-02' && x.rev === 1);
    };
    const fetch = vi.fn(async (url: string | URL | Request, init: RequestInit = {}) =>
      refuse(init) ? Response.json({ error: 'days.0: bad' }, { status: 400 }) : srv.fetch(url, init),
    );
    const t = clock();
    const client = createSyncClient(dev.source, { ...t.deps, fetch });
    await client.syncNow();
    expect([...srv.rows.keys()].sort()).toEqual(['2025-01-01', '2025-01-03']);
    expect(dev.errors).toEqual([expect.objectContaining({ code: 'sync-rejected', message: expect.stringMatching(/2025-01-02 \(HTTP 400\): days\.0: bad/) })]);
    expect(t.pending()).toEqual([]);
    const calls = fetch.mock.calls.length;
    await client.syncNow();
    expect(fetch.mock.calls.length).toBe(calls);
    // A new revision of the day is a new copy: it goes out.
    dev.stored.set('2025-01-02', day('2025-01-02', 2));
    await client.syncNow();
    expect(srv.rows.get('2025-01-02')!.rev).toBe(2);
  });

  it('waits for the online event while offline', async () => {
    const dev = device([day('2025-01-01', 1)]);
    const srv = collector();
    const t = clock();
    let online = false;
    const client = createSyncClient(dev.source, { ...t.deps, online: () => online, fetch: srv.fetch });
    client.start();
    await settle();
    expect(srv.fetch).not.toHaveBeenCalled();
    online = true;
    t.emit('online');
    await settle();
    expect(srv.rows.size).toBe(1);
    client.stop();
  });

  it('lets one tab sync at a time through Web Locks, with no day sent twice', async () => {
    const dev = device(Array.from({ length: 5 }, (_, i) => day(dayKey(i), 1)));
    const srv = collector();
    let queue = Promise.resolve();
    let holders = 0;
    let most = 0;
    const locks = {
      request: ((_name: string, fn: () => Promise<void>) => {
        const run = queue.then(async () => {
          most = Math.max(most, ++holders);
          try {
            await fn();
          } finally {
            holders--;
          }
        });
        queue = run.catch(() => {});
        return run;
      }) as unknown as LockManager['request'],
    };
    const tabs = [0, 1, 2].map(() => createSyncClient(dev.source, { ...clock().deps, fetch: srv.fetch, locks }));
    await Promise.all(tabs.map((tab) => tab.syncNow()));
    expect(most).toBe(1);
    expect(srv.summaries()).toHaveLength(1);
    expect(srv.summaries()[0].body!.days).toHaveLength(5);
  });

  it('falls back to a localStorage lease without Web Locks', async () => {
    const dev = device([day('2025-01-01', 1)]);
    const srv = collector();
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    const t = clock();
    store.set('habitual-sync:lease', `other|${(t.deps.now as () => number)() + 10_000}`);
    const client = createSyncClient(dev.source, { ...t.deps, storage, fetch: srv.fetch }, { retryBaseMs: 2000 });
    await client.syncNow();
    expect(srv.fetch).not.toHaveBeenCalled();
    await t.advance(12_000);
    expect(srv.rows.size).toBe(1);
    expect(store.has('habitual-sync:lease')).toBe(false);
  });

  it('sends on pagehide with keepalive, newest days first, within the keepalive budget', async () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      day(dayKey(i), 1, Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`f${k}`, { n: k, value: k }]))),
    );
    const config = { features: Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`f${k}`, {}])) };
    const dev = device(many, config);
    const srv = collector();
    createSyncClient(dev.source, { ...clock().deps, fetch: srv.fetch }, { keepaliveBytes: 20_000 }).sendOnHide();
    await settle();
    const [req] = srv.summaries();
    expect(req.init.keepalive).toBe(true);
    expect((req.init.body as Uint8Array).length).toBeLessThanOrEqual(20_000);
    expect(req.body!.days[0].day).toBe(dayKey(49));
    expect(Object.keys(dev.cursor).length).toBe(req.body!.days.length);
  });

  it('applies the cached config at start, revalidates it by ETag, and applies a change', async () => {
    const dev = device([]);
    dev.setCache({ etag: '"ledgerly.v1"', config: { widgets: { digest: { enabled: true } } } });
    const srv = collector();
    const t = clock();
    srv.script.push({ status: 304 });
    const client = createSyncClient(dev.source, { ...t.deps, fetch: srv.fetch }, { intervalMs: 5000 });
    client.start();
    await settle();
    expect(dev.configs).toEqual([{ widgets: { digest: { enabled: true } } }]);
    const first = srv.requests.find((r) => r.url.includes('/v1/config'))!;
    expect(first.url).toBe('https://collector.test/v1/config?appId=ledgerly&key=wk_test');
    expect((first.init.headers as Record<string, string>)['if-none-match']).toBe('"ledgerly.v1"');
    srv.script.push({ status: 200, body: { version: 2, config: { widgets: { digest: { enabled: false } } } }, headers: { etag: '"ledgerly.v2"' } });
    await t.advance(5000);
    expect(dev.configs.at(-1)).toEqual({ widgets: { digest: { enabled: false } } });
    expect(dev.cache()).toEqual({ etag: '"ledgerly.v2"', config: { widgets: { digest: { enabled: false } } } });
    client.stop();
  });

  it('leaves the inline config alone while the collector has none saved (version 0), and checks again on focus', async () => {
    const dev = device([]);
    const srv = collector();
    const t = clock();
    srv.script.push({ status: 200, body: { version: 0, config: {} }, headers: { etag: '"ledgerly.v0"' } });
    const client = createSyncClient(dev.source, { ...t.deps, fetch: srv.fetch });
    client.start();
    await settle();
    expect(dev.configs).toEqual([]);
    srv.script.push({ status: 200, body: { version: 1, config: { locale: 'zh' } }, headers: { etag: '"ledgerly.v1"' } });
    t.emit('focus');
    await settle();
    expect(dev.configs).toEqual([{ locale: 'zh' }]);
    const checks = srv.requests.filter((r) => r.url.includes('/v1/config')).length;
    t.emit('focus');
    await settle();
    expect(srv.requests.filter((r) => r.url.includes('/v1/config')).length).toBe(checks);
    client.stop();
  });

  it('keeps the cached config when the collector is down', async () => {
    const dev = device([]);
    dev.setCache({ etag: '"x.v3"', config: { locale: 'fi' } });
    const srv = collector();
    srv.script.push('network-error', 'network-error');
    const client = createSyncClient(dev.source, { ...clock().deps, fetch: srv.fetch });
    client.start();
    await settle();
    expect(dev.configs).toEqual([{ locale: 'fi' }]);
    client.stop();
  });

  it('relays a share and rejects with the collector reason', async () => {
    const srv = collector();
    const client = createSyncClient(device([]).source, { ...clock().deps, fetch: srv.fetch });
    srv.script.push({ status: 200, body: { ok: true } });
    await client.share({ target: 'slack', milestone: 'first-invoice', displayName: 'Robin' });
    expect(srv.requests[0].url).toBe('https://collector.test/v1/share');
    expect(srv.requests[0].body).toMatchObject({
      appId: 'ledgerly',
      target: 'slack',
      milestone: 'first-invoice',
      displayName: 'Robin',
      identity: { userId: 'u_1', accountId: 'acme', deviceId: 'dev_a' },
    });
    srv.script.push({ status: 404, body: { error: 'App "ledgerly" has no slack webhook; set one in the dashboard.' } });
    await expect(client.share({ target: 'slack', milestone: 'x' })).rejects.toThrow(/no slack webhook/);
  });
});

describe("the user's attention record", () => {
  it('rides with each batch; with nothing to send it is asked for once, with an empty batch; the answer goes back to the device', async () => {
    const dev = device([]);
    const heard: unknown[] = [];
    let record: unknown = { marks: { 'nudges:a': { dismissed: 5 } }, shows: [] };
    dev.source.attention = () => record;
    dev.source.onAttention = (r) => heard.push(r);
    const c = collector();
    c.fetch.mockImplementation(async (_url, init: RequestInit = {}) => {
      const body = JSON.parse(new TextDecoder().decode(init.body as Uint8Array));
      c.requests.push({ url: String(_url), init, body });
      return Response.json({ acks: body.days.map((x: DayRollup) => ({ day: x.day, rev: x.rev })), stored: 0, attention: { merged: body.attention } });
    });
    const client = createSyncClient(dev.source, { ...clock().deps, fetch: c.fetch as unknown as typeof fetch });
    await client.syncNow();
    await client.syncNow();
    expect(c.requests.map((r) => r.body?.days)).toEqual([[]]);
    expect(heard).toEqual([{ merged: record }]);
    dev.stored.set('2025-01-01', day('2025-01-01', 1));
    record = { marks: {}, shows: [] };
    await client.syncNow();
    expect(c.requests[1].body).toMatchObject({ days: [{ day: '2025-01-01' }], attention: record });
  });

  it('an anonymous device (no record to share) sends no empty batch', async () => {
    const dev = device([]);
    dev.source.attention = () => undefined;
    const c = collector();
    const client = createSyncClient(dev.source, { ...clock().deps, fetch: c.fetch as unknown as typeof fetch });
    await client.syncNow();
    expect(c.summaries()).toEqual([]);
  });
});
