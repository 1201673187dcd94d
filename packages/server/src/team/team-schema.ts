import * as v from 'valibot';
import { displayName, TeamIdentity } from '../http/identity-schema';
import { id } from '../summaries/summaries-schema';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The device's local date the week ends on (optional: else today in the user's zone). */
const Day = v.optional(v.pipe(v.string('day must be a string'), v.regex(DAY, 'day must be a date, YYYY-MM-DD')));

/**
 * Display names: letters, digits, spaces, apostrophes and hyphens only (no markup, links or
 * mentions), as `POST /v1/share` takes them.
 */
export const DisplayName = v.pipe(displayName('displayName'), v.minLength(1, 'displayName must not be empty'));

const teamQueryFields = {
  appId: id('appId'),
  key: id('key'),
  userId: id('userId'),
  accountId: id('accountId'),
  hash: v.pipe(v.string('hash must be a string'), v.regex(/^[0-9a-f]{64}$/i, 'hash must be 64 hex digits (HMAC-SHA256)')),
  hashExpires: v.optional(v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'hashExpires must be whole epoch seconds'), v.transform(Number))),
};

/** `GET /v1/team` query: `appId`, `key` (the write key, as `GET /v1/config` takes it), the identity's fields, `day`. */
export const TeamQuery = v.strictObject(
  { ...teamQueryFields, day: Day },
  'is not a query parameter of GET /v1/team (appId, key, userId, accountId, hash, hashExpires, day)',
);

/** `GET /v1/team/notes` query: as `GET /v1/team`'s, without `day`. */
export const TeamNotesQuery = v.strictObject(
  teamQueryFields,
  'is not a query parameter of GET /v1/team/notes (appId, key, userId, accountId, hash, hashExpires)',
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
