import type { SyncDeps } from './types';

const LEASE_MS = 30_000;

/**
 * Runs `fn` while this tab holds the sync lock, so one tab syncs at a time. Web Locks queue
 * the tabs (each reads `pending()` after the previous one's acks, so nothing goes twice).
 * Without them a localStorage lease stands in; it is not atomic, but the collector is
 * idempotent, so a rare double send changes nothing. Returns false when the lease is held
 * elsewhere (the caller retries later).
 */
export async function withSyncLock(deps: Pick<SyncDeps, 'locks' | 'storage' | 'now' | 'random'>, name: string, fn: () => Promise<void>): Promise<boolean> {
  if (deps.locks) {
    await deps.locks.request(name, () => fn());
    return true;
  }
  const storage = deps.storage;
  if (!storage) {
    await fn();
    return true;
  }
  const key = `${name}:lease`;
  const me = `${deps.now()}-${deps.random().toString(36).slice(2)}`;
  try {
    const held = storage.getItem(key);
    const until = held ? Number(held.split('|')[1]) : 0;
    if (held && until > deps.now()) return false;
    storage.setItem(key, `${me}|${deps.now() + LEASE_MS}`);
    if (storage.getItem(key)?.split('|')[0] !== me) return false;
  } catch {
    // Storage refused (quota, blocked): go ahead, re-sends are harmless.
    await fn();
    return true;
  }
  try {
    await fn();
  } finally {
    try {
      if (storage.getItem(key)?.split('|')[0] === me) storage.removeItem(key);
    } catch {
      // The lease expires on its own.
    }
  }
  return true;
}
