// How often a page talks to the collector: 200 track() calls spread over 10 minutes of one
// open page (one call every 3 s), with the real tracker, keeper and sync client on a
// simulated clock. Before pacing, every store flush was a POST.
import { createKeeper, createTracker, memoryKV } from '@habitual/core';
import { afterAll, it, vi } from 'vitest';
import { printTable, writeResults } from './stats';

const results: Record<string, unknown> = {};
afterAll(() => writeResults('sync-pacing', results));

it('summary POSTs for 200 calls over 10 minutes', async () => {
  vi.useFakeTimers({ now: Date.parse('2026-11-24T09:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const rows: Array<Record<string, string | number>> = [];
  for (const intervalMs of [60_000, 300_000]) {
    let posts = 0;
    let bytes = 0;
    const fetch = (async (url: string, init: RequestInit = {}) => {
      if (url.includes('/v1/config')) return new Response('', { status: 404 });
      posts++;
      bytes += (init.body as Uint8Array).byteLength;
      const body = JSON.parse(new TextDecoder().decode(init.body as Uint8Array)) as { days: Array<{ day: string; rev: number }> };
      return new Response(JSON.stringify({ acks: body.days.map((d) => ({ day: d.day, rev: d.rev })) }), { status: 200 });
    }) as typeof globalThis.fetch;
    const h = createTracker(
      { appId: 'bench', writeKey: 'wk', endpoint: 'https://c.test', user: { id: 'u1' }, config: { features: { 'invoice.sent': {} } }, sync: { intervalMs } },
      {
        timeZone: () => 'UTC',
        env: undefined,
        openKV: () => memoryKV(),
        keeper: () => ({ createKeeper }),
        sync: { fetch, locks: undefined, storage: undefined, gzip: undefined },
      },
    );
    for (let i = 0; i < 200; i++) {
      h.track('invoice.sent');
      await vi.advanceTimersByTimeAsync(3_000);
    }
    rows.push({ 'sync.intervalMs': intervalMs, 'summary POSTs in 10 min': posts, 'bytes sent': bytes, 'flushes (one per call)': 200 });
    await h.destroy();
  }
  vi.useRealTimers();
  printTable('Sync pacing: 200 track() calls, one every 3 s, one open page', rows);
  results.pacing = rows;
});
