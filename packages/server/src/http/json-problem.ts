/** Deepest nesting any request body may have; no endpoint needs more than a handful. */
const MAX_JSON_DEPTH = 32;

// U+0000 cannot be stored in PostgreSQL text or jsonb, and a lone surrogate is not UTF-8:
// both would fail deep in the database as a 500 instead of a 400 naming the field.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Either of the two, or a surrogate in a well-formed pair: one test per string, and the exact
// ones (with the field's path, built only then) when it finds something.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

const shown = (k: string | number) => (typeof k === 'number' || (/^[\w.:@$-]*$/.test(k) && k !== '') ? String(k) : JSON.stringify(k));

/** A field's path as the messages name it (`days.0.features."a b"`), 'Body' for the body itself. */
const pathOf = (trail: Array<string | number>) => (trail.length ? trail.map(shown).join('.') : 'Body');

/** Why a path or query text cannot be stored (NUL, lone surrogate), or `undefined`. */
export function textProblem(value: string, what: string): string | undefined {
  if (NUL.test(value)) return `${what} contains a NUL character (U+0000); remove it.`;
  if (LONE_SURROGATE.test(value)) return `${what} contains a lone surrogate (invalid UTF-16); send well-formed text.`;
  return undefined;
}

/**
 * Why a parsed JSON body cannot be stored whatever the endpoint, naming the field, or
 * `undefined`: nesting past MAX_JSON_DEPTH, NUL characters or lone surrogates in strings or
 * names, and numbers past ±Number.MAX_SAFE_INTEGER (`1e308`, or `1e309`, which JSON.parse
 * turns into Infinity). Schemas then check what each field means. Every request body passes
 * here, so the walk keeps the path as a list of keys and spells it out only for a problem.
 */
export function jsonProblem(value: unknown, trail: Array<string | number> = []): string | undefined {
  if (typeof value === 'string') return SUSPECT.test(value) ? textProblem(value, pathOf(trail)) : undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)
      return `${pathOf(trail)} is out of range (${value}); numbers must lie within ±${Number.MAX_SAFE_INTEGER}.`;
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  if (trail.length >= MAX_JSON_DEPTH) return `${pathOf(trail.slice(0, 6))}... is nested more than ${MAX_JSON_DEPTH} levels deep.`;
  const keys = Array.isArray(value) ? value.keys() : Object.keys(value);
  for (const k of keys) {
    if (typeof k === 'string' && SUSPECT.test(k)) {
      const name = textProblem(k, `${pathOf([...trail, k])}: the name`);
      if (name) return name;
    }
    trail.push(k);
    const problem = jsonProblem((value as Record<string | number, unknown>)[k], trail);
    trail.pop();
    if (problem) return problem;
  }
  return undefined;
}
