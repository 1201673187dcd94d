import type { DayRollup } from '../rollup/day-rollup';
import type { ShareMessage } from '../types';
import { backoffDelay } from './backoff';
import { createConfigCheck } from './config-check';
import { postDays, TEXT } from './post-days';
import { encodeBatch } from './encode-batch';
import { configuredEvents } from '../rollup/feature-policy';
import { outgoingDay } from './outgoing-day';
import { defaultSyncDeps, defaultSyncOptions } from './sync-deps';
import { withSyncLock } from './sync-lock';
import type { SyncClient, SyncDeps, SyncOptions, SyncSource } from './types';

/**
 * Sends the device's changed day rollups to the collector and keeps the remote config fresh.
 * One tab at a time (Web Locks); retries with backoff and jitter, honours Retry-After, waits
 * for `online`; a batch the collector refuses as invalid is set aside and reported, never
 * retried in a loop and never in the way of later batches.
 *
 * One closure, longer than most, on purpose: the retry state (attempt, retryAt, timers, the
 * run in flight) is shared by every trigger (start, poll, online, syncNow, hide). What does
 * not share it lives in its own file: post-days, config-check, sync-lock, outgoing-day.
 */
export function createSyncClient(source: SyncSource, deps: Partial<SyncDeps> = {}, options: Partial<SyncOptions> = {}): SyncClient {
  const d: SyncDeps = { ...defaultSyncDeps(), ...deps };
  const o: SyncOptions = { ...defaultSyncOptions, ...options };
  const base = source.endpoint.replace(/\/+$/, '');
  const config = createConfigCheck(base, source, d, () => stopped);
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

  /** Sends `days` (split in halves on refusal, to find the bad day); false means stop and retry. */
  async function sendBatch(days: DayRollup[]): Promise<boolean> {
    const out = await postDays(base, source, d, o.timeoutMs, days);
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
      const out = await postDays(base, source, d, o.timeoutMs, days, true);
      if (out.kind === 'ok') await source.ack(out.acks);
    })().catch(() => {
      // The page is going away; the next visit sends what this one could not.
    });
  }

  const onOnline = () => {
    attempt = 0;
    retryAt = 0;
    d.clearTimeout(retryTimer);
    void syncNow();
    void config.check();
  };

  function poll() {
    pollTimer = d.setTimeout(() => {
      void syncNow();
      void config.check().finally(() => !stopped && poll());
    }, o.intervalMs);
  }

  return {
    start() {
      // Consent can be withdrawn and given again: a stopped client starts anew.
      if (started) return;
      started = true;
      stopped = false;
      d.target?.addEventListener('online', onOnline);
      d.target?.addEventListener('focus', config.onFocus);
      void config.start();
      void syncNow();
      poll();
    },
    syncNow,
    sendOnHide,
    async share(message: ShareMessage) {
      const { deviceId } = source.identity();
      const res = await d.fetch(`${base}/v1/share`, {
        method: 'POST',
        headers: TEXT,
        credentials: 'omit',
        body: JSON.stringify({ appId: source.appId, writeKey: source.writeKey, identity: { deviceId }, ...message }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => undefined)) as { error?: string } | undefined;
        throw new Error(body?.error ?? `Sharing failed: the collector answered ${res.status}.`);
      }
    },
    stop() {
      stopped = true;
      started = false;
      d.clearTimeout(retryTimer);
      d.clearTimeout(pollTimer);
      d.target?.removeEventListener('online', onOnline);
      d.target?.removeEventListener('focus', config.onFocus);
    },
  };
}
