import * as v from 'valibot';
import { id } from '../summaries/summaries-schema';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The user's verified identity, as `POST /v1/summaries` carries it (team progress needs the account). */
const TeamIdentity = v.strictObject(
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

/** The device's local date the week ends on (optional: else today in the user's zone). */
const Day = v.optional(v.pipe(v.string('day must be a string'), v.regex(DAY, 'day must be a date, YYYY-MM-DD')));

/**
 * Display names: letters, digits, spaces, apostrophes and hyphens only (no markup, links or
 * mentions), as `POST /v1/share` takes them.
 */
export const DisplayName = v.pipe(
  v.string('displayName must be a string'),
  v.trim(),
  v.minLength(1, 'displayName must not be empty'),
  v.maxLength(60, 'displayName must be at most 60 characters'),
  v.regex(/^[\p{L}\p{M}\p{N} '-]*$/u, 'displayName may hold only letters, digits, spaces, apostrophes and hyphens'),
);

/** `GET /v1/team` query: `appId`, `key` (the write key), the identity's fields, `day`. */
export const TeamQuery = v.strictObject(
  {
    appId: id('appId'),
    key: id('key'),
    userId: id('userId'),
    accountId: id('accountId'),
    hash: v.pipe(v.string('hash must be a string'), v.regex(/^[0-9a-f]{64}$/i, 'hash must be 64 hex digits (HMAC-SHA256)')),
    hashExpires: v.optional(v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'hashExpires must be whole epoch seconds'), v.transform(Number))),
    day: Day,
  },
  'is not a query parameter of GET /v1/team (appId, key, userId, accountId, hash, hashExpires, day)',
);

/**
 * `PUT /v1/team/me` body: join the account's leaderboard under `displayName` (`optIn: true`),
 * or leave it (`optIn: false`, the name is deleted).
 *
 * ```json
 * { "appId": "ledgerly", "writeKey": "wk_...", "identity": { "userId": "u_42", "accountId": "acme", "hash": "<hex hmac>" },
 *   "optIn": true, "displayName": "Robin", "day": "2026-12-01" }
 * ```
 */
export const TeamMeBody = v.strictObject(
  {
    appId: id('appId'),
    writeKey: id('writeKey'),
    identity: TeamIdentity,
    optIn: v.boolean('optIn must be true (join the leaderboard) or false (leave it)'),
    displayName: v.optional(DisplayName),
    day: Day,
  },
  'unknown field: PUT /v1/team/me takes appId, writeKey, identity, optIn, displayName and day',
);
