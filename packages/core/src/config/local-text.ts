import type { CountedText, Text } from './types';
import { LOCALES, type Locale } from './vocabulary';

const plurals = new Map<string, Intl.PluralRules>();

/**
 * A config text in `locale`: the string itself, else that locale's version, else English,
 * else the first version given. Plural forms (`{ one: 'invoice', other: 'invoices' }`) pick
 * the form for `n` with `Intl.PluralRules` (`other` without a count or a form for it).
 * `undefined` for a text that is not there.
 */
export function localText(text: CountedText | Text | undefined, locale: Locale = 'en', n?: number): string | undefined {
  let t: unknown = text;
  if (t && typeof t === 'object' && !('other' in t)) {
    const byLocale = t as Record<string, unknown>;
    t = byLocale[locale] ?? byLocale.en ?? Object.values(byLocale)[0];
  }
  if (t && typeof t === 'object') {
    const forms = t as Record<string, string>;
    let rules = plurals.get(locale);
    if (!rules) plurals.set(locale, (rules = new Intl.PluralRules(locale)));
    return (n === undefined ? undefined : forms[rules.select(n)]) ?? forms.other;
  }
  return typeof t === 'string' ? t : undefined;
}

/**
 * The paths of the config's texts given per locale without a version for `locale` (they
 * show English there): debug mode warns with this list. A text per locale is the only object
 * in a config whose keys are all locale codes.
 */
export function untranslated(config: unknown, locale: Locale, path = ''): string[] {
  if (!config || typeof config !== 'object') return [];
  const keys = Object.keys(config);
  if (keys.length && !Array.isArray(config) && keys.every((k) => (LOCALES as readonly string[]).includes(k))) return locale in config ? [] : [path];
  return keys.flatMap((k) => untranslated((config as Record<string, unknown>)[k], locale, path ? `${path}.${k}` : k));
}
