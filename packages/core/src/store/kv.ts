import { clear, createStore, delMany, entries, get, set, update, type UseStore } from 'idb-keyval';

/** The few key-value operations the store needs, over IndexedDB or over memory. */
export interface KV {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Read-modify-write in one transaction, so tabs never overwrite each other. */
  update<T>(key: string, fn: (old: T | undefined) => T): Promise<T>;
  entries(): Promise<Array<[string, unknown]>>;
  delMany(keys: string[]): Promise<void>;
  clear(): Promise<void>;
}

export function idbKV(dbName: string, storeName = 'kv'): KV {
  const store: UseStore = createStore(dbName, storeName);
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    async update(key, fn) {
      let result!: ReturnType<typeof fn>;
      await update(key, (old) => (result = fn(old as never)), store);
      return result;
    },
    entries: () => entries(store) as Promise<Array<[string, unknown]>>,
    delMany: (keys) => delMany(keys, store),
    clear: () => clear(store),
  };
}

export function memoryKV(map = new Map<string, unknown>()): KV {
  // Values are cloned on the way in and out, as IndexedDB would, so callers cannot alias them.
  const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
  return {
    get: async (key) => clone(map.get(key)) as never,
    set: async (key, value) => void map.set(key, clone(value)),
    async update(key, fn) {
      const next = fn(clone(map.get(key)) as never);
      map.set(key, clone(next));
      return next;
    },
    entries: async () => [...map].map(([k, v]) => [k, clone(v)] as [string, unknown]),
    delMany: async (keys) => keys.forEach((k) => map.delete(k)),
    clear: async () => map.clear(),
  };
}
