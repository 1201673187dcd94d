import { createHmac } from 'node:crypto';

/**
 * The signature header of a generic webhook POST: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" with the app secret>`. A receiver recomputes it and refuses old timestamps, so
 * a captured request cannot be replayed later.
 */
export function signWebhook(body: string, secret: string, now: number): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}
