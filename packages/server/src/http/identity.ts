import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of the user id with the app secret, hex: what the host's backend puts in `user.hash`. */
export const identityHash = (userId: string, secret: string): string => createHmac('sha256', secret).update(userId).digest('hex');

export function identityMatches(userId: string, hash: string, secret: string): boolean {
  const want = Buffer.from(identityHash(userId, secret), 'hex');
  const got = Buffer.from(hash, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Constant-time string comparison for tokens. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
