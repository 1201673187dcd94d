import type { DayDelta, FeaturePolicy } from '../rollup/day-rollup';
import type { Store } from '../store/store';

/**
 * A synchronous copy of a tab's unflushed deltas, written to localStorage when the page
 * may be going away. Chromium drops an IndexedDB write started in `pagehide` when the page
 * navigates, so without this the last second of use before a navigation would be lost.
 * The next start replays what is left; the store applies each id at most once.
 */
/** Where a journal lives: one localStorage key per page hide, under this user's prefix. */
export interface JournalPlace {
  storage: () => Storage | undefined;
  prefix: string;
}

function safely<T>(place: JournalPlace, fn: (s: Storage) => T): T | undefined {
  try {
    const s = place.storage();
    return s ? fn(s) : undefined;
  } catch {
    return undefined; // localStorage blocked or full: IndexedDB is then the only copy
  }
}

/** The recorder's half (habitual.js): written synchronously on hide, removed once stored. */
export function createJournal(place: JournalPlace) {
  return {
    write: (id: string, deltas: DayDelta[]) => safely(place, (s) => s.setItem(place.prefix + id, JSON.stringify(deltas))),
    remove: (id: string) => safely(place, (s) => s.removeItem(place.prefix + id)),
  };
}

/** The keeper's half (habitual-engine.js): entries a page that went away left behind, stored once each; how many. */
export async function replayJournal(place: JournalPlace, store: Store, policy: FeaturePolicy): Promise<number> {
  const found: Array<{ key: string; deltas: DayDelta[] }> = [];
  safely(place, (s) => {
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (!key?.startsWith(place.prefix)) continue;
      try {
        const deltas = JSON.parse(s.getItem(key) ?? '[]');
        if (Array.isArray(deltas)) found.push({ key, deltas });
      } catch {
        s.removeItem(key);
      }
    }
  });
  for (const { key, deltas } of found) {
    await store.mergeDays(deltas, policy, key.slice(place.prefix.length));
    safely(place, (s) => s.removeItem(key));
  }
  return found.length;
}

/**
 * The start marker, beside the journal: a localStorage key per store, there while the store
 * holds what a start must read (days the collector has not acknowledged, a cached remote
 * config). A start that finds none leaves the store unopened until something needs it
 * (keeper.ts). A marker that is wrong either way costs little: one set without cause, one
 * start's read; one missing, days that wait for the page's first write or send instead of
 * going at start. Where localStorage is blocked, every start reads.
 */
export function startMarker(storage: () => Storage | undefined, store: Store) {
  const key = `habitual-start:${store.name}`;
  const place = { storage, prefix: '' };
  return {
    /** A memory store (consent pending) starts empty: never marked. */
    isSet: () => (store.name === undefined ? false : (safely(place, (s) => s.getItem(key) !== null) ?? true)),
    set: () => store.name !== undefined && safely(place, (s) => s.getItem(key) === null && s.setItem(key, '1')),
    clear: () => safely(place, (s) => s.removeItem(key)),
  };
}
export type StartMarker = ReturnType<typeof startMarker>;

/** forget(): whatever a page left journaled for this user goes too. */
export function dropJournal(place: JournalPlace): void {
  safely(place, (s) => {
    for (let i = s.length - 1; i >= 0; i--) {
      const key = s.key(i);
      if (key?.startsWith(place.prefix)) s.removeItem(key);
    }
  });
}
