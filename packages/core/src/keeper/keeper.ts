import { DEFAULT_RETENTION_DAYS } from '../config/defaults';
import type { HabitualConfig } from '../config/types';
import { validateConfig } from '../config/validate-config';
import { addDays } from '../engine/day-keys';
import type { EngagementState } from '../engine/types';
import type { Emitter } from '../emitter';
import { dropJournal, replayJournal, startMarker } from '../recorder/journal';
import type { DayDelta } from '../rollup/day-rollup';
import { featurePolicyFor } from '../rollup/feature-policy';
import type { Session } from '../session/session';
import { loadDays, unsyncedAmong } from '../store/days';
import { updateProfile, validProfile } from '../store/profile';
import { CONFIG_CACHE_KEY, PROFILE_KEY, type Store } from '../store/store';
import { anyWidgetEnabled } from '../config/any-widget-enabled';
import { createSyncClient } from '../sync/sync-client';
import { createSyncSource } from '../sync/sync-source';
import type { SyncClient, SyncDeps } from '../sync/types';
import type { ExportedData, HabitualError, HabitualEvents, Profile, ShareMessage, SurveyResponse } from '../types';
import { adoptDays } from './adopt-days';
import { createEngagement } from './engagement';

/** What the tracker (habitual.js) hands the keeper (habitual-engine.js) when it arrives. */
export interface KeeperContext {
  session: Session;
  now: () => number;
  /** The local day of `now()`. */
  today: () => string;
  randomId: () => string;
  report: (error: HabitualError) => void;
  /** The instance's listeners: the keeper emits `state`, `stage` and `milestone`, and computes them only for listeners. */
  emitter: Emitter<HabitualEvents>;
  /** The sync client's platform (tests pass fakes). @default the browser's */
  syncDeps?: Partial<SyncDeps>;
}

/**
 * The keeper: everything but the hot path. It keeps the user's profile and engagement
 * state, checks configs, moves data when the user or consent changes, exports and forgets,
 * and syncs. It ships as habitual-engine.js, loaded once the page is idle.
 */
export interface Keeper {
  /**
   * Checks the config asked for, replays the journal, reads the store (the profile, the days,
   * the config cache) unless the start is quiet, starts sync.
   */
  start(): Promise<void>;
  /** The tracker has just stored these deltas into the current store: fresh state. */
  stored(deltas: Iterable<DayDelta>): Promise<void>;
  /** Re-reads the stored days (other tabs may have written). */
  reload(): Promise<void>;
  /** The store was switched (user, consent): moves days over with `adopt`, then reloads. */
  switched(from: Store, adopt: boolean): Promise<void>;
  /** Checks and applies a config; false when it was rejected (the previous one stands). */
  configure(config: HabitualConfig): boolean;
  consentChanged(): void;
  exportData(): Promise<ExportedData>;
  forget(): Promise<void>;
  setWidgetState(key: string, value: unknown): Promise<void>;
  share(message: ShareMessage): Promise<void>;
  respond(responses: SurveyResponse[]): Promise<void>;
  /** The state (null until the days are read); asking starts keeping it fresh (engagement.ts). */
  state(): EngagementState | null;
  profile(): Profile;
  /** The page is hidden or going away: a keepalive send of what is stored. */
  pageHidden(): void;
  /** Sends what is stored now (`flush({ sync: true })`). */
  sync(): Promise<void>;
  stop(): void;
}

