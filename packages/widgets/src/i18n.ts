import { en } from './locales/en';
import { fi } from './locales/fi';
import { zh } from './locales/zh';

export type Locale = 'en' | 'zh' | 'fi';
export type MessageKey = keyof typeof en;
/** A message, or one per plural category (Intl.PluralRules) with `other` as the fallback. */
export type Message = string | { [rule in Intl.LDMLPluralRule]?: string };
export type Catalog = Record<MessageKey, Message>;
/** Replacement messages per locale; missing keys fall back to the built-in catalog. */
export type Messages = { [locale in Locale]?: Partial<Catalog> };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const catalogs: Record<Locale, Catalog> = { en, zh, fi };

/** `'auto'` follows the browser's language; anything unknown is English. */
export function resolveLocale(preference: string | undefined, language = globalThis.navigator?.language ?? 'en'): Locale {
  const wanted = (!preference || preference === 'auto' ? language : preference).slice(0, 2).toLowerCase();
  return wanted in catalogs ? (wanted as Locale) : 'en';
}

/**
 * Messages with `{name}` placeholders; numbers are formatted for the locale and `{n}` picks
 * the plural form.
 */
export function createTranslator(locale: Locale, messages?: Messages): Translate {
  const plural = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  return (key, vars = {}) => {
    let message = messages?.[locale]?.[key] ?? catalogs[locale][key] ?? en[key];
    if (typeof message !== 'string') {
      const n = Number(vars.n);
      message = message[plural.select(n)] ?? message.other ?? '';
    }
    return message.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = vars[name];
      return typeof value === 'number' ? number.format(value) : (value ?? '');
    });
  };
}
