import type { HabitualConfig } from '../config/types';
import { readDays } from '../store/records';
import type { Store } from '../store/store';
import type { SyncSource } from '../sync/types';
import type { RecorderHooks } from './brain';
import type { Profile } from './types';

const CONFIG_CACHE = 'config';

/**
 * The tracker's side of the sync client: what is pending, what was acknowledged, the config
 * cache. A batch is read from one user's store under that user's identity, and its acks go
 * back to that store, even when identify() or forget() switched stores while it was in flight.
 */
export function syncSource(
  h: RecorderHooks,
  profile: () => Profile,
  writeTo: (store: Store, fn: (p: Profile) => Profile) => Promise<Profile>,
  configure: (config: HabitualConfig) => void,
): SyncSource {
  const { appId, writeKey, endpoint } = h.options;
  let batch: { store: Store; profile: Profile; hash?: string; hashExpires?: number } | undefined;
  return {
    appId,
    writeKey,
    endpoint: endpoint!,
    identity() {
      const p = batch?.profile ?? profile();
      const signed = batch ?? h.user();
      return { userId: p.userId, accountId: p.accountId, deviceId: p.deviceId, hash: signed?.hash, hashExpires: signed?.hashExpires };
    },
    async pending() {
      const store = h.store();
      // The cursor is read from the store, not this tab's copy: the tab that synced last may be another.
      const read = await writeTo(store, (p) => p);
      batch = { store, profile: read, hash: h.user()?.hash, hashExpires: h.user()?.hashExpires };
      return (await readDays(store, h.report)).filter((d) => d.rev > (read.syncCursor[d.day] ?? 0));
    },
    async ack(acks) {
      if (!batch) return;
      await writeTo(batch.store, (p) => {
        // A forget() in between made a new device: its cursor owes nothing to the old one.
        if (p.deviceId !== batch!.profile.deviceId) return p;
        const syncCursor = { ...p.syncCursor };
        for (const { day, rev } of acks) if (rev > (syncCursor[day] ?? 0)) syncCursor[day] = rev;
        return { ...p, syncCursor };
      });
    },
    config: h.config,
    loadConfigCache: () => h.store().get(CONFIG_CACHE),
    saveConfigCache: (entry) => h.store().set(CONFIG_CACHE, entry),
    // Remote config goes the way inline config goes: validated, then into the engine.
    onConfig: configure,
    onError: h.report,
  };
}
