import * as v from 'valibot';
import { displayName, TeamIdentity } from '../http/identity-schema';
import { id } from '../summaries/summaries-schema';
import { realDay } from '../summaries/real-day';

/** Longest note, in characters. */
export const MAX_NOTE_CHARS = 2000;

// Line breaks and tabs are a note's own; other control characters are refused.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const NOTE_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

const day = v.pipe(
  v.string('day must be a string'),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'day must be a local day, YYYY-MM-DD'),
  v.check(realDay, 'day must be a date of the calendar'),
);

const who = { appId: id('appId'), writeKey: id('writeKey'), identity: TeamIdentity };

/**
 * `POST /v1/team/notes`: share one day's journal note with the user's account (replacing the
 * one shared for that day). `name` is how teammates see the author (else "A teammate").
 *
 * ```json
 * { "appId": "ledgerly", "writeKey": "wk_...", "identity": { "userId": "u_42", "accountId": "acme", "deviceId": "d_9f", "hash": "<hex>" },
 *   "day": "2026-11-30", "text": "Sent the quarter's invoices in one go.", "name": "Robin" }
 * ```
 */
export const ShareNoteBody = v.object({
  ...who,
  day,
  text: v.pipe(
    v.string('text must be a string'),
    v.minLength(1, 'text must not be empty'),
    v.maxLength(MAX_NOTE_CHARS, `text must be at most ${MAX_NOTE_CHARS} characters`),
    v.regex(NOTE_TEXT, 'text must not contain control characters other than line breaks and tabs'),
  ),
  name: v.optional(displayName('name')),
});

/** `DELETE /v1/team/notes`: unshare one day's note. */
export const UnshareNoteBody = v.object({ ...who, day });
