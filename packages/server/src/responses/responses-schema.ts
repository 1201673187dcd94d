import * as v from 'valibot';
import { SummariesBody, id } from '../summaries/summaries-schema';

/** Most answers one request may carry (the SDK sends one at a time). */
const MAX_RESPONSES = 20;
/** Longest comment kept, in characters. */
export const MAX_TEXT = 2000;
const FIRST_MS = Date.UTC(2020, 0, 1);
// Comments are free text: line breaks and tabs, but no other control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
/** Form and choice ids: what the config allows (`pattern: 'id'`). */
const slug = (what: string) => v.pipe(v.string(`${what} must be a string`), v.regex(/^[\w-]{1,48}$/, `${what} must be 1-48 letters, digits, _ or -`));

const Response = v.object({
  id: v.pipe(v.string('id must be a string'), v.regex(/^[\w.:-]{8,100}$/, 'id must be 8-100 letters, digits or ._:- (the device makes one per answer)')),
  form: slug('form'),
  kind: v.picklist(['choice', 'nps', 'csat'], 'kind must be "choice", "nps" or "csat"'),
  at: v.pipe(
    v.number('at must be a number'),
    v.integer('at must be whole epoch milliseconds'),
    v.minValue(FIRST_MS, 'at must be epoch milliseconds after 2020'),
  ),
  choice: v.optional(slug('choice')),
  score: v.optional(
    v.pipe(
      v.number('score must be a number'),
      v.integer('score must be a whole number'),
      v.minValue(0, 'score must be 0-10'),
      v.maxValue(10, 'score must be 0-10'),
    ),
  ),
  text: v.optional(
    v.pipe(
      v.string('text must be a string'),
      v.maxLength(MAX_TEXT, `text must be at most ${MAX_TEXT} characters`),
      v.regex(TEXT, 'text must not contain control characters other than line breaks and tabs'),
    ),
  ),
});

/**
 * `POST /v1/responses` body: survey answers under the same identity (and HMAC rules) as
 * `POST /v1/summaries`.
 *
 * ```json
 * { "appId": "ledgerly", "writeKey": "wk_...", "identity": { "userId": "u_42", "accountId": "acme", "deviceId": "d_9f...", "hash": "<hex hmac>" },
 *   "responses": [ { "id": "4f1c…", "form": "exit", "kind": "choice", "at": 1741939200000, "choice": "price", "text": "No recurring invoices" } ] }
 * ```
 */
export const ResponsesBody = v.object({
  appId: id('appId'),
  writeKey: id('writeKey'),
  identity: SummariesBody.entries.identity,
  responses: v.pipe(
    v.array(Response, 'responses must be an array of answers'),
    v.minLength(1, 'responses must hold at least one answer'),
    v.maxLength(MAX_RESPONSES, `responses must hold at most ${MAX_RESPONSES} answers; send more requests`),
  ),
});

export type ResponseInput = v.InferOutput<typeof Response>;

/** What the schema alone cannot say: each kind's own answer (naming the field), or `undefined`. */
export function responsesProblem(responses: ResponseInput[], nowMs: number): string | undefined {
  for (let i = 0; i < responses.length; i++) {
    const r = responses[i];
    const at = `responses.${i}`;
    if (r.at > nowMs + 86_400_000) return `${at}.at is more than a day in the future`;
    if (r.kind === 'choice') {
      if (r.choice === undefined) return `${at}.choice is missing: a "choice" answer names the choice`;
      if (r.score !== undefined) return `${at}.score must be left out of a "choice" answer`;
    } else {
      if (r.choice !== undefined) return `${at}.choice must be left out of a "${r.kind}" answer`;
      if (r.score === undefined) return `${at}.score is missing: a "${r.kind}" answer carries its score`;
      if (r.kind === 'csat' && r.score < 1) return `${at}.score must be 1-5 for "csat"`;
      if (r.kind === 'csat' && r.score > 5) return `${at}.score must be 1-5 for "csat"`;
    }
  }
  return undefined;
}
