/** Deepest nesting any request body may have; no endpoint needs more than a handful. */
const MAX_JSON_DEPTH = 32;

// U+0000 cannot be stored in PostgreSQL text or jsonb, and a lone surrogate is not UTF-8:
// both would fail deep in the database as a 500 instead of a 400 naming the field.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const key = (path: string, k: string) => {
  const shown = /^[\w.:@$-]*$/.test(k) && k !== '' ? k : JSON.stringify(k);
  return path ? `${path}.${shown}` : shown;
};

const shape = (path: string) => path || 'Body';

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
 * turns into Infinity). Schemas then check what each field means.
 */
export function jsonProblem(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return textProblem(value, shape(path));
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)
      return `${shape(path)} is out of range (${value}); numbers must lie within ±${Number.MAX_SAFE_INTEGER}.`;
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  if (depth >= MAX_JSON_DEPTH) {
    const parts = path.split('.');
    return `${parts.length > 6 ? `${parts.slice(0, 6).join('.')}...` : path} is nested more than ${MAX_JSON_DEPTH} levels deep.`;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = jsonProblem(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const k of Object.keys(value)) {
    const at = key(path, k);
    const name = textProblem(k, `${at}: the name`);
    if (name) return name;
    const problem = jsonProblem((value as Record<string, unknown>)[k], at, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
