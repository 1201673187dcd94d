import type { HabitualConfig } from '../config/types';
import type { DayRollup } from '../rollup/day-rollup';
import type { HabitualError, ShareMessage } from '../types';

/** What the sync client needs from the tracker and store. */
export interface SyncSource {
  appId: string;
  writeKey: string;
  /** Collector base URL, e.g. `https://collector.example.com`. */
  endpoint: string;
  identity(): { userId?: string; accountId?: string; deviceId: string; hash?: string; hashExpires?: number; name?: string };
  /** Stored day rollups the collector has not acknowledged yet. */
  pending(): Promise<DayRollup[]>;
  /** The server stored these revisions. */
  ack(acks: Array<{ day: string; rev: number }>): Promise<void>;
  /** Config the page runs on, to filter features: only configured features (plus an 'other' total) leave the device. */
  config(): HabitualConfig;
  loadConfigCache(): Promise<{ etag: string; config: HabitualConfig } | undefined>;
  saveConfigCache(entry: { etag: string; config: HabitualConfig }): Promise<void>;
  onConfig(config: HabitualConfig): void;
  onError(error: HabitualError): void;
  /** The user's attention record (widget marks and shows), sent with each batch so it follows them across devices. */
  attention?(): unknown;
  /** The record as the collector now holds it (every device's, merged). */
  onAttention?(record: unknown): void;
  /**
   * True when the keeper's start read found nothing to send (no day unacknowledged, no
   * attention record to exchange): the client's start then skips its run, and the lock.
   */
  idleAtStart?(): boolean;
}

/** The platform the sync client runs on; `defaultSyncDeps()` reads the browser's, tests pass fakes. */
export interface SyncDeps {
  fetch: typeof fetch;
  /** Web Locks (`navigator.locks`), missing in old browsers and some webviews. */
  locks: Pick<LockManager, 'request'> | undefined;
  /** Where a lease stands in for Web Locks (`localStorage`); undefined when unavailable too. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  now: () => number;
  random: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
  online: () => boolean;
  /** Receives `online` and `focus` (window). */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined;
  /** Gzip (CompressionStream); undefined where the browser lacks it. */
  gzip: ((bytes: Uint8Array) => Promise<Uint8Array>) | undefined;
}

export interface SyncOptions {
  /** Days per request. @default 50 */
  batchDays: number;
  /**
   * Stored days are sent at most this often while the page is open (and on start, page
   * hide, `online` and `flush({ sync: true })`); the config is checked as often, and on `focus`.
   * @default 300000
   */
  intervalMs: number;
  /** First retry delay; doubles per failure, with jitter. @default 2000 */
  retryBaseMs: number;
  /** Longest retry delay (and cap on Retry-After). @default 300000 */
  retryMaxMs: number;
  /** Bytes of a `keepalive` body (browsers allow 64 KB for all in flight). @default 60000 */
  keepaliveBytes: number;
  /** A request that takes longer is given up and retried. @default 30000 */
  timeoutMs: number;
  /** Web Locks name; one per app so tabs of other apps on the origin do not wait on each other. @default 'habitual-sync' */
  lockName: string;
}

export interface SyncClient {
  /** Applies the cached config, checks the remote one, syncs, and keeps doing so every `intervalMs`. */
  start(): void;
  /** Sends what is pending now (one tab at a time); resolves when done or deferred to a retry. */
  syncNow(): Promise<void>;
  /** Best-effort send on `pagehide` with `fetch(..., { keepalive: true })`, within 64 KB. */
  sendOnHide(): void;
  /** Relays a reward share through the collector's webhook. Rejects with the collector's reason. */
  share(message: ShareMessage): Promise<void>;
  /** POSTs `body` with the app and identity to `path`; rejects with the collector's reason and `status`. */
  send(path: string, body: object): Promise<void>;
  stop(): void;
}
