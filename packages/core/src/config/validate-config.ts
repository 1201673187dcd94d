import type { ConfigField } from './config-field';
import { CONFIG_SCHEMA } from './config-schema';
import { safeHref } from './safe-href';
import type { HabitualConfig } from './types';
import { WHEN_FIELDS, WHEN_KEYS } from './when-fields';
import { LOCALES, type Locale } from './vocabulary';

/** One thing wrong with a config, at a dotted path such as `widgets.checklist.items.0.event`. */
export interface ConfigProblem {
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const show = (x: unknown): string => {
  try {
    return typeof x === 'string' ? JSON.stringify(x) : String(JSON.stringify(x) ?? x);
  } catch {
    return String(x);
  }
};
const list = (words: readonly string[], last = 'or') => words.slice(0, -1).join(', ') + (words.length > 1 ? ` ${last} ` : '') + words[words.length - 1];

/** Every place `path` (with `*` and `#`) matches in `config` whose parent exists. */
function expand(config: unknown, path: string): Array<[path: string, value: unknown]> {
  let level: Array<[string, unknown]> = [['', config]];
  for (const seg of path.split('.')) {
    const next: Array<[string, unknown]> = [];
    const at = (base: string, key: string | number, value: unknown) => next.push([base ? `${base}.${key}` : String(key), value]);
    for (const [base, v] of level) {
      if (seg === '#') Array.isArray(v) && v.forEach((x, i) => at(base, i, x));
      else if (isObj(v)) seg === '*' ? Object.keys(v).forEach((k) => at(base, k, v[k])) : at(base, seg, v[seg]);
    }
    level = next;
  }
  return level;
}

const isText = (t: unknown) => typeof t === 'string' && t !== '';
const isForms = (t: unknown) =>
  isObj(t) && isText(t.other) && Object.keys(t).every((k) => ['zero', 'one', 'two', 'few', 'many', 'other'].includes(k) && isText(t[k]));

/** A user-facing text: a string, or one per locale; with `plural`, plural forms for all or per locale. */
function textProblem(v: unknown, plural: boolean | undefined, got: string): string | undefined {
  const one = (t: unknown) => isText(t) || (!!plural && isForms(t));
  const perLocale = isObj(v) && !('other' in v) && Object.keys(v).length > 0;
  if (one(v) || (perLocale && Object.entries(v).every(([k, t]) => LOCALES.includes(k as Locale) && one(t)))) return;
  return `must be a non-empty string or one per locale (${LOCALES.join(', ')})${plural ? `, or plural forms such as { one: 'invoice', other: 'invoices' }` : ''}${got}`;
}

const missing = (f: ConfigField) => `is missing: it must be ${f.kind === 'array' ? 'an array' : 'a non-empty string'}`;
const isTime = (t: unknown) => typeof t === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(t);
const get = (config: unknown, path: string) => expand(config, path)[0]?.[1];

/** The type and range problem of one value, if any. */
function typeProblem(f: ConfigField, v: unknown): string | undefined {
  const got = ` (got ${show(v)})`;
  switch (f.kind) {
    case 'int':
    case 'number': {
      const ok =
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (f.kind === 'number' || Number.isInteger(v)) &&
        (f.min === undefined || v >= f.min) &&
        (f.max === undefined || v <= f.max) &&
        (f.above === undefined || v > f.above);
      if (ok) return;
      const range = [f.above !== undefined && `> ${f.above}`, f.min !== undefined && `>= ${f.min}`, f.max !== undefined && `<= ${f.max}`]
        .filter(Boolean)
        .join(' and ');
      return `must be ${f.kind === 'int' ? 'a whole number' : 'a finite number'}${range ? ` ${range}` : ''}${got}`;
    }
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `must be true or false${got}`;
    case 'object':
      return isObj(v) ? undefined : `must be an object${got}`;
    case 'array':
      return Array.isArray(v) ? undefined : `must be an array${got}`;
    case 'time':
      return isTime(v) ? undefined : `must be an 'HH:MM' time, e.g. '08:30'${got}`;
    case 'match': {
      const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
      return scalar(v) || (Array.isArray(v) && v.length > 0 && v.every(scalar)) ? undefined : `must be a string, number or boolean, or a list of them${got}`;
    }
    case 'text':
      return textProblem(v, f.plural, got);
    case 'times':
      return Array.isArray(v) && v.length === 2 && v.every(isTime) ? undefined : `must be two 'HH:MM' times, e.g. ['20:00', '08:00']${got}`;
    default:
      if (f.oneOf && !f.oneOf.includes(v as string)) return `must be one of ${f.oneOf.map((a) => `'${a}'`).join(', ')}${got}`;
      if (typeof v !== 'string' || !v) return `must be a non-empty string${got}`;
      if (f.pattern && !/^[\w-]{1,48}$/.test(v)) return `must be 1-48 letters, digits, _ or -${got}`;
      if (f.kind === 'href' && !safeHref(v)) return `must be an http:, https:, mailto: or relative link${got}; other schemes could run script in the page`;
  }
}

let registered: readonly ConfigField[] = [];

/**
 * Makes the widgets' config fields part of every later `validateConfig` that is not given
 * its own: the engine chunk registers the widget registry's fields as it loads, so the
 * device rejects what the collector rejects. Core itself never imports the widgets.
 */
export function registerConfigFields(fields: readonly ConfigField[]): void {
  registered = fields;
}

/**
 * Everything wrong with a config, or an empty list: core's schema (`CONFIG_SCHEMA`) plus
 * the `parts` given (the widgets' own fields from `@habitual/widgets/registry`; by default
 * those registered with `registerConfigFields`). Checks
 * shapes and ranges, and that every rule names a configured feature, milestone or funnel,
 * so a typo fails loudly instead of a milestone that can never be reached.
 */
export function validateConfig(config: unknown, parts: readonly ConfigField[] = registered): ConfigProblem[] {
  let schema = withParts.get(parts);
  if (!schema) withParts.set(parts, (schema = parts.length ? [...CONFIG_SCHEMA, ...parts] : CONFIG_SCHEMA));
  return validateFields(config, schema);
}

/** Core's schema joined with each list of parts: the same list every time, so its preparation (fieldsUnder) is kept. */
const withParts = new WeakMap<readonly ConfigField[], readonly ConfigField[]>();

/** A schema's fields by the config key each lies under, in the schema's order of first appearance. */
type Grouped = Map<string, ConfigField[]>;
const grouped = new WeakMap<readonly ConfigField[], Grouped>();
const expanded = new WeakMap<ConfigField[], ConfigField[]>();

/** The top-level key of a path: its fields can only match inside that key's value. */
const topOf = (path: string) => {
  const dot = path.indexOf('.');
  return dot < 0 ? path : path.slice(0, dot);
};

/**
 * The fields of one top-level key, ready to check: each `when` field stands for the targeting
 * fields under it. Prepared once per schema and key, and only for keys a config has: a page
 * checks its config at every start, and most of the schema (every widget's fields) lies
 * under keys a config leaves out.
 */
function fieldsUnder(schema: readonly ConfigField[], config: Obj): ConfigField[][] {
  let groups = grouped.get(schema);
  if (!groups) {
    grouped.set(schema, (groups = new Map()));
    for (const f of schema) {
      const top = topOf(f.path);
      const list = groups.get(top);
      if (list) list.push(f);
      else groups.set(top, [f]);
    }
  }
  const out: ConfigField[][] = [];
  for (const [top, group] of groups) {
    const v = top === '*' || top === '#' ? config : config[top];
    // Below a key the config leaves out (or gives a plain value) nothing can match: only the
    // key's own field is checked (it may be required, or the wrong type).
    if (!v || typeof v !== 'object') {
      const own = group.filter((f) => f.path === top);
      if (own.length) out.push(own);
      continue;
    }
    let fields = expanded.get(group);
    if (!fields) {
      fields = group.flatMap((f): ConfigField[] =>
        f.kind === 'when'
          ? [{ ...f, kind: 'object', keys: WHEN_KEYS, keyNoun: 'targeting condition' }, ...WHEN_FIELDS.map((w) => ({ ...w, path: `${f.path}.${w.path}` }))]
          : [f],
      );
      expanded.set(group, fields);
    }
    out.push(fields);
  }
  return out;
}

/** The problems of `config` against just these fields (the widgets check their own part with it). */
export function validateFields(config: unknown, schema: readonly ConfigField[]): ConfigProblem[] {
  if (config === undefined || config === null) return [];
  if (!isObj(config)) return [{ path: '', message: `must be an object (got ${show(config)})` }];
  // An empty config (a page whose init() gives none): only a required top-level key can be
  // wrong; a light scan instead of preparing the schema.
  if (Object.keys(config).length === 0) return schema.filter((f) => f.required && !f.path.includes('.')).map((f) => ({ path: f.path, message: missing(f) }));
  const out: ConfigProblem[] = [];
  const features = isObj(config.features) ? config.features : {};
  // Without any configured feature there is nothing to check names against: the tracker
  // then keeps whatever it is given and every rule stands on its own.
  const named = Object.keys(features).length > 0;
  const ids = (path: string) => expand(config, path).map(([, v]) => v);
  const refs = { features: () => (named ? Object.keys(features) : undefined), milestones: () => ids('milestones.#.id'), funnels: () => ids('funnels.#.id') };
  const defaultOf = (path: string) => schema.find((f) => f.path === path)?.default;

  for (const f of fieldsUnder(schema, config).flat()) {
    // `unique` holds within one list: two experiments may each have a variant `a`.
    const seen = new Set<string>();
    for (const [path, v] of expand(config, f.path)) {
      const bad = (message: string) => out.push({ path, message });
      const order = (other: string, sign: 1 | -1, words: string) => {
        const mine = v ?? f.default;
        const theirs = get(config, other) ?? defaultOf(other);
        if (typeof mine === 'number' && typeof theirs === 'number' && (mine - theirs) * sign > 0) {
          bad(`must not be ${words} ${other} (${theirs})${f.why ? `, ${f.why}` : ''}`);
        }
      };
      if (v === undefined) {
        if (f.required) bad(missing(f));
      } else {
        const wrong = typeProblem(f, v);
        if (wrong) {
          bad(wrong);
          continue;
        }
        if (f.keys && isObj(v)) {
          for (const k in v) if (!f.keys.includes(k)) out.push({ path: `${path}.${k}`, message: `is not a ${f.keyNoun}; use one of ${f.keys.join(', ')}` });
        }
        if (f.keyRef && isObj(v) && named) {
          for (const k in v) if (!(k in features)) out.push({ path: `${path}.${k}`, message: `is not in features; add it to features or fix the name` });
        }
        const has = (keys: readonly string[]) => keys.filter((k) => (v as Obj)[k] !== undefined);
        if (f.exactlyOne && has(f.exactlyOne).length !== 1) {
          bad(`needs exactly one of ${list(f.exactlyOne)} (got ${has(f.exactlyOne).join(', ') || 'none'})`);
        }
        if (f.atLeastOne && !has(f.atLeastOne).length) bad(`needs ${list(f.atLeastOne)} to complete itself`);
        if (f.unique) {
          const key = `${path.split('.').slice(0, -2).join('.')}\u0000${String(v)}`;
          if (seen.has(key)) bad(`repeats the ${f.unique} id ${show(v)}`);
          seen.add(key);
        }
        const ref = f.ref;
        const known = ref && refs[ref]();
        if (ref && known && !known.includes(v)) {
          bad(
            ref === 'features'
              ? `names ${show(v)}, which is not in features; add it to features or fix the name`
              : `names ${show(v)}, which is not a configured ${ref.slice(0, -1)} id`,
          );
        }
      }
      if (f.notAbove) order(f.notAbove, 1, 'above');
      if (f.notBelow) order(f.notBelow, -1, 'below');
    }
  }
  return out;
}

/**
 * Throws one clear error when the config is invalid: the first problem in the message,
 * all of them on `error.problems`, and `error.code` 'config-invalid'.
 */
export function assertConfig(config: unknown, parts?: readonly ConfigField[]): asserts config is HabitualConfig {
  const problems = validateConfig(config, parts);
  if (problems.length === 0) return;
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  const error = new Error(`Invalid Habitual config: ${first.path || 'config'} ${first.message}${more}.`) as Error & {
    code: 'config-invalid';
    problems: ConfigProblem[];
  };
  error.code = 'config-invalid';
  error.problems = problems;
  throw error;
}
