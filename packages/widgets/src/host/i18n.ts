import { LOCALES, type Locale } from '@habitual/core';
import type { announceMessages } from '../announce/messages';
import type { checklistMessages } from '../checklist/messages';
import type { digestMessages } from '../digest/messages';
import type { journalMessages } from '../journal/messages';
import type { recordsMessages } from '../records/messages';
import type { remindersMessages } from '../reminders/messages';
import type { rewardsMessages } from '../rewards/messages';
import type { shortcutsMessages } from '../shortcuts/messages';
import type { teamMessages } from '../team/messages';
import type { surveyMessages } from '../survey/messages';
import type { LocaleMessages, Message } from './catalog';
import { hostMessages } from './messages';

export type { Locale } from '@habitual/core';

/**
 * The shell's texts and each widget's own (its folder's `messages.ts`). Only the types are
 * imported here: a widget's texts travel in its chunk, on its view (`WidgetView.messages`),
 * and join the catalogs when the view arrives (`addMessages`).
 */
type Parts =
  | typeof hostMessages
  | typeof checklistMessages
  | typeof digestMessages
  | typeof recordsMessages
  | typeof remindersMessages
  | typeof rewardsMessages
  | typeof shortcutsMessages
  | typeof announceMessages
  | typeof journalMessages
  | typeof teamMessages
  | typeof surveyMessages;

type KeysOf<M> = M extends LocaleMessages<infer K> ? K : never;
export type MessageKey = KeysOf<Parts>;
export type Catalog = Record<MessageKey, Message>;
/**
 * Replacement messages per locale; missing keys fall back to the built-in catalog. The SDK
 * passes `init({ messages })` (`Record<string, Record<string, string>>`) straight through:
 * other locales, unknown keys and values that are not messages are ignored.
 */
export type Messages = { [locale in Locale]?: Partial<Catalog> };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** One catalog per locale in core's `LOCALES`: the shell's texts, and each loaded widget's. */
export const catalogs = Object.fromEntries(LOCALES.map((l) => [l, { ...hostMessages[l] }])) as Record<Locale, Catalog>;

/** Adds a widget's texts to the catalogs (its view brings them when its chunk arrives). */
export function addMessages(part: LocaleMessages<string>): void {
  for (const l of LOCALES) Object.assign(catalogs[l], part[l]);
}

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
