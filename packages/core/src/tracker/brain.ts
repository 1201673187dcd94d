import { DEFAULT_RETENTION_DAYS } from '../config/defaults';
import { validateConfig } from '../config/validate-config';
import type { HabitualConfig } from '../config/types';
import { createEngine, type Engine } from '../engine/create-engine';
import { addDays } from '../engine/day-keys';
import type { EngagementState } from '../engine/types';
import { whenIdle } from '../env';
import type { DayDelta, DayRollup, FeaturePolicy } from '../rollup/day-rollup';
import { prune, readDays, updateProfile } from '../store/records';
import type { Store } from '../store/store';
import { createSyncClient } from '../sync/sync-client';
import type { SyncClient } from '../sync/types';
import { dropJournal, replayJournal, type JournalPlace } from './journal';
import { syncSource } from './sync-source';
import type { ConsentState, ExportedData, HabitualError, HabitualEvents, HabitualUser, InitOptions, Profile, ShareMessage } from './types';

/** What the recorder (habitual.js) lends the brain (habitual-engine.js). */
export interface RecorderHooks {
  options: InitOptions;
  now: () => number;
  timeZone: () => string;
  randomId: () => string;
  today: () => string;
  report: (error: HabitualError) => void;
  emit: <E extends keyof HabitualEvents>(event: E, payload: HabitualEvents[E]) => void;
  store: () => Store;
  /** Which feature names a stored day keeps (the configured ones). */
  policy: () => FeaturePolicy;
  /** Where the recorder journals on page hide; the brain replays what is left at start. */
  journal: () => JournalPlace;
  user: () => HabitualUser | undefined;
  consent: () => ConsentState;
  config: () => HabitualConfig;
  /** Puts a validated config in force (recorder's `keep` list, `on('config')` listeners). */
  applyConfig: (config: HabitualConfig) => void;
}

/** Everything but the hot path: profile, engagement state, identity moves, export, sync. */
export interface Brain {
  start(): Promise<void>;
  /**
   * Counts the recorder has just stored into the engine. Once per flush, not per event: the
   * state is only recomputed after a flush, and `track()` stays a few counter increments.
   */
  absorb(deltas: Iterable<DayDelta>): void;
  /** After a flush: fresh state, then a sync. */
  afterFlush(): Promise<void>;
  /** Re-reads the stored days (other tabs may have written). */
  reload(): Promise<void>;
  /** The store was switched (new user, consent change): move data over where it belongs. */
  switched(from: Store, adopt: boolean): Promise<void>;
  /** Validates and applies a config; resolves to the one in force. */
  configure(config: HabitualConfig): HabitualConfig;
  consentChanged(next: ConsentState): void;
  exportData(): Promise<ExportedData>;
  forget(): Promise<void>;
  setWidgetState(key: string, value: unknown): Promise<void>;
  share(message: ShareMessage): Promise<void>;
  state(): EngagementState | null;
  profile(): Profile;
  sendOnHide(): void;
  stop(): void;
}

function asDelta(r: DayRollup): DayDelta {
  return { day: r.day, tz: r.tz, activeMs: r.activeMs, features: r.features, firsts: r.firsts };
}

