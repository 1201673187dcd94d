import type { DayRollup } from '../rollup/day-rollup';
import type { SyncSource } from './types';

/** Below this many bytes gzip saves too little to be worth a stream. */
const GZIP_FROM = 256;

/**
 * The `POST /v1/summaries` body (wire format v1, see packages/server/README.md): JSON, gzip
 * compressed where the browser can. It goes as `text/plain` with the write key inside, so the
 * request stays CORS-simple: no preflight, and `keepalive` works on `pagehide`.
 */
export async function encodeBatch(
  source: Pick<SyncSource, 'appId' | 'writeKey' | 'identity' | 'attention'>,
  days: DayRollup[],
  gzip: ((bytes: Uint8Array) => Promise<Uint8Array>) | undefined,
): Promise<Uint8Array> {
  const json = JSON.stringify({ v: 1, appId: source.appId, writeKey: source.writeKey, identity: source.identity(), days, attention: source.attention?.() });
  const bytes = new TextEncoder().encode(json);
  if (!gzip || bytes.length < GZIP_FROM) return bytes;
  try {
    return await gzip(bytes);
  } catch {
    return bytes;
  }
}
