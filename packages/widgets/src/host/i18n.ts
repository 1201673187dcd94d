import { LOCALES, type Locale } from '@habitual/core';
import { checklistMessages } from '../checklist/messages';
import { digestMessages } from '../digest/messages';
import { recordsMessages } from '../records/messages';
import { remindersMessages } from '../reminders/messages';
import { rewardsMessages } from '../rewards/messages';
import type { LocaleMessages, Message } from './catalog';
import { hostMessages } from './messages';

export type { Locale } from '@habitual/core';

/** The shell's texts and each widget's own (its folder's `messages.ts`). */
const PARTS = [hostMessages, checklistMessages, digestMessages, recordsMessages, remindersMessages, rewardsMessages] as const;

type KeysOf<M> = M extends LocaleMessages<infer K> ? K : never;
export type MessageKey = KeysOf<(typeof PARTS)[number]>;
export type Catalog = Record<MessageKey, Message>;
/**
 * Replacement messages per locale; missing keys fall back to the built-in catalog. The SDK
 * passes `init({ messages })` (`Record<string, Record<string, string>>`) straight through:
 * other locales, unknown keys and values that are not messages are ignored.
 */
export type Messages = { [locale in Locale]?: Partial<Catalog> };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** One catalog per locale in core's `LOCALES`: the shell's and every widget's texts together. */
export const catalogs = Object.fromEntries(LOCALES.map((l) => [l, Object.assign({}, ...PARTS.map((part) => part[l]))])) as Record<Locale, Catalog>;

/** `'auto'` follows the browser's language; anything unknown is English. */
export function resolveLocale(preference: string | undefined, language = globalThis.navigator?.language ?? 'en'): Locale {
  const wanted = (!preference || preference === 'auto' ? language : preference).slice(0, 2).toLowerCase();
  return wanted in catalogs ? (wanted as Locale) : 'en';
}

/** The writing direction of a locale's texts: Arabic reads right to left. */
export const dirOf = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

/**
 * Messages with `{name}` placeholders; numbers are formatted for the locale and `{n}` picks
 * the plural form.
 */
export function createTranslator(locale: Locale, messages?: Messages): Translate {
  const plural = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  // Replacements come from the page's init() call, unchecked: anything that is not a message
  // (or has no form for this count) falls back to the built-in catalog.
  const form = (message: unknown, n: number): string | undefined => {
    if (message && typeof message === 'object') {
      const forms = message as Record<string, unknown>;
      message = forms[plural.select(n)] ?? forms.other;
    }
    return typeof message === 'string' ? message : undefined;
  };
  return (key, vars = {}) => {
    const n = Number(vars.n);
    const message = form(messages?.[locale]?.[key], n) ?? form(catalogs[locale][key], n) ?? form(catalogs.en[key], n) ?? '';
    return message.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = vars[name];
      return typeof value === 'number' ? number.format(value) : (value ?? '');
    });
  };
}
