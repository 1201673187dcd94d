import type { HabitualConfig } from '../config/types';
import { anyWidgetEnabled } from '../config/any-widget-enabled';
import type { StartMarker } from '../recorder/journal';
import { ATTENTION_CHANNEL, ATTENTION_KEY } from '../rules/attention';
import type { Session } from '../session/session';
import { markSynced, readUnsynced } from '../store/days';
import { CONFIG_CACHE_KEY, type Store } from '../store/store';
import type { HabitualError, Profile } from '../types';
import type { DayRollup } from '../rollup/day-rollup';
import type { SyncSource } from './types';

export interface SyncSourceDeps {
  session: Session;
  /** The profile of the session's current store. */
  profile: () => Profile;
  report: (error: HabitualError) => void;
  /** Remote config goes the way inline config goes: checked, then into the engine. */
  configure: (config: HabitualConfig) => void;
  /** Keeps a widget state in the current profile (the merged attention record). */
  setWidgetState: (key: string, value: unknown) => Promise<void>;
  /**
   * What the keeper's start read already (its one read of the store): the config cache and
   * the days not acknowledged. The client's first config load and first batch use them
   * instead of reading again; later ones read the store.
   */
  first?: { config: unknown; unsynced: DayRollup[] };
  /**
   * Before a send: the keeper's read of the store, which a quiet start leaves until something
   * needs it (keeper.ts); the identity is the stored profile's. Resolves false when the store
   * was never read and holds nothing to send. @default ready
   */
  ready?: () => Promise<boolean>;
  /** A store's start marker: set while it holds a cached config or days to send. */
  marker?: (store: Store) => StartMarker;
}

const EMPTY = { marks: {}, shows: [] };

/**
 * The device's side of the sync client: the days not yet acknowledged, the acks, the config
 * cache. A batch is read from one user's store under that user's identity, and its acks go
 * back to that store, even when identify() or forget() switched stores while it was in flight.
 */
export function createSyncSource({ session, profile, report, configure, setWidgetState, first, ready, marker }: SyncSourceDeps): SyncSource {
  const { appId, writeKey, endpoint } = session.options;
  // The start's read, each used once.
  let days = first && Promise.resolve(first.unsynced);
  let cache = first && Promise.resolve(first.config as never);
  // Only a signed-in user's record travels (an anonymous device has nowhere else to be),
  // and only while a widget is on to use it.
  const attention = () => {
    const p = profile();
    sent = p.userId && anyWidgetEnabled(session.config()) ? (p.widgets[ATTENTION_KEY] ?? EMPTY) : undefined;
    return sent;
  };
  let batch: { store: Store; profile: Profile; hash?: string; hashExpires?: number } | undefined;
  let sent: unknown;
  return {
    appId,
    writeKey,
    endpoint: endpoint!,
    identity() {
      const p = batch?.profile ?? profile();
      const signed = batch ?? session.user();
      // The display name (traits.name) lets the dashboard show who a user is; nothing else of traits leaves.
      const name = session.user()?.traits?.name;
      return {
        userId: p.userId,
        accountId: p.accountId,
        deviceId: p.deviceId,
        hash: signed?.hash,
        hashExpires: signed?.hashExpires,
        name: typeof name === 'string' && p.userId === session.user()?.id ? name.slice(0, 100) : undefined,
      };
    },
    async pending() {
      if (ready && !(await ready())) return [];
      const store = session.store();
      batch = { store, profile: profile(), hash: session.user()?.hash, hashExpires: session.user()?.hashExpires };
      const read = days ?? readUnsynced(store, report);
      days = undefined;
      return read;
    },
    async ack(acks) {
      if (!batch) return;
      // Everything sent and no config cached: the next start need not read the store.
      if ((await markSynced(batch.store, batch.profile.deviceId, acks)) === false) marker?.(batch.store).clear();
    },
    config: session.config,
    loadConfigCache() {
      const read = cache ?? session.store().get(CONFIG_CACHE_KEY);
      cache = undefined;
      return read;
    },
    async saveConfigCache(entry) {
      marker?.(session.store()).set();
      await session.store().set(CONFIG_CACHE_KEY, entry);
    },
    onConfig: configure,
    onError: report,
    idleAtStart() {
      const idle = first?.unsynced.length === 0 && attention() === undefined;
      // No run takes the start's read: a later one reads the store (days stored since count).
      if (idle) days = undefined;
      return idle;
    },
    attention,
    // The answer is what was sent merged with the user's other devices. Kept as it is unless
    // a tab changed the record meanwhile; the widgets of every tab merge it either way.
    onAttention(remote) {
      const p = profile();
      if ((batch?.profile ?? p).userId !== p.userId) return;
      const mine = p.widgets[ATTENTION_KEY];
      void (mine === sent || mine === undefined ? setWidgetState(ATTENTION_KEY, remote) : Promise.resolve()).then(() => {
        if (typeof BroadcastChannel !== 'function') return;
        const channel = new BroadcastChannel(ATTENTION_CHANNEL);
        channel.postMessage(remote);
        channel.close();
      });
    },
  };
}
