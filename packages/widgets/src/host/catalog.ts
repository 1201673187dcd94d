import type { Locale } from '@habitual/core';

/** A message, or one per plural category (Intl.PluralRules) with `other` as the fallback. */
export type Message = string | { [rule in Intl.LDMLPluralRule]?: string };

/**
 * The texts of one widget (its folder's `messages.ts`) or of the shell (`host/messages.ts`):
 * per locale, the same keys as English. A locale or key left out does not compile.
 */
export type LocaleMessages<K extends string> = Record<Locale, Record<K, Message>>;
