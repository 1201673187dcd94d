import * as v from 'valibot';

/** Most item marks one user's record may hold. */
const MAX_MARKS = 500;
/** Most shows (the device keeps 8 days of them, at most a few a day). */
const MAX_SHOWS = 200;
const instant = (what: string) =>
  v.pipe(
    v.number(`${what} must be epoch milliseconds`),
    v.integer(`${what} must be whole epoch milliseconds`),
    v.minValue(0, `${what} must be epoch milliseconds`),
  );
const key = (what: string) =>
  v.pipe(v.string(`${what} must be a string`), v.minLength(1, `${what} must not be empty`), v.maxLength(200, `${what} must be at most 200 characters`));

/**
 * The optional `attention` of a `POST /v1/summaries` body: the user's widget marks (seen,
 * dismissed, done, snoozed per item) and interruptive shows, as core's `rules/attention.ts`
 * keeps them. The collector merges it with what other devices sent and answers the merge.
 */
export const AttentionBody = v.object(
  {
    marks: v.pipe(
      v.record(
        key('attention.marks key'),
        v.object(
          {
            seen: v.optional(instant('attention.marks.*.seen')),
            dismissed: v.optional(instant('attention.marks.*.dismissed')),
            done: v.optional(instant('attention.marks.*.done')),
            snoozed: v.optional(instant('attention.marks.*.snoozed')),
          },
          'attention.marks values must be objects of epoch milliseconds',
        ),
        'attention.marks must be an object',
      ),
      v.check((m) => Object.keys(m).length <= MAX_MARKS, `attention.marks must hold at most ${MAX_MARKS} items`),
    ),
    shows: v.pipe(
      v.array(
        v.tuple(
          [
            key('attention.shows key'),
            v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'attention.shows day must be YYYY-MM-DD')),
            instant('attention.shows time'),
          ],
          'attention.shows entries must be [key, day, time]',
        ),
        'attention.shows must be an array',
      ),
      v.maxLength(MAX_SHOWS, `attention.shows must hold at most ${MAX_SHOWS} entries`),
    ),
    dismissedAt: v.optional(instant('attention.dismissedAt')),
  },
  'attention must be an object with marks and shows',
);
