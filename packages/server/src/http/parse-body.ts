import * as v from 'valibot';
import { fail } from './fail';

/** Parses `input` with `schema` or answers 400 naming the first field that is wrong. */
export function parseOr400<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) fail(400, 'Body must be a JSON object.');
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  // Valibot reports a missing key as an "Invalid key" issue of the object; say it plainly.
  if (path && issue.received === 'undefined') fail(400, `${path} is missing.`);
  return fail(400, path ? `${path}: ${issue.message}` : issue.message);
}