/** FNV-1a: a short, stable id for a list of day revisions. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export function createBrain(h: RecorderHooks): Brain {
  const newProfile = (): Profile => ({
    v: 1,
    userId: h.user()?.id,
    accountId: h.user()?.accountId,
    deviceId: h.randomId(),
    firstSeen: h.today(),
    milestones: {},
    widgets: {},
    syncCursor: {},
  });
  let profile = newProfile();
  let engine: Engine | undefined;
  let state: EngagementState | null = null;
  let stateKey = '';
  let config: HabitualConfig = {};
  let sync: SyncClient | undefined;

  /** Read-modify-write of the profile in `store`; this tab's copy follows when it is the current store. */
  const writeTo = async (store: Store, fn: (p: Profile) => Profile) => {
    const next = await updateProfile(store, fn, newProfile, h.report);
    if (store === h.store()) profile = next;
    return next;
  };
  const write = (fn: (p: Profile) => Profile) => writeTo(h.store(), fn);
  let stopped = false;
  const loadProfile = () =>
    write((p) => ({ ...p, userId: h.user()?.id ?? p.userId, accountId: h.user()?.accountId ?? p.accountId }));

  /** Loads the stored days into a fresh engine (unflushed counts arrive with their flush). */
  async function reload() {
    engine = createEngine({ config, timeZone: h.timeZone(), prev: { milestones: profile.milestones, stage: profile.stage } });
    engine.load(await readDays(h.store(), h.report));
    await refresh();
  }

  /** Recomputes the state; listeners hear of real changes only. */
  async function refresh() {
    if (!engine) return;
    const next = engine.state(h.now());
    state = next;
    const fresh = next.newMilestones.filter((m) => !(m.id in profile.milestones));
    const from = profile.stage;
    if (fresh.length || next.stage !== from) {
      // Another tab may have celebrated first: the stored profile decides, in one transaction.
      const won: typeof fresh = [];
      await write((p) => {
        const milestones = { ...p.milestones };
        for (const m of fresh) if (!(m.id in milestones)) (milestones[m.id] = m.day), won.push(m);
        return { ...p, milestones, stage: next.stage };
      });
      if (next.stage !== from) h.emit('stage', { from, to: next.stage });
      for (const m of won) h.emit('milestone', m);
    }
    const key = JSON.stringify({ ...next, newMilestones: undefined });
    if (key !== stateKey) (stateKey = key), h.emit('state', next);
  }

  function configure(next: HabitualConfig): HabitualConfig {
    const problems = validateConfig(next);
    if (problems.length) {
      const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      h.report({ code: 'config-invalid', message: `The config was not applied (${list}); the previous one stays in force.` });
      return config;
    }
    config = next;
    engine?.setConfig(config);
    h.applyConfig(config);
    return config;
  }

  const api: Brain = {
    async start() {
      // An invalid config from init() gives way to the defaults, with the error said once.
      if (configure(h.config()) !== h.config()) h.applyConfig(config);
      if (h.consent() === 'granted') await replayJournal(h.journal(), h.store(), h.policy());
      await loadProfile();
      // destroy() may have come while the profile loaded: then no sync client is made.
      if (h.options.endpoint && !stopped) {
        // One lock per app: tabs of other apps on this origin never wait on each other.
        sync = createSyncClient(syncSource(h, () => profile, writeTo, (c) => api.configure(c)), {}, { lockName: `habitual-sync:${h.options.appId}` });
        if (h.consent() === 'granted') sync.start();
      }
      await reload();
      if (h.store().persistent()) {
        whenIdle(() => {
          const oldest = addDays(h.today(), 1 - (config.retentionDays ?? DEFAULT_RETENTION_DAYS));
          // The sync cursor goes with the days it speaks of.
          const cursor = (p: Profile) => Object.fromEntries(Object.entries(p.syncCursor).filter(([day]) => day >= oldest));
          prune(h.store(), oldest, h.now())
            .then(() => write((p) => ({ ...p, syncCursor: cursor(p) })))
            .catch(h.report);
        });
      }
    },
    absorb(deltas) {
      if (engine) for (const d of deltas) engine.merge(d);
    },
    async afterFlush() {
      await refresh();
      if (h.store().persistent() && h.consent() === 'granted') sync?.syncNow().catch(() => {});
    },
    reload,
    async switched(from, adopt) {
      const to = h.store();
      // Never adopt a store into itself (its days would double, then be cleared).
      if (adopt && from !== to && (!from.name || from.name !== to.name)) {
        const days = await readDays(from, h.report);
        // The same days adopted twice (two tabs signing in, a page gone before the clear)
        // carry the same id, so the store takes them once.
        const id = `adopt:${hash(days.map((d) => `${d.day}@${d.rev}`).join())}`;
        if (days.length) await to.mergeDays(days.map(asDelta), h.policy(), id);
        await from.clear();
      }
      if (h.consent() === 'granted') await replayJournal(h.journal(), to, h.policy());
      await loadProfile();
      await reload();
    },
    configure(next) {
      const applied = configure(next);
      refresh().catch(h.report);
      return applied;
    },
    consentChanged(next) {
      if (next === 'granted') sync?.start();
      else sync?.stop();
    },
    exportData: async () => ({ profile, days: await readDays(h.store(), h.report) }),
    async forget() {
      dropJournal(h.journal());
      profile = newProfile();
      await loadProfile();
      await reload();
    },
    setWidgetState: (key, value) => write((p) => ({ ...p, widgets: { ...p.widgets, [key]: value } })).then(() => {}),
    share: (message) => (sync ? sync.share(message) : Promise.reject(new Error('Sharing needs an endpoint: the collector relays it.'))),
    state: () => state,
    profile: () => profile,
    sendOnHide: () => sync?.sendOnHide(),
    stop() {
      stopped = true;
      sync?.stop();
    },
  };
  return api;
}
