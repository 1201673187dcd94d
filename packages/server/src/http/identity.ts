import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a verified identity binds: the user, the account, and an optional expiry (epoch seconds). */
export interface SignedIdentity {
  userId: string;
  accountId?: string;
  /** Epoch seconds after which the hash is refused. */
  hashExpires?: number;
}

/** First line of the signed string; a future change of what is signed gets a new one. */
const IDENTITY_VERSION = 'habitual-identity-v2';

/**
 * The exact string the host's backend signs: four lines joined by `\n`, the version, the
 * user id, the account id (empty without one) and `hashExpires` in decimal epoch seconds
 * (empty without one). Ids hold no control characters (the collector refuses them), so the
 * lines cannot run into each other.
 */
const identityString = (who: SignedIdentity): string =>
  [IDENTITY_VERSION, who.userId, who.accountId ?? '', who.hashExpires === undefined ? '' : String(who.hashExpires)].join('\n');

/** HMAC-SHA256 of `identityString(who)` with the app secret, hex: what the host's backend puts in `user.hash`. */
export const identityHash = (who: SignedIdentity, secret: string): string => createHmac('sha256', secret).update(identityString(who)).digest('hex');

// The v1 hash signed the user id alone; it is recognised only to say what to change.
const v1Hash = (userId: string, secret: string) => createHmac('sha256', secret).update(userId).digest('hex');

const sameHex = (a: string, b: string) => {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b.toLowerCase(), 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};

export type IdentityVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/** Checks `hash` against the identity and the app secret, and the expiry against `nowMs`. */
export function verifyIdentity(who: SignedIdentity, hash: string, secret: string, nowMs: number): IdentityVerdict {
  if (!sameHex(identityHash(who, secret), hash)) {
    if (sameHex(v1Hash(who.userId, secret), hash)) {
      return {
        ok: false,
        status: 403,
        message: `identity.hash signs the user id alone (the v1 form); sign "${IDENTITY_VERSION}\\n<userId>\\n<accountId>\\n<hashExpires>" instead (see the README).`,
      };
    }
    return {
      ok: false,
      status: 403,
      message: `identity.hash is not the HMAC-SHA256 of "${IDENTITY_VERSION}\\n<userId>\\n<accountId>\\n<hashExpires>" with the app secret.`,
    };
  }
  if (who.hashExpires !== undefined && who.hashExpires * 1000 <= nowMs) {
    return { ok: false, status: 401, message: `identity.hashExpires ${who.hashExpires} has passed; have the backend sign a fresh hash.` };
  }
  return { ok: true };
}

/** Constant-time string comparison for tokens. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
