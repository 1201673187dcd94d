import type { Context } from 'hono';

/**
 * The caller's address, which rate limits are keyed by. `trustProxy` is the number of
 * proxies in front of the collector (`TRUST_PROXY`): 0 takes the socket's address and
 * ignores `X-Forwarded-For` (a caller could write anything there); n takes the n-th address
 * from the right of `X-Forwarded-For`, the one the outermost trusted proxy saw (the leftmost
 * when the header holds fewer).
 */
export function clientAddress(c: Context, trustProxy = 0): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? 'local';
  if (trustProxy <= 0) return socket;
  const hops = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (hops.length === 0) return socket;
  return hops[Math.max(0, hops.length - trustProxy)];
}
