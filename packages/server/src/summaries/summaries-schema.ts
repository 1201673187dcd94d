import * as v from 'valibot';
import { rollupProblem, type DayRollup } from '@habitual/core';
import { AttentionBody } from '../attention/attention-schema';
import { knownTimeZone } from './known-time-zone';
import { FIRST_YEAR, LAST_YEAR, realDay } from './real-day';

/** Most days one request may carry; the sync client batches below this. */
const MAX_DAYS_PER_BATCH = 100;
/** Most feature names one day may carry (configured features plus 'other'). */
const MAX_FEATURES_PER_DAY = 200;
const MAX_REV = 2_147_483_647;
// A local day lasts at most 25 hours (the day the clocks go back).
const MAX_ACTIVE_MS = 25 * 3_600_000;
/** Most uses of one feature on one day from one device (11 a second, all day long). */
const MAX_COUNT = 1_000_000;
/** Largest value units of one feature on one day, either sign. */
const MAX_VALUE = 1e12;
const FIRST_MS = Date.UTC(FIRST_YEAR, 0, 1);
const LAST_MS = Date.UTC(LAST_YEAR + 1, 0, 1);

// Ids are signed as lines of one string (see identity.ts), so they hold no control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /^[^\u0000-\u001f\u007f]*$/;

/** A 1-200 character id without control characters. */
export const id = (what: string) =>
  v.pipe(
    v.string(`${what} must be a string`),
    v.minLength(1, `${what} must not be empty`),
    v.maxLength(200, `${what} must be at most 200 characters`),
    v.regex(CONTROL, `${what} must not contain control characters`),
  );

/**
 * `POST /v1/summaries` body (wire format v1):
 *
 * ```json
 * { "v": 1, "appId": "ledgerly", "writeKey": "wk_...",
 *   "identity": { "userId": "u_42", "accountId": "acme", "deviceId": "d_9f...", "hash": "<hex hmac>", "name": "Robin" },
 *   "days": [ { "v": 1, "day": "2025-03-14", "tz": "Europe/Helsinki", "rev": 7, "activeMs": 420000,
 *               "features": { "invoice.sent": { "n": 3, "value": 3 } }, "firsts": { "invoice.sent": 1741939200000 } } ] }
 * ```
 *
 * Sent as `Content-Type: text/plain` (JSON or gzip-compressed JSON) so browsers need no CORS
 * preflight and `fetch(..., { keepalive: true })` works on `pagehide`. The answer is
 * `{ acks: [{ day, rev }], stored }`: every day the collector now holds at that revision or higher.
 * A signed-in user's device also sends `attention` (its widget marks and shows, see
 * attention/attention-schema.ts); the answer then carries `attention`, merged across the
 * user's devices.
 */
export const SummariesBody = v.object({
  v: v.optional(v.literal(1, 'v must be 1')),
  appId: id('appId'),
  writeKey: id('writeKey'),
  identity: v.object(
    {
      userId: v.optional(id('identity.userId')),
      accountId: v.optional(id('identity.accountId')),
      deviceId: v.pipe(v.string('identity.deviceId must be a string'), v.regex(/^[\w.:-]{1,100}$/, 'identity.deviceId must be 1-100 letters, digits or ._:-')),
      hash: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/i, 'identity.hash must be 64 hex digits (HMAC-SHA256)'))),
      hashExpires: v.optional(
        v.pipe(
          v.number('identity.hashExpires must be a number'),
          v.integer('identity.hashExpires must be whole epoch seconds'),
          v.minValue(0, 'identity.hashExpires must be epoch seconds'),
        ),
      ),
      /** The user's display name (init's `user.traits.name`), shown on the dashboard only. */
      name: v.optional(
        v.pipe(
          v.string('identity.name must be a string'),
          v.maxLength(100, 'identity.name must be at most 100 characters'),
          v.regex(CONTROL, 'identity.name must not contain control characters'),
        ),
      ),
    },
    'identity must be an object with a deviceId',
  ),
  days: v.pipe(
    v.array(v.unknown(), 'days must be an array of day rollups'),
    v.maxLength(MAX_DAYS_PER_BATCH, `days must hold at most ${MAX_DAYS_PER_BATCH} days; send more batches`),
  ),
  attention: v.optional(AttentionBody),
});

/** An empty `days` is a signed-in device asking for its attention record; otherwise it is refused. */
export const emptyBatchProblem = (body: { days: unknown[]; attention?: unknown; identity: { userId?: string } }): string | undefined =>
  body.days.length || (body.attention && body.identity.userId)
    ? undefined
    : 'days: days must hold at least one day (or, for a signed-in device, an attention record)';

/** Why the days of a batch cannot be stored (naming the field), or `undefined`. */
export function daysProblem(days: unknown[]): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < days.length; i++) {
    // Core says "unknown version" without the field's name; say which field.
    const version = (days[i] as { v?: unknown } | null)?.v;
    if (days[i] && typeof days[i] === 'object' && version !== 1)
      return `days.${i}.v must be 1, the day rollup format version (got ${JSON.stringify(version) ?? 'none'})`;
    const problem = rollupProblem(days[i]);
    if (problem) return `days.${i}: ${problem}`;
    const d = days[i] as DayRollup;
    if (d.rev > MAX_REV) return `days.${i}.rev is above ${MAX_REV}`;
    if (d.activeMs > MAX_ACTIVE_MS) return `days.${i}.activeMs is more than 25 hours`;
    if (!realDay(d.day)) return `days.${i}.day ${d.day} is not a calendar date between ${FIRST_YEAR} and ${LAST_YEAR}`;
    if (d.tz.length > 64) return `days.${i}.tz is longer than 64 characters`;
    if (!knownTimeZone(d.tz)) return `days.${i}.tz "${d.tz}" is not a time zone this collector knows; send an IANA name such as "Europe/Helsinki"`;
    const names = Object.keys(d.features);
    if (names.length > MAX_FEATURES_PER_DAY) return `days.${i}.features has more than ${MAX_FEATURES_PER_DAY} names`;
    const long = names.find((n) => n.length > 100) ?? Object.keys(d.firsts).find((n) => n.length > 100);
    if (long) return `days.${i}.features name "${long.slice(0, 20)}..." is longer than 100 characters`;
    for (const name of names) {
      const f = d.features[name];
      if (f.n > MAX_COUNT) return `days.${i}.features.${name}.n is above ${MAX_COUNT}, more uses than a day can hold`;
      if (Math.abs(f.value) > MAX_VALUE) return `days.${i}.features.${name}.value is beyond ±${MAX_VALUE}`;
    }
    for (const name in d.firsts) {
      const at = d.firsts[name];
      if (at < FIRST_MS || at >= LAST_MS) return `days.${i}.firsts.${name} is not a time between ${FIRST_YEAR} and ${LAST_YEAR}`;
    }
    if (seen.has(d.day)) return `days.${i}.day ${d.day} appears twice in one batch`;
    seen.add(d.day);
  }
  return undefined;
}
