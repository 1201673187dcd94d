/**
 * One entry of the declarative config schema: a field, its default and its rules. The
 * error text follows from the rules (`must be a whole number >= 1 (got 0)`), so a field is
 * one line. Core's fields are in `config-schema.ts`; each widget adds its own part
 * (`@habitual/widgets/registry`), and the collector validates with both.
 *
 * Kinds beyond JSON's: `href` (a safe link), `time` ('HH:MM'), `times` (two of them),
 * `match` (a string, number or boolean, or a list of them) and `when` (a targeting
 * condition, checked field by field against `WHEN_FIELDS` in `when-fields.ts`).
 */
export interface ConfigField {
  /** Dotted path; `*` stands for every key of an object, `#` for every index of an array. */
  path: string;
  /**
   * `text`: a string or one per locale (`{ en: '…', fi: '…' }`), shown to users; with
   * `plural`, also plural forms (`{ one: 'invoice', other: 'invoices' }`) for all or per locale.
   */
  kind: 'int' | 'number' | 'string' | 'text' | 'boolean' | 'object' | 'array' | 'href' | 'time' | 'times' | 'when' | 'match';
  /** Texts: plural forms are allowed. */
  plural?: boolean;
  /**
   * What applies when the field is left out (the README's config table shows it; a default
   * derived from other fields, such as a label from the feature's name, is only described there).
   */
  default?: unknown;
  min?: number;
  max?: number;
  /** Strictly greater than. */
  above?: number;
  /** The only values allowed. */
  oneOf?: readonly string[];
  /** Must be there whenever its parent is. */
  required?: boolean;
  /** Objects: the only keys allowed, and what to call one in the error. */
  keys?: readonly string[];
  keyNoun?: string;
  /** Objects: exactly one of these keys / at least one of them. */
  exactlyOne?: readonly string[];
  atLeastOne?: readonly string[];
  /** Strings: `id` allows 1-48 letters, digits, `_` and `-` (ids that become parts of `hb:` names). */
  pattern?: 'id';
  /** No two items of the same list repeat this value; the noun names it in the error. */
  unique?: string;
  /** Objects: every key must name a configured feature (when any are configured). */
  keyRef?: 'features';
  /** Must name a configured feature (when any are configured), milestone id or funnel id. */
  ref?: 'features' | 'milestones' | 'funnels';
  /** Must not be above / below the field at this path (its default when left out). */
  notAbove?: string;
  notBelow?: string;
  /** Said after a `notAbove` / `notBelow` problem: why the order matters. */
  why?: string;
}