// Longer than most on purpose: the methods share this closure's profile copy and sync
// client; each job with no such state is a module of its own (engagement, adopt-days,
// sync-source, days, profile).
export function createKeeper(ctx: KeeperContext): Keeper {
  const { session, report } = ctx;
  const newProfile = (): Profile => ({
    v: 1,
    userId: session.user()?.id,
    accountId: session.user()?.accountId,
    deviceId: ctx.randomId(),
    firstSeen: ctx.today(),
    milestones: {},
    widgets: {},
  });
  let profile = newProfile();
  /** The store `profile` was read from or written to (a switch carries its widget state only from there). */
  let profileFrom: Store | undefined;
  let sync: SyncClient | undefined;
  let stopped = false;

  /** Read-modify-write of the profile in `store`; this tab's copy follows when it is the current store. */
  const writeTo = async (store: Store, fn: (p: Profile) => Profile) => {
    const next = await updateProfile(store, fn, newProfile, report);
    if (store === session.store()) (profile = next), (profileFrom = store);
    return next;
  };
  const write = (fn: (p: Profile) => Profile) => writeTo(session.store(), fn);
  /**
   * Loads the current store's profile; `carried` widget state (from a store adopted) fills the
   * keys it lacks. With `stored` (the start's read of it), a valid profile that this changes
   * in nothing is taken as it is, with no write.
   */
  const loadProfile = async (carried: Profile['widgets'] = {}, stored?: unknown, from = session.store()) => {
    const fill = (p: Profile): Profile => ({
      ...p,
      userId: session.user()?.id ?? p.userId,
      accountId: session.user()?.accountId ?? p.accountId,
      widgets: { ...carried, ...p.widgets },
    });
    const kept = validProfile(stored);
    const next = kept && fill(kept);
    if (
      kept &&
      next &&
      next.userId === kept.userId &&
      next.accountId === kept.accountId &&
      Object.keys(next.widgets).length === Object.keys(kept.widgets).length
    )
      (profile = kept), (profileFrom = from);
    else await write(fill);
  };

  const listened = () => ctx.emitter.has('state') || ctx.emitter.has('stage') || ctx.emitter.has('milestone');
  const engagement = createEngagement({ now: ctx.now, today: ctx.today, emit: ctx.emitter.emit, listened, profile: () => profile, writeProfile: write });
  /** Reads every stored day for the engagement state. */
  const reload = async () => engagement.load(await loadDays(session.store(), report));
  const marker = (store = session.store()) => startMarker(session.journal().storage, store);

  /**
   * The start's read of the store, once: every row in one transaction, for the profile, every
   * day (pruned on the way: a write only when something is old), and the sync's config cache
   * and first batch. A quiet start (start()) leaves it until something needs it: the first
   * write, a reader of the state, an export, a send.
   */
  let read: Promise<StartRead> | undefined;
  let settled = false;
  async function readStore() {
    const store = session.store();
    const rows = await store.entries();
    const row = (key: string) => rows.find(([k]) => k === key)?.[1];
    await loadProfile({}, row(PROFILE_KEY), store);
    const oldest = addDays(ctx.today(), 1 - (session.config().retentionDays ?? DEFAULT_RETENTION_DAYS));
    const days = await loadDays(store, report, oldest, rows);
    engagement.load(days);
    settled = true;
    return { store, rows, row, days, oldest };
  }
  type StartRead = Awaited<ReturnType<typeof readStore>>;
  // A failed read is tried again by the next that needs it.
  const ready = () => (read ??= readStore().catch((e) => ((read = undefined), Promise.reject(e))));
  /** For a reader that cannot wait for the read: it starts it, and a failure is said. */
  const readSoon = () =>
    read || void ready().catch((cause) => report({ code: 'storage-unavailable', message: `The stored data could not be read: ${String(cause)}`, cause }));
  /** Another operation has read the store whole (a switch, forget()): no start read is owed. */
  const readDone = () => ((read = Promise.resolve(undefined as never)), (settled = true));

  const said = new Set<string>();
  function configure(next: HabitualConfig): boolean {
    const problems = validateConfig(next);
    if (problems.length) {
      const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      const message = `The config was not applied (${list}); the previous one stays in force.`;
      // Said even without debug (debug says every error anyway), once per distinct problem:
      // otherwise a typo in the config silently switches widgets off.
      if (!session.options.debug && !said.has(message)) said.add(message), console.warn(`[habitual] ${message}`);
      report({ code: 'config-invalid', message });
      return false;
    }
    engagement.setConfig(next);
    session.apply(next, featurePolicyFor(next));
    return true;
  }

  /** Stores what a page that went away journaled; replayed days wait for the collector (the marker). */
  const replay = async () => {
    const replayed = session.consent() === 'granted' ? await replayJournal(session.journal(), session.store(), session.policy()) : 0;
    if (replayed) marker().set();
    return replayed;
  };

  return {
    async start() {
      // An invalid config from init() gives way to the defaults, with the error said.
      if (!configure(session.asked())) configure({});
      const replayed = await replay();
      // Quiet: the store holds nothing a start needs (no journal, no days to send, no cached
      // config: its start marker says so) and nothing on the page reads the state. Then it
      // stays unopened until something needs it, and a page that never does costs IndexedDB
      // nothing. A first visit writes its profile with its first stored day.
      const quiet = !replayed && !marker().isSet() && !listened() && !anyWidgetEnabled(session.config());
      const start = quiet ? undefined : await ready();
      const unsynced = start ? unsyncedAmong(start.rows, start.days).filter((d) => d.day >= start.oldest) : [];
      // A marker with nothing behind it (set before a switch, or the store emptied): gone, so the next start is quiet.
      if (start && !unsynced.length && start.row(CONFIG_CACHE_KEY) === undefined) marker(start.store).clear();
      // destroy() may have come while the store was read: then no sync client is made.
      const { endpoint, appId } = session.options;
      if (endpoint && !stopped) {
        const source = createSyncSource({
          session,
          profile: () => profile,
          report,
          configure: (c) => this.configure(c),
          setWidgetState: (key, value) => this.setWidgetState(key, value),
          // A send reads the store first, unless it was never read and holds nothing to send.
          // (A widget on, by configure(), may send the attention record: that too needs the profile.)
          async ready() {
            if (!read && !marker().isSet() && !anyWidgetEnabled(session.config())) return false;
            await ready();
            return true;
          },
          marker,
          // Only while the store read is still the current one (identify() may have switched it).
          ...(!start || start.store === session.store() ? { first: { config: start?.row(CONFIG_CACHE_KEY), unsynced } } : {}),
        });
        const intervalMs = session.options.sync?.intervalMs;
        // One lock per app: tabs of other apps on this origin never wait on each other.
        sync = createSyncClient(source, ctx.syncDeps, { lockName: `habitual-sync:${appId}`, ...(intervalMs ? { intervalMs } : {}) });
        if (session.consent() === 'granted') sync.start();
      }
    },
    async stored(deltas) {
      const list = [...deltas];
      // Days now wait for the collector: the next start reads the store.
      if (list.length) marker().set();
      // Not read yet: the first write reads it (the profile a send needs), and the read sees
      // these days; so does a listener of the state that came after the start.
      if (!read) return void ((list.length || listened()) && (await ready()));
      // Read in flight, begun before or after this write: read the days again.
      if (!settled) return void (await read, await reload());
      engagement.absorb(list);
      await engagement.refresh();
    },
    // Nothing to refresh in a store nobody has read yet, unless a listener came since.
    reload: async () => void (settled ? await reload() : listened() && (await ready())),
    async switched(from, adopt) {
      await read?.catch(() => {});
      // Adopted (a visitor who signs in, pending consent granted): the days move over, and so
      // does what the widgets kept (pins, notes, answers not sent yet, the attention record),
      // from the profile read from that store, or from the store itself.
      const carried = !adopt ? {} : profileFrom === from ? profile.widgets : (validProfile(await from.get(PROFILE_KEY))?.widgets ?? {});
      if (adopt) await adoptDays(from, session.store(), session.policy(), report);
      // Days moved over (or replayed, replay()) wait for the collector; so may the days the
      // store left behind was given just before the switch (it is read at its next start).
      if (adopt) marker().set();
      else if (from !== session.store()) marker(from).set();
      await replay();
      await loadProfile(carried);
      await reload();
      readDone();
    },
    configure(next) {
      const applied = configure(next);
      if (applied) engagement.refresh().catch(report);
      return applied;
    },
    consentChanged() {
      if (session.consent() === 'granted') sync?.start();
      else sync?.stop();
    },
    async exportData() {
      await ready();
      return { profile, days: await loadDays(session.store(), report) };
    },
    async forget() {
      dropJournal(session.journal());
      marker().clear();
      profile = newProfile();
      await loadProfile();
      await reload();
      readDone();
    },
    async setWidgetState(key, value) {
      await ready();
      await write((p) => ({ ...p, widgets: { ...p.widgets, [key]: value } }));
    },
    share: (message) => (sync ? ready().then(() => sync!.share(message)) : Promise.reject(new Error('Sharing needs an endpoint.'))),
    // Answers leave the device under the consent that lets days sync, no other.
    respond: (responses) =>
      sync && session.consent() === 'granted'
        ? ready().then(() => sync!.send('/v1/responses', { responses }))
        : Promise.reject(new Error('No endpoint or consent.')),
    // A reader of the state (getState(), widgets) is something that needs the store read.
    state: () => (readSoon(), engagement.state()),
    profile: () => (readSoon(), profile),
    pageHidden: () => sync?.sendOnHide(),
    sync: async () => void (session.consent() === 'granted' && (await sync?.syncNow())),
    stop() {
      stopped = true;
      sync?.stop();
    },
  };
}
