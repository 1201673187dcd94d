import type { SharedWindows } from './shared-windows';

export interface RateLimitOptions {
  /** Requests a key may make per minute, sustained. @default 120 */
  perMinute?: number;
  /** Requests a key may make at once before the rate applies. @default 60 */
  burst?: number;
  now?: () => number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterS: number };

export interface RateLimiter {
  /** Spends one request of `key`. */
  take(key: string): RateDecision;
  /** What `take` would answer, without spending. */
  peek(key: string): RateDecision;
}

/**
 * A token bucket per key, in memory. With `shared` (several collectors on one PostgreSQL)
 * each key is also held, over all collectors together, to `perMinute + burst` per fixed
 * minute (see `createSharedWindows`); alone, a collector's bucket is the stricter bound.
 * `name` keeps the shared counters of different limiters apart.
 */
export function createRateLimiter(options: RateLimitOptions = {}, shared?: { windows: SharedWindows; name: string }): RateLimiter {
  const { perMinute = 120, burst = 60, now = Date.now } = options;
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const bucket = (key: string, t: number) => {
    if (buckets.size > 10_000) {
      // Full buckets carry no information; drop them so the map cannot grow without end.
      for (const [k, b] of buckets) if (b.tokens + (t - b.at) * perMs >= burst) buckets.delete(k);
    }
    const b = buckets.get(key) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + (t - b.at) * perMs);
    b.at = t;
    buckets.set(key, b);
    return b;
  };
  const wait = (tokens: number): RateDecision => ({ ok: false, retryAfterS: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) });
  return {
    take(key) {
      const b = bucket(key, now());
      if (b.tokens < 1) return wait(b.tokens);
      if (shared && !shared.windows.count(`${shared.name}:${key}`, perMinute + burst)) return { ok: false, retryAfterS: shared.windows.retryAfterS() };
      b.tokens -= 1;
      return { ok: true };
    },
    peek(key) {
      const b = bucket(key, now());
      return b.tokens < 1 ? wait(b.tokens) : { ok: true };
    },
  };
}
