import type { DayRollup } from '../rollup/day-rollup';
import type { HabitualConfig } from '../config/types';
import { anyWidgetEnabled } from '../config/any-widget-enabled';
import type { ShareMessage } from '../types';
import { backoffDelay, retryAfterMs } from './backoff';
import { encodeBatch } from './encode-batch';
import { configuredEvents } from '../rollup/feature-policy';
import { outgoingDay } from './outgoing-day';
import { defaultSyncDeps, defaultSyncOptions } from './sync-deps';
import { withSyncLock } from './sync-lock';
import type { SyncClient, SyncDeps, SyncOptions, SyncSource } from './types';

type Outcome =
  | { kind: 'ok'; acks: Array<{ day: string; rev: number }> }
  | { kind: 'rejected'; status: number; reason: string }
  | { kind: 'retry'; afterMs?: number; reason: string };

const TEXT = { 'content-type': 'text/plain;charset=UTF-8' };

/**
 * Sends the device's changed day rollups to the collector and keeps the remote config fresh.
 * One tab at a time (Web Locks); retries with backoff and jitter, honours Retry-After, waits
 * for `online`; a batch the collector refuses as invalid is set aside and reported, never
 * retried in a loop and never in the way of later batches.
 *
 * One closure, longer than most, on purpose: the retry state (attempt, retryAt, timers, the
 * run in flight, the config's ETag) is shared by every trigger (start, poll, online, focus,
 * syncNow, hide), and splitting it into modules cost the engine chunk bytes it does not have
 * (measured: about 100 B gzip). What shares none of it lives in its own file: sync-lock,
 * outgoing-day, encode-batch, backoff.
 */
