import type { TrackProps } from '../types';

const NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;
const MAX_NAME = 64;
const MAX_PROPS = 32;

/**
 * Why a `track()` call is dropped, or `undefined` when it is fine. Cheap on purpose: this
 * runs on every call, so props are counted, never serialised, and a caller that has seen
 * `name` pass before says so with `nameChecked`.
 */
export function trackProblem(name: unknown, props: unknown, nameChecked = false): string | undefined {
  if (typeof name !== 'string') return `track() needs a feature name string, got ${typeof name}`;
  if (!nameChecked && (name.length > MAX_NAME || !NAME.test(name))) {
    return `track("${name.slice(0, 80)}"): feature names are noun.verb, like "invoice.sent" (letters, digits, _ and -, at most ${MAX_NAME} characters)`;
  }
  if (props === undefined || props === null) return undefined;
  if (typeof props !== 'object' || Array.isArray(props)) return `track("${name}"): props must be an object`;
  const value = (props as TrackProps).value;
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    return `track("${name}"): props.value must be a finite number, got ${String(value)}`;
  }
  let count = 0;
  for (const _ in props) if (++count > MAX_PROPS) return `track("${name}"): more than ${MAX_PROPS} props`;
  return undefined;
}
