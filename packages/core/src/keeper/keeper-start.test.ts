// A start reads the user's store once: the profile, every day, the config cache and the days
// not yet acknowledged come from that one read (each extra IndexedDB transaction costs the
// host page's main thread), and a returning visitor's unchanged profile is not written again.
// A quiet start (nothing to send, no cached config, no journal, nothing reading the state)
// leaves the store unopened until something needs it.
import { afterEach, expect, it, vi } from 'vitest';
import { createKeeper } from './keeper';
import { memoryKV, type KV } from '../store/kv';
import { createTracker } from '../tracker/tracker';
import type { DayRollup } from '../rollup/day-rollup';
import type { HabitualInstance, Profile } from '../types';

const maps = new Map<string, Map<string, unknown>>();
const opened: HabitualInstance[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.destroy()));
  maps.clear();
  localStorage.clear();
});
const STORE_OPS = ['get', 'set', 'update', 'transact', 'entries', 'delMany', 'clear'];
const storeOps = (ops: string[]) => ops.filter((op) => STORE_OPS.includes(op));

/** A page of the app; `ops` logs each store operation, each request as `POST` or `GET config`, and each sync lock as `lock`. */
function page(ops: string[], fetch?: typeof globalThis.fetch, user: { id: string; accountId?: string } | null = { id: 'u1', accountId: 'a1' }) {
  const locks = { request: (_name: string, fn: () => Promise<void>) => (ops.push('lock'), fn()) } as unknown as LockManager;
  const counted = (kv: KV): KV =>
    Object.fromEntries(
      Object.entries(kv).map(([op, fn]) => [op, (...args: unknown[]) => (ops.push(op), (fn as (...a: unknown[]) => unknown)(...args))]),
    ) as never;
  const h = createTracker(
    { appId: 'start', writeKey: 'wk', endpoint: fetch ? 'https://c.test' : undefined, user: user ?? undefined },
    {
      timeZone: () => 'UTC',
      openKV: (name) => counted(memoryKV(maps.get(name) ?? (maps.set(name, new Map()), maps.get(name)!))),
      keeper: () => ({ createKeeper }),
      flushDelayMs: 10,
      sync: { fetch, locks, storage: undefined, gzip: undefined },
    },
  );
  opened.push(h);
  return h;
}

it("a returning visitor's start reads the store once, writes nothing, and its first sync sends the unsynced days of that read", async () => {
  // A first visit stores a day with no collector to take it: the day stays unsynced.
  const before: string[] = [];
  const first = page(before);
  first.track('invoice.sent');
  await first.flush();
  const { profile, days } = await first.exportData();
  await first.destroy();

  const ops: string[] = [];
  const sent: DayRollup[][] = [];
  const fetch = (async (url: string, init: RequestInit = {}) => {
    if (url.includes('/v1/config')) return (ops.push('GET config'), new Response('', { status: 404 }));
    ops.push('POST');
    const body = JSON.parse(new TextDecoder().decode(init.body as Uint8Array)) as { days: DayRollup[] };
    sent.push(body.days);
    return new Response(JSON.stringify({ acks: body.days.map((d) => ({ day: d.day, rev: d.rev })) }), { status: 200 });
  }) as typeof globalThis.fetch;
  const second = page(ops, fetch);
  await vi.waitFor(() => expect(sent).toHaveLength(1));
  expect(sent[0].map((d) => [d.day, d.rev])).toEqual(days.map((d) => [d.day, 1]));
  // Up to the first POST: one read, no get, no write (the profile was already right).
  expect(ops.slice(0, ops.indexOf('POST')).filter((op) => op !== 'lock' && !op.startsWith('GET'))).toEqual(['entries']);
  expect((await second.exportData()).profile.deviceId).toBe(profile.deviceId);
});

it("a first visit's start has nothing to send: it checks the config, and takes no sync lock and sends nothing", async () => {
  const ops: string[] = [];
  const fetch = (async (url: string) => (
    ops.push(url.includes('/v1/config') ? 'GET config' : 'POST'), new Response('', { status: 404 })
  )) as typeof globalThis.fetch;
  const h = page(ops, fetch);
  await vi.waitFor(() => expect(ops).toContain('GET config'));
  await h.flush();
  expect(ops.filter((op) => op === 'lock' || op === 'POST')).toEqual([]);
  // What it stores later goes at the next send (here asked for).
  h.track('invoice.sent');
  await h.flush({ sync: true });
  expect(ops.filter((op) => op === 'lock' || op === 'POST')).toEqual(['lock', 'POST']);
});

