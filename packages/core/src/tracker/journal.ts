import type { DayDelta } from '../rollup/day-rollup';

/**
 * A synchronous copy of a tab's unflushed deltas, written to localStorage when the page
 * may be going away. Chromium drops an IndexedDB write started in `pagehide` when the page
 * navigates, so without this the last second of use before a navigation would be lost.
 * The next start replays what is left; the store applies each id at most once.
 */
export function createJournal(storage: () => Storage | undefined, prefix: string) {
  const safely = <T>(fn: (s: Storage) => T): T | undefined => {
    try {
      const s = storage();
      return s ? fn(s) : undefined;
    } catch {
      return undefined; // localStorage blocked or full: IndexedDB is then the only copy
    }
  };
  return {
    write: (id: string, deltas: DayDelta[]) => safely((s) => s.setItem(prefix + id, JSON.stringify(deltas))),
    remove: (id: string) => safely((s) => s.removeItem(prefix + id)),
    pending(): Array<{ id: string; deltas: DayDelta[] }> {
      return (
        safely((s) => {
          const found: Array<{ id: string; deltas: DayDelta[] }> = [];
          for (let i = 0; i < s.length; i++) {
            const key = s.key(i);
            if (!key?.startsWith(prefix)) continue;
            try {
              const deltas = JSON.parse(s.getItem(key) ?? '[]');
              if (Array.isArray(deltas)) found.push({ id: key.slice(prefix.length), deltas });
            } catch {
              s.removeItem(key);
            }
          }
          return found;
        }) ?? []
      );
    },
  };
}
