export interface RateLimitOptions {
  /** Requests a key may make per minute, sustained. @default 120 */
  perMinute?: number;
  /** Requests a key may make at once before the rate applies. @default 60 */
  burst?: number;
  now?: () => number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterS: number };

/**
 * A token bucket per key, in memory: each collector limits on its own, which behind a load
 * balancer multiplies the limit by the number of collectors (good enough against a runaway
 * client; put a shared limiter in front for anything stricter).
 */
export function createRateLimiter(options: RateLimitOptions = {}) {
  const { perMinute = 120, burst = 60, now = Date.now } = options;
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return function take(key: string): RateDecision {
    const t = now();
    if (buckets.size > 10_000) {
      // Full buckets carry no information; drop them so the map cannot grow without end.
      for (const [k, b] of buckets) if (b.tokens + (t - b.at) * perMs >= burst) buckets.delete(k);
    }
    const b = buckets.get(key) ?? { tokens: burst, at: t };
    b.tokens = Math.min(burst, b.tokens + (t - b.at) * perMs);
    b.at = t;
    buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
  };
}
