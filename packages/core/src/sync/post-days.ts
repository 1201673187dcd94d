import type { DayRollup } from '../rollup/day-rollup';
import { retryAfterMs } from './backoff';
import { encodeBatch } from './encode-batch';
import type { SyncDeps, SyncSource } from './types';

/** What became of one POST of days: stored, refused for good, or worth another try. */
export type PostOutcome =
  | { kind: 'ok'; acks: Array<{ day: string; rev: number }> }
  | { kind: 'rejected'; status: number; reason: string }
  | { kind: 'retry'; afterMs?: number; reason: string };

// A simple request (no preflight): text/plain, as sendBeacon-style senders use.
export const TEXT = { 'content-type': 'text/plain;charset=UTF-8' };

/** POSTs `days` to `/v1/summaries` and says what became of them; never throws. */
export async function postDays(
  base: string,
  source: SyncSource,
  d: Pick<SyncDeps, 'fetch' | 'gzip' | 'now'>,
  timeoutMs: number,
  days: DayRollup[],
  keepalive = false,
): Promise<PostOutcome> {
  let res: Response;
  try {
    const body = await encodeBatch(source, days, d.gzip);
    // A send that hangs would hold the lock, and so every tab's sync, until the page closed.
    const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(timeoutMs) : undefined;
    res = await d.fetch(`${base}/v1/summaries`, { method: 'POST', headers: TEXT, body: body as BodyInit, keepalive, credentials: 'omit', signal });
  } catch (cause) {
    return { kind: 'retry', reason: `the collector could not be reached (${String(cause)})` };
  }
  const text = await res.text().catch(() => '');
  let json: { acks?: unknown; error?: unknown } | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (res.ok && Array.isArray(json?.acks)) return { kind: 'ok', acks: json.acks as Array<{ day: string; rev: number }> };
  const reason = typeof json?.error === 'string' ? json.error : `HTTP ${res.status}`;
  if (res.status === 429 || res.status === 503 || res.status === 408 || res.status >= 500 || res.ok) {
    return { kind: 'retry', afterMs: retryAfterMs(res.headers.get('retry-after'), d.now()), reason };
  }
  return { kind: 'rejected', status: res.status, reason };
}
