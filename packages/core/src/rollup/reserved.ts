/**
 * The prefix of the names widgets count under (`hb:nudge.<id>.shown`). `track()` refuses
 * it (a `:` is no part of a feature name), so a host can never write one, and the engine
 * leaves these names out of every engagement measure: using our widgets is not using the
 * product. They are kept and synced under their own names like configured features.
 */
export const RESERVED_PREFIX = 'hb:';

export const isReserved = (name: string): boolean => name.startsWith(RESERVED_PREFIX);

/** An id made safe as one segment of a reserved name (letters, digits, `_` and `-`; at most 48). */
export const nameSegment = (id: string): string => id.replace(/[^\w-]/g, '_').slice(0, 48);

/**
 * The reserved name of a widget's count: `hb:<surface>.<action>` for the surface as a whole,
 * `hb:<surface>.<item>.<action>` for one of its items (the item id made name-safe).
 */
export const widgetCountName = (surface: string, action: string, item?: string): string =>
  `${RESERVED_PREFIX}${surface}.${item === undefined ? '' : `${nameSegment(item)}.`}${action}`;
