import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

/** The few key-value operations the store needs, over IndexedDB or over memory. */
export interface KV {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Read-modify-write in one transaction, so tabs never overwrite each other. */
  update<T>(key: string, fn: (old: T | undefined) => T): Promise<T>;
  /** Read-modify-write of several keys in one transaction; `undefined` leaves a key as it is. */
  transact(keys: string[], fn: (old: unknown[]) => unknown[]): Promise<unknown[]>;
  entries(): Promise<Array<[string, unknown]>>;
  delMany(keys: string[]): Promise<void>;
  clear(): Promise<void>;
}

export function idbKV(dbName: string, storeName = 'kv'): KV {
  const store: UseStore = createStore(dbName, storeName);
  const done = (os: IDBObjectStore) => promisifyRequest(os.transaction);
  // Every operation is async on purpose: idb-keyval opens the database on first use, and
  // where IndexedDB is blocked that open throws synchronously instead of rejecting.
  const transact: KV['transact'] = async (keys, fn) =>
    store('readwrite', (os) => {
      // Callbacks, not promises, between the reads and the writes: a transaction stays
      // active only while its request callbacks run.
      const tx = os.transaction;
      return new Promise<unknown[]>((resolve, reject) => {
        const old = new Array<unknown>(keys.length);
        let left = keys.length;
        let next: unknown[] = [];
        tx.oncomplete = () => resolve(next);
        tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
        keys.forEach((key, i) => {
          const req = os.get(key);
          req.onsuccess = () => {
            old[i] = req.result;
            if (--left) return;
            try {
              next = fn(old);
              next.forEach((value, j) => value !== undefined && os.put(value, keys[j]));
            } catch (error) {
              tx.abort();
              reject(error);
            }
          };
        });
      });
    });
  return {
    get: async (key) => store('readonly', (os) => promisifyRequest(os.get(key))),
    set: async (key, value) => store('readwrite', (os) => (os.put(value, key), done(os))),
    update: async (key, fn) => (await transact([key], ([old]) => [fn(old as never)]))[0] as never,
    transact,
    entries: async () =>
      store('readonly', (os) =>
        Promise.all([promisifyRequest(os.getAllKeys()), promisifyRequest(os.getAll())]).then(([keys, values]) =>
          keys.map((key, i) => [key as string, values[i]] as [string, unknown]),
        ),
      ),
    delMany: async (keys) => store('readwrite', (os) => (keys.forEach((k) => os.delete(k)), done(os))),
    clear: async () => store('readwrite', (os) => (os.clear(), done(os))),
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
    async transact(keys, fn) {
      const next = fn(keys.map((k) => clone(map.get(k))));
      next.forEach((value, i) => value !== undefined && map.set(keys[i], clone(value)));
      return next;
    },
    entries: async () => [...map].map(([k, v]) => [k, clone(v)] as [string, unknown]),
    delMany: async (keys) => keys.forEach((k) => map.delete(k)),
    clear: async () => map.clear(),
  };
}
