import type { Db } from '../db/database';

export interface SharedWindowsOptions {
  now?: () => number;
  /** Length of a counting window. @default 60000 */
  windowMs?: number;
  /** How often this collector adds its counts to the shared ones and reads theirs back. @default 1000 */
  syncMs?: number;
}

/**
 * Fixed-window request counters shared by every collector on one database (table
 * `rate_windows`). Counting stays in memory on the hot path; every `syncMs` one statement
 * adds this collector's counts and reads back the totals of all collectors, so a limit
 * binds across instances while ingest pays one batched upsert a second, not one per request.
 * A collector may overshoot by what the others counted since their last sync.
 */
export function createSharedWindows(db: Db, options: SharedWindowsOptions = {}) {
  const { now = Date.now, windowMs = 60_000, syncMs = 1_000 } = options;
  let window = Math.floor(now() / windowMs) * windowMs;
  // Counts of this window: not yet sent, and the shared totals as of the last sync.
  let pending = new Map<string, number>();
  let shared = new Map<string, number>();
  let lastSync = now();
  let syncing: Promise<void> | undefined;
  let pruned = window;

  const roll = (t: number) => {
    const w = Math.floor(t / windowMs) * windowMs;
    if (w === window) return;
    window = w;
    pending = new Map();
    shared = new Map();
  };

  async function sync(): Promise<void> {
    const at = window;
    const sent = pending;
    pending = new Map();
    lastSync = now();
    if (sent.size === 0) return;
    const keys = [...sent.keys()];
    try {
      const rows = await db.query<{ key: string; count: number }>(
        `INSERT INTO rate_windows (key, window_start, count, expires_at)
         SELECT k, $2::bigint, c, $3::bigint FROM unnest($1::text[], $4::int[]) AS t(k, c)
         ON CONFLICT (key, window_start) DO UPDATE SET count = rate_windows.count + EXCLUDED.count
         RETURNING key, count`,
        [keys, at, at + 2 * windowMs, keys.map((k) => sent.get(k)!)],
      );
      if (at !== window) return;
      for (const r of rows) shared.set(r.key, Number(r.count));
      if (pruned !== at) {
        pruned = at;
        await db.query('DELETE FROM rate_windows WHERE expires_at < $1', [now()]);
      }
    } catch {
      // The database is away: this collector limits on its own until it is back; the
      // unsent counts return so that nothing is forgotten.
      if (at !== window) return;
      for (const [k, c] of sent) pending.set(k, (pending.get(k) ?? 0) + c);
    }
  }

  return {
    /**
     * Counts one request of `key` if the shared total stays within `limit` this window;
     * false (and not counted) when it would not.
     */
    count(key: string, limit: number): boolean {
      const t = now();
      roll(t);
      const mine = pending.get(key) ?? 0;
      if ((shared.get(key) ?? 0) + mine >= limit) return false;
      pending.set(key, mine + 1);
      if (t - lastSync >= syncMs && !syncing) syncing = sync().finally(() => (syncing = undefined));
      return true;
    },
    /** Seconds until the current window ends. */
    retryAfterS: () => Math.max(1, Math.ceil((window + windowMs - now()) / 1000)),
    /** Sends the counts now (tests, and shutdown). */
    async flush(): Promise<void> {
      await syncing;
      roll(now());
      await sync();
    },
  };
}

export type SharedWindows = ReturnType<typeof createSharedWindows>;