/** A collector that acknowledges every day (`sent` gets each batch with its identity); its config answer is `config`. */
function collector(ops: string[], config?: { etag: string; body: unknown }) {
  const sent: Array<{ identity: { deviceId: string }; days: DayRollup[] }> = [];
  const fetch = (async (url: string, init: RequestInit = {}) => {
    if (url.includes('/v1/config'))
      return (
        ops.push('GET config'),
        config ? new Response(JSON.stringify(config.body), { status: 200, headers: { etag: config.etag } }) : new Response('', { status: 404 })
      );
    ops.push('POST');
    const body = JSON.parse(new TextDecoder().decode(init.body as Uint8Array));
    sent.push(body);
    return new Response(JSON.stringify({ acks: body.days.map((d: DayRollup) => ({ day: d.day, rev: d.rev })) }), { status: 200 });
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

it('a quiet first visit opens no store until its first stored day, which reads it and writes the profile that its sends carry', async () => {
  const ops: string[] = [];
  const { fetch, sent } = collector(ops);
  const h = page(ops, fetch);
  await vi.waitFor(() => expect(ops).toContain('GET config'));
  await h.flush();
  expect(storeOps(ops)).toEqual([]);
  h.track('invoice.sent');
  await h.flush({ sync: true });
  // The write, then the start's read (after it, so it sees the day) and the new profile.
  expect(storeOps(ops).slice(0, 3)).toEqual(['transact', 'entries', 'update']);
  expect(sent).toHaveLength(1);
  const { profile } = await h.exportData();
  expect(sent[0].identity.deviceId).toBe(profile.deviceId);
  // (Unconfigured, so it leaves as `other`.)
  expect(sent[0].days.map((d) => d.features.other?.n)).toEqual([1]);
});

it('the start marker: days waiting for the collector or a cached config make the next start read; all acknowledged, starts are quiet again', async () => {
  // Stored with no collector to take it: the next start reads the store (and sends the day).
  const first = page([]);
  first.track('invoice.sent');
  await first.flush();
  await first.destroy();
  const ops: string[] = [];
  const { fetch, sent } = collector(ops);
  const second = page(ops, fetch);
  await vi.waitFor(() => expect(sent).toHaveLength(1));
  expect(storeOps(ops)[0]).toBe('entries');
  await vi.waitFor(() => expect(localStorage.length).toBe(0));
  await second.destroy();

  // Everything acknowledged: quiet.
  const quiet: string[] = [];
  const third = page(quiet, collector(quiet, { etag: '"v3"', body: { version: 3, config: { features: ['invoice.sent'] } } }).fetch);
  await vi.waitFor(() => expect(quiet).toContain('GET config'));
  // It got a remote config, and keeps it (the write is the only store operation): the next start reads.
  await vi.waitFor(() => expect(storeOps(quiet)).toEqual(['set']));
  // An absence, so a fixed wait: a config with no widget on asks no send, so no read follows
  // (the send it used to ask would run within a few microtasks and a lock request).
  await new Promise((done) => setTimeout(done, 50));
  expect(storeOps(quiet)).toEqual(['set']);
  await third.destroy();
  const fourth: string[] = [];
  page(fourth, collector(fourth).fetch);
  await vi.waitFor(() => expect(storeOps(fourth)[0]).toBe('entries'));
});

it('getState() on a quiet start reads the store, and the state follows', async () => {
  const before = page([]);
  before.track('invoice.sent');
  await before.flush();
  await before.destroy();
  localStorage.clear(); // as if the day had been acknowledged
  const ops: string[] = [];
  const h = page(ops, collector(ops).fetch);
  await vi.waitFor(() => expect(ops).toContain('GET config'));
  expect(storeOps(ops)).toEqual([]);
  expect(h.getState()).toBeNull();
  await vi.waitFor(() => expect(h.getState()).not.toBeNull());
  expect(storeOps(ops)[0]).toBe('entries');
});

it("a visitor who signs in after a quiet start brings the anonymous profile's widget state along", async () => {
  const anonymous: Profile = { v: 1, deviceId: 'd-anon', firstSeen: '2026-11-01', milestones: {}, widgets: { pins: ['report.viewed'] } };
  maps.set('habitual-start-anonymous', new Map<string, unknown>([['profile', anonymous]]));
  const ops: string[] = [];
  const h = page(ops, collector(ops).fetch, null);
  await vi.waitFor(() => expect(ops).toContain('GET config'));
  expect(storeOps(ops)).toEqual([]);
  // A re-render right after the sign-in reads the new user's store before the switch is done.
  h.identify({ id: 'u2' });
  h.getState();
  expect((await h.exportData()).profile.widgets).toEqual({ pins: ['report.viewed'] });
});

const MARKER = 'habitual-start:habitual-start-u1';

it('the marker is set for days replayed from the journal and for days a switch leaves behind; a start that finds nothing behind it clears it', async () => {
  const day = { day: '2026-11-30', tz: 'UTC', activeMs: 0, features: { 'invoice.sent': { n: 2, value: 0 } }, firsts: {} };
  localStorage.setItem('habitual-journal:habitual-start-u1:tab1-1', JSON.stringify([day]));
  const replayed = page([]);
  await replayed.flush();
  expect(localStorage.getItem(MARKER)).toBe('1');
  await replayed.destroy();
  localStorage.clear();

  // Counted for u1, stored after the switch to u3 began.
  const h = page([]);
  h.track('invoice.sent');
  h.identify({ id: 'u3' });
  await h.flush();
  expect(localStorage.getItem(MARKER)).toBe('1');
  await h.destroy();

  // A marker with nothing behind it (u1's days sent meanwhile, say): the next full start removes it.
  maps.get('habitual-start-u1')!.set('unsynced', {});
  const ops: string[] = [];
  page(ops);
  await vi.waitFor(() => expect(localStorage.getItem(MARKER)).toBeNull());
  expect(storeOps(ops)[0]).toBe('entries');
});

it('a state listener added after a quiet start hears the state at the next flush', async () => {
  const h = page([]);
  await h.flush();
  const states: unknown[] = [];
  h.on('state', (s) => states.push(s));
  await h.flush();
  await vi.waitFor(() => expect(states).toHaveLength(1));
});

it("an ack that empties the unsynced list keeps the marker while the store holds a cached config (another tab's)", async () => {
  const stored = new Map<string, unknown>();
  maps.set('habitual-start-u1', stored);
  const ops: string[] = [];
  const { fetch, sent } = collector(ops);
  const h = page(ops, fetch);
  await vi.waitFor(() => expect(ops).toContain('GET config'));
  // While this tab runs, another one keeps a remote config (and sets the marker).
  stored.set('config', { etag: '"v2"', config: { features: ['invoice.sent'] } });
  localStorage.setItem(MARKER, '1');
  h.track('invoice.sent');
  await h.flush({ sync: true });
  expect(sent).toHaveLength(1);
  expect(localStorage.getItem(MARKER)).toBe('1');
});
