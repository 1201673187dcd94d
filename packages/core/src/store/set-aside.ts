import type { HabitualError } from '../types';
import { asideKey, type Store } from './store';

/** Keeps a record that failed validation aside (never deleted, never crashed on). */
export async function setAside(store: Store, key: string, value: unknown, reason: string, onError: (e: HabitualError) => void) {
  await store.set(asideKey(key, store.now()), { key, value, reason });
  onError({ code: 'storage-corrupt', message: `Stored record ${key} was invalid (${reason}) and was set aside.` });
}
