import { readDays } from '../store/records';
import type { SyncSource } from '../sync/types';
import type { RecorderHooks } from './brain';
import type { Profile } from './types';

const CONFIG_CACHE = 'config';

/** The tracker's side of the sync client: what is pending, what was acknowledged, the config cache. */
export function syncSource(
  h: RecorderHooks,
  profile: () => Profile,
  write: (fn: (p: Profile) => Profile) => Promise<Profile>,
): SyncSource {
  const { appId, writeKey, endpoint } = h.options;
  return {
    appId,
    writeKey,
    endpoint: endpoint!,
    identity: () => ({ userId: profile().userId, accountId: profile().accountId, deviceId: profile().deviceId, hash: h.user()?.hash }),
    async pending() {
      // The cursor is read from the store, not this tab's copy: the tab that synced last may be another.
      const { syncCursor } = await write((p) => p);
      return (await readDays(h.store(), h.report)).filter((d) => d.rev > (syncCursor[d.day] ?? 0));
    },
    ack: (acks) =>
      write((p) => {
        const syncCursor = { ...p.syncCursor };
        for (const { day, rev } of acks) if (rev > (syncCursor[day] ?? 0)) syncCursor[day] = rev;
        return { ...p, syncCursor };
      }).then(() => {}),
    config: h.config,
    loadConfigCache: () => h.store().get(CONFIG_CACHE),
    saveConfigCache: (entry) => h.store().set(CONFIG_CACHE, entry),
    onConfig: (config) => h.applyConfig(config),
    onError: h.report,
  };
}
