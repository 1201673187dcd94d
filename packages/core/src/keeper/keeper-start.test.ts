// A start reads the user's store once: the profile, every day, the config cache and the days
// not yet acknowledged come from that one read (each extra IndexedDB transaction costs the
// host page's main thread), and a returning visitor's unchanged profile is not written again.
import { afterEach, expect, it, vi } from 'vitest';
import { createKeeper } from './keeper';
import { memoryKV, type KV } from '../store/kv';
import { createTracker } from '../tracker/tracker';
import type { DayRollup } from '../rollup/day-rollup';
import type { HabitualInstance } from '../types';

const maps = new Map<string, Map<string, unknown>>();
const opened: HabitualInstance[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.destroy()));
  maps.clear();
});

/** A page of the app; `ops` logs each store operation, each request as `POST` or `GET config`, and each sync lock as `lock`. */
function page(ops: string[], fetch?: typeof globalThis.fetch) {
  const locks = { request: (_name: string, fn: () => Promise<void>) => (ops.push('lock'), fn()) } as unknown as LockManager;
  const counted = (kv: KV): KV =>
    Object.fromEntries(
      Object.entries(kv).map(([op, fn]) => [op, (...args: unknown[]) => (ops.push(op), (fn as (...a: unknown[]) => unknown)(...args))]),
    ) as never;
  const h = createTracker(
    { appId: 'start', writeKey: 'wk', endpoint: fetch ? 'https://c.test' : undefined, user: { id: 'u1', accountId: 'a1' } },
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