export function createSyncClient(source: SyncSource, deps: Partial<SyncDeps> = {}, options: Partial<SyncOptions> = {}): SyncClient {
  const d: SyncDeps = { ...defaultSyncDeps(), ...deps };
  const o: SyncOptions = { ...defaultSyncOptions, ...options };
  const base = source.endpoint.replace(/\/+$/, '');
  // `day@rev` copies the collector refused: skipped until the day changes (or the page reloads).
  const setAside = new Set<string>();
  let started = false;
  let stopped = false;
  let attempt = 0;
  let retryAt = 0;
  let retryTimer: unknown;
  let pollTimer: unknown;
  let running: Promise<void> | undefined;
  let again = false;
  let etag: string | undefined;
  // A signed-in device asks once per page for its attention record, even with no days to send.
  let exchanged = false;

  const report = (code: 'sync-rejected' | 'sync-failed', message: string, cause?: unknown) => {
    try {
      source.onError({ code, message, cause });
    } catch {
      // A throwing host hook must not stop the sync.
    }
  };

  const outgoing = (days: DayRollup[]) => {
    const configured = configuredEvents(source.config());
    return days
      .filter((day) => !setAside.has(`${day.day}@${day.rev}`))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
      .map((day) => outgoingDay(day, configured));
  };

  async function post(days: DayRollup[], keepalive = false): Promise<Outcome> {
    let res: Response;
    try {
      const body = await encodeBatch(source, days, d.gzip);
      // A send that hangs would hold the lock, and so every tab's sync, until the page closed.
      const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(o.timeoutMs) : undefined;
      res = await d.fetch(`${base}/v1/summaries`, { method: 'POST', headers: TEXT, body: body as BodyInit, keepalive, credentials: 'omit', signal });
    } catch (cause) {
      return { kind: 'retry', reason: `the collector could not be reached (${String(cause)})` };
    }
    const text = await res.text().catch(() => '');
    let json: { acks?: unknown; error?: unknown; attention?: unknown } | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.ok && Array.isArray(json?.acks)) {
      exchanged = true;
      if (json.attention) source.onAttention?.(json.attention);
      return { kind: 'ok', acks: json.acks as Array<{ day: string; rev: number }> };
    }
    const reason = typeof json?.error === 'string' ? json.error : `HTTP ${res.status}`;
    if (res.status === 429 || res.status === 503 || res.status === 408 || res.status >= 500 || res.ok) {
      return { kind: 'retry', afterMs: retryAfterMs(res.headers.get('retry-after'), d.now()), reason };
    }
    return { kind: 'rejected', status: res.status, reason };
  }

  /** Sends `days` (split in halves on refusal, to find the bad day); false means stop and retry. */
  async function sendBatch(days: DayRollup[]): Promise<boolean> {
    const out = await post(days);
    if (out.kind === 'ok') {
      attempt = 0;
      await source.ack(out.acks);
      return true;
    }
    if (out.kind === 'retry') {
      if (attempt === 0) report('sync-failed', `Sync failed, will retry: ${out.reason}`);
      const wait = Math.min(o.retryMaxMs, out.afterMs ?? backoffDelay(attempt, d.random, o.retryBaseMs, o.retryMaxMs));
      attempt++;
      scheduleRetry(wait);
      return false;
    }
    if (days.length > 1) {
      const half = Math.ceil(days.length / 2);
      return (await sendBatch(days.slice(0, half))) && (await sendBatch(days.slice(half)));
    }
    setAside.add(`${days[0].day}@${days[0].rev}`);
    report('sync-rejected', `The collector refused day ${days[0].day} (HTTP ${out.status}): ${out.reason}`);
    return true;
  }

  function scheduleRetry(ms: number) {
    retryAt = d.now() + ms;
    d.clearTimeout(retryTimer);
    retryTimer = d.setTimeout(() => {
      retryAt = 0;
      void syncNow();
    }, ms);
  }

  async function run(): Promise<void> {
    const got = await withSyncLock(d, o.lockName, async () => {
      const days = outgoing(await source.pending());
      if (!days.length && !exchanged && source.attention?.()) await sendBatch([]);
      for (let i = 0; i < days.length && !stopped; i += o.batchDays) {
        if (!(await sendBatch(days.slice(i, i + o.batchDays)))) return;
      }
    });
    // Another tab holds the lease: look again once it should be done.
    if (!got) scheduleRetry(o.retryBaseMs + Math.round(d.random() * o.retryBaseMs));
  }

  function syncNow(): Promise<void> {
    if (stopped || !d.online() || d.now() < retryAt) return Promise.resolve();
    if (running) {
      // Data stored during this run goes in one more run right after.
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again && !stopped && d.now() >= retryAt);
      } catch (cause) {
        report('sync-failed', `Sync failed: ${String(cause)}`, cause);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  function sendOnHide() {
    if (stopped || !d.online()) return;
    void (async () => {
      // Newest first: on a page that closes for good, the most recent days matter most.
      let days = outgoing(await source.pending())
        .reverse()
        .slice(0, o.batchDays);
      while (days.length > 0) {
        const body = await encodeBatch(source, days, d.gzip);
        if (body.length <= o.keepaliveBytes || days.length === 1) break;
        days = days.slice(0, Math.ceil(days.length / 2));
      }
      if (days.length === 0) return;
      const out = await post(days, true);
      if (out.kind === 'ok') await source.ack(out.acks);
    })().catch(() => {
      // The page is going away; the next visit sends what this one could not.
    });
  }

  async function checkConfig() {
    if (stopped || !d.online()) return;
    const url = `${base}/v1/config?appId=${encodeURIComponent(source.appId)}&key=${encodeURIComponent(source.writeKey)}`;
    let res: Response;
    try {
      res = await d.fetch(url, { headers: etag ? { 'if-none-match': etag } : {}, credentials: 'omit', cache: 'no-store' });
    } catch {
      return; // The page keeps running on the cached or inline config.
    }
    if (res.status !== 200) return;
    const tag = res.headers.get('etag') ?? undefined;
    const body = (await res.json().catch(() => undefined)) as { version?: number; config?: HabitualConfig } | undefined;
    if (!tag || !body?.config || typeof body.config !== 'object' || tag === etag) return;
    etag = tag;
    // Version 0: nobody has saved a remote config yet, so the inline one stands.
    if (body.version === 0) return;
    await source.saveConfigCache({ etag: tag, config: body.config }).catch(() => {});
    source.onConfig(body.config);
    // A config that switches widgets on: fetch the user's attention record now, not at the next poll.
    if (!exchanged && anyWidgetEnabled(body.config)) void syncNow();
  }

  // A user coming back to the tab sees the config in force now (throttled: focus is chatty).
  let focusCheckAt = 0;
  const onFocus = () => {
    if (d.now() - focusCheckAt < 5_000) return;
    focusCheckAt = d.now();
    void checkConfig();
  };

  const onOnline = () => {
    attempt = 0;
    retryAt = 0;
    d.clearTimeout(retryTimer);
    void syncNow();
    void checkConfig();
  };

  function poll() {
    pollTimer = d.setTimeout(() => {
      void syncNow();
      void checkConfig().finally(() => !stopped && poll());
    }, o.intervalMs);
  }

  // The whole identity: the collector limits shares per verified user and keeps responses per user.
  async function send(path: string, body: object) {
    const res = await d.fetch(base + path, {
      method: 'POST',
      headers: TEXT,
      credentials: 'omit',
      body: JSON.stringify({ appId: source.appId, writeKey: source.writeKey, identity: source.identity(), ...body }),
    });
    if (!res.ok) {
      const json = (await res.json().catch(() => undefined)) as { error?: string } | undefined;
      throw Object.assign(new Error(json?.error ?? `The collector answered ${res.status}.`), { status: res.status });
    }
  }

  return {
    start() {
      // Consent can be withdrawn and given again: a stopped client starts anew.
      if (started) return;
      started = true;
      stopped = false;
      d.target?.addEventListener('online', onOnline);
      d.target?.addEventListener('focus', onFocus);
      void (async () => {
        const cached = await source.loadConfigCache().catch(() => undefined);
        if (cached && !stopped && etag === undefined) {
          etag = cached.etag;
          source.onConfig(cached.config);
        }
        await checkConfig();
      })();
      if (!source.idleAtStart?.()) void syncNow();
      poll();
    },
    syncNow,
    sendOnHide,
    share: (message: ShareMessage) => send('/v1/share', message),
    send,
    stop() {
      stopped = true;
      started = false;
      d.clearTimeout(retryTimer);
      d.clearTimeout(pollTimer);
      d.target?.removeEventListener('online', onOnline);
      d.target?.removeEventListener('focus', onFocus);
    },
  };
}
