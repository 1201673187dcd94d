import type { en } from './locales/en';

// Apart from i18n.ts, so the catalogs can name their type without importing i18n.ts,
// which imports them.
export type MessageKey = keyof typeof en;
/** A message, or one per plural category (Intl.PluralRules) with `other` as the fallback. */
export type Message = string | { [rule in Intl.LDMLPluralRule]?: string };
export type Catalog = Record<MessageKey, Message>;
