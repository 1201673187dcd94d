import type { App } from '../apps/app-store';
import { fail } from './fail';
import { verifyIdentity } from './identity';

export interface WireIdentity {
  userId?: string;
  accountId?: string;
  hash?: string;
  hashExpires?: number;
}

/**
 * Refuses a request whose identity the app cannot trust: when the app verifies identities,
 * `userId` and `hash` are required and the hash must sign user, account and expiry (400, 401
 * or 403 naming the field). True when the identity was verified, false when the app does not
 * verify (the ids are then only what the page claims).
 */
export function checkIdentity(app: App, identity: WireIdentity, nowMs: number): boolean {
  if (!app.verifyIdentity) return false;
  if (!identity.userId) fail(400, `identity.userId is required: app "${app.id}" verifies identities.`);
  if (!identity.hash) fail(400, `identity.hash is required: app "${app.id}" verifies identities.`);
  const verdict = verifyIdentity(
    { userId: identity.userId, accountId: identity.accountId, hashExpires: identity.hashExpires },
    identity.hash,
    app.secret,
    nowMs,
  );
  if (!verdict.ok) fail(verdict.status, verdict.message);
  return true;
}
