import * as v from 'valibot';
import { id } from '../summaries/summaries-schema';

/** The identity a device sends with a share or a team note: what `checkIdentity` verifies. */
export const DeviceIdentity = v.object(
  {
    deviceId: v.pipe(v.string('identity.deviceId must be a string'), v.regex(/^[\w.:-]{1,100}$/, 'identity.deviceId must be 1-100 letters, digits or ._:-')),
    userId: v.optional(id('identity.userId')),
    accountId: v.optional(id('identity.accountId')),
    hash: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/i, 'identity.hash must be 64 hex digits (HMAC-SHA256)'))),
    hashExpires: v.optional(v.pipe(v.number('identity.hashExpires must be a number'), v.integer('identity.hashExpires must be whole epoch seconds'))),
  },
  'identity must be an object with a deviceId',
);

/** A name shown to other people (a share, a team note): letters, digits, spaces, apostrophes and hyphens only, so no markup, links or mentions. */
export const displayName = (field: string) =>
  v.pipe(
    v.string(`${field} must be a string`),
    v.trim(),
    v.maxLength(60, `${field} must be at most 60 characters`),
    v.regex(/^[\p{L}\p{M}\p{N} '-]*$/u, `${field} may hold only letters, digits, spaces, apostrophes and hyphens`),
  );

/** The user's verified identity, as `POST /v1/summaries` carries it for what only teammates see (team progress, team notes): user, account and hash required. */
export const TeamIdentity = v.strictObject(
  {
    userId: id('identity.userId'),
    accountId: id('identity.accountId'),
    deviceId: v.optional(
      v.pipe(v.string('identity.deviceId must be a string'), v.regex(/^[\w.:-]{1,100}$/, 'identity.deviceId must be 1-100 letters, digits or ._:-')),
    ),
    hash: v.pipe(v.string('identity.hash must be a string'), v.regex(/^[0-9a-f]{64}$/i, 'identity.hash must be 64 hex digits (HMAC-SHA256)')),
    hashExpires: v.optional(
      v.pipe(
        v.number('identity.hashExpires must be a number'),
        v.integer('identity.hashExpires must be whole epoch seconds'),
        v.minValue(0, 'identity.hashExpires must be epoch seconds'),
      ),
    ),
  },
  'identity must be an object with userId, accountId and hash (and optionally deviceId, hashExpires), nothing else',
);
