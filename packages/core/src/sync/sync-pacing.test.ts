// Bug: every store flush was a sync, so 20 track() calls a few seconds apart made 20 POSTs.
// Stored days are sent at most every `sync.intervalMs` (and on start, hide, online, and
// flush({ sync: true })), and only the days changed since their last ack.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createKeeper } from '../keeper/keeper';
import { memoryKV } from '../store/kv';
import { createTracker } from '../tracker/tracker';
import type { DayRollup } from '../rollup/day-rollup';

/** A collector that keeps the highest revision of each (device, day), as the real one does. */
function collector() {
  const stored = new Map<string, DayRollup>();
  let posts = 0;
  const handle = (async (url: string, init: RequestInit = {}): Promise<Response> => {
    if (url.includes('/v1/config')) return new Response('', { status: 404 });
    posts++;
    const body = JSON.parse(new TextDecoder().decode(init.body as Uint8Array)) as { identity: { deviceId: string }; days: DayRollup[] };
    for (const d of body.days) {
      const key = `${body.identity.deviceId}/${d.day}`;
      if ((stored.get(key)?.rev ?? 0) < d.rev) stored.set(key, d);
    }
    return new Response(JSON.stringify({ acks: body.days.map((d) => ({ day: d.day, rev: d.rev })) }), { status: 200 });
  }) as typeof fetch;
  const total = () => [...stored.values()].reduce((n, d) => n + (d.features['invoice.sent']?.n ?? 0), 0);
  return { fetch: handle, posts: () => posts, total };
}

const maps = new Map<string, Map<string, unknown>>();
const page = (c: ReturnType<typeof collector>) =>
  createTracker(
    { appId: 'pacing', writeKey: 'wk', endpoint: 'https://c.test', user: { id: 'u1' }, config: { features: { 'invoice.sent': {} } } },
    {
      timeZone: () => 'UTC',
      openKV: (name) => memoryKV(maps.get(name) ?? (maps.set(name, new Map()), maps.get(name)!)),
      keeper: () => ({ createKeeper }),
      // Sync's platform is the page's (fake timers and clock), with the fake collector.
      sync: { fetch: c.fetch, locks: undefined, storage: undefined, gzip: undefined },
    },
  );

beforeEach(() => {
  maps.clear();
  localStorage.clear();
  vi.useFakeTimers({ now: Date.parse('2026-11-24T09:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => vi.useRealTimers());

it('200 track() calls over 10 minutes of one visible tab make at most 3 summary POSTs', async () => {
  const c = collector();
  const h = page(c);
  for (let i = 0; i < 200; i++) {
    h.track('invoice.sent');
    await vi.advanceTimersByTimeAsync(3_000);
  }
  expect(c.posts()).toBeGreaterThan(0);
  expect(c.posts()).toBeLessThanOrEqual(3);
  await h.flush({ sync: true });
  expect(c.total()).toBe(200);
  await h.destroy();
});

it('nothing is lost across a reload in between', async () => {
  const c = collector();
  let h = page(c);
  for (let i = 0; i < 200; i++) {
    if (i === 100) {
      // The page goes away without destroy(): only what pagehide does synchronously counts.
      window.dispatchEvent(new Event('pagehide'));
      h = page(c);
    }
    h.track('invoice.sent');
    await vi.advanceTimersByTimeAsync(3_000);
  }
  await h.flush({ sync: true });
  expect(c.total()).toBe(200);
  await h.destroy();
});

it('a sync sends only the days changed since their last ack', async () => {
  const c = collector();
  const sent: string[][] = [];
  const spy = (async (url: string, init: RequestInit = {}) => {
    if (!url.includes('/v1/config')) sent.push((JSON.parse(new TextDecoder().decode(init.body as Uint8Array)).days as DayRollup[]).map((d) => d.day));
    return c.fetch(url, init);
  }) as typeof fetch;
  const h = createTracker(
    { appId: 'dirty', writeKey: 'wk', endpoint: 'https://c.test', user: { id: 'u1' } },
    {
      timeZone: () => 'UTC',
      openKV: () => memoryKV(),
      keeper: () => ({ createKeeper }),
      sync: { fetch: spy, locks: undefined, storage: undefined, gzip: undefined },
    },
  );
  h.track('invoice.sent');
  await h.flush({ sync: true });
  await vi.advanceTimersByTimeAsync(86_400_000); // the next day
  h.track('invoice.sent');
  await h.flush({ sync: true });
  await h.flush({ sync: true }); // nothing changed: nothing sent
  expect(sent).toEqual([['2026-11-24'], ['2026-11-25']]);
  await h.destroy();
});
