import { createDayClock, systemTimeZone } from '../clock/day-clock';
import type { HabitualConfig } from '../config/types';
import type { EngagementState } from '../engine/types';
import { browserEnv, whenIdle, type BrowserEnv } from '../env';
import { emptyDelta, mergeDelta, type DayDelta, type DayRollup } from '../rollup/day-rollup';
import { idbKV, memoryKV, type KV } from '../store/kv';
import { createStore, type Store } from '../store/store';
import { createActiveTime } from './active-time';
import { createEmitter } from './emitter';
import type {
  ConsentState,
  DigestProvider,
  HabitualError,
  HabitualEvents,
  HabitualInstance,
  HabitualUser,
  InitOptions,
  Profile,
  ShareMessage,
  TrackProps,
} from './types';
import { configuredEvents } from './configured-events';
import { createJournal } from './journal';
import { trackProblem } from './validate-track';

/** What the tracker needs from the engine (packages/core/src/engine). */
export interface EngineLike {
  load(rollups: DayRollup[]): void;
  add(day: string, name: string, value: number, at: number): void;
  addActive(day: string, ms: number): void;
  setConfig(config: HabitualConfig): void;
  state(now: number): EngagementState;
}

/** What the tracker needs from the sync client (packages/core/src/sync). */
export interface SyncLike {
  start(): void;
  syncNow(): Promise<void>;
  sendOnHide(): void;
  share(message: ShareMessage): Promise<void>;
  stop(): void;
}

export interface TrackerDeps {
  now: () => number;
  timeZone: () => string;
  /** Opens the key-value store of one user. @default IndexedDB through idb-keyval */
  openKV: (dbName: string) => KV;
  env: BrowserEnv | undefined;
  /**
   * The engine and the sync client. The script-tag build loads them as their own chunk
   * once the page is idle, so habitual.js stays a few KB; tests hand them in directly.
   */
  extras?: () => Extras | Promise<Extras>;
  /** Debounce of stores after a tracked event. @default 1000 */
  flushDelayMs: number;
  randomId: () => string;
}

export interface Extras {
  createEngine?: (options: { config: HabitualConfig; timeZone: string; prev?: { milestones?: Record<string, string>; stage?: Profile['stage'] } }) => EngineLike;
  createSync?: (tracker: SyncHooks) => SyncLike;
}

/** What the tracker hands the sync client. */
export interface SyncHooks {
  options: InitOptions;
  store: () => Store;
  profile: () => Profile;
  updateProfile: (fn: (p: Profile) => Profile) => Promise<Profile>;
  config: () => HabitualConfig;
  configure: (config: HabitualConfig) => void;
  report: (error: HabitualError) => void;
}

const ANONYMOUS = 'anonymous';
const DEFAULT_RETENTION_DAYS = 400;

function randomId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return Date.now().toString(36) + Math.random().toString(36).slice(2);
}

export const defaultTrackerDeps = (): TrackerDeps => ({
  now: Date.now,
  timeZone: systemTimeZone,
  openKV: (name) => idbKV(name),
  env: browserEnv(),
  flushDelayMs: 1000,
  randomId,
});

function asDelta(r: DayRollup): DayDelta {
  return { day: r.day, tz: r.tz, activeMs: r.activeMs, features: r.features, firsts: r.firsts };
}

/** Calendar day `days` before the `YYYY-MM-DD` key `day` (calendar arithmetic, no epoch division). */
function daysBefore(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/**
 * The tracker: validates and counts feature use in memory (O(1), no I/O), stores day
 * rollups on the device, keeps the engagement state fresh and hands changes to listeners.
 * Every public method catches its own errors: nothing throws into the host page.
 */
export function createTracker(options: InitOptions, overrides: Partial<TrackerDeps> = {}): HabitualInstance {
  const deps = { ...defaultTrackerDeps(), ...overrides };
  const { now, env } = deps;
  const debug = !!options.debug;
  const reported = new Set<string>();

  const emitter = createEmitter<HabitualEvents>((error) =>
    report({ code: 'bad-call', message: 'A Habitual listener threw.', cause: error }),
  );

  function report(error: HabitualError) {
    // Storage trouble is said once; every other error each time it happens.
    if (error.code === 'storage-unavailable') {
      if (reported.has(error.code)) return;
      reported.add(error.code);
    }
    if (debug) console.warn(`[habitual] ${error.message}`, error.cause ?? '');
    try {
      options.onError?.(error);
    } catch {
      // The host's own error hook failing must not loop back into it.
    }
    emitter.emit('error', error);
  }

  function warn(message: string) {
    if (debug) console.warn(`[habitual] ${message}`);
  }

  /** Wraps a public method: errors are reported, never thrown at the host. */
  function safe<A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback: R): (...args: A) => R {
    return (...args) => {
      try {
        return fn(...args);
      } catch (cause) {
        report({ code: 'bad-call', message: `habitual.${name}() failed: ${String(cause)}`, cause });
        return fallback;
      }
    };
  }

  let config: HabitualConfig = options.config ?? {};
  let consentState: ConsentState = options.requireConsent ? 'pending' : 'granted';
  let user: HabitualUser | undefined = options.user?.id ? { ...options.user } : undefined;
  let destroyed = false;
  const dayOf = createDayClock(deps.timeZone);

  const newProfile = (): Profile => ({
    v: 1,
    userId: user?.id,
    accountId: user?.accountId,
    deviceId: deps.randomId(),
    firstSeen: dayOf(now()).day,
    milestones: {},
    widgets: {},
    syncCursor: {},
  });
  let profile: Profile = newProfile();

  const dbName = (userId: string | undefined) => `habitual-${options.appId}-${userId ?? ANONYMOUS}`;
  const openStore = (): Store =>
    consentState === 'granted'
      ? createStore(() => deps.openKV(dbName(user?.id)), report)
      : createStore(memoryKV(), report);
  let store = openStore();

  let sync: SyncLike | undefined;

  // In-memory deltas: what this tab tracked since its last flush, per local day.
  let deltas = new Map<string, DayDelta>();
  let current: DayDelta | undefined;

  function deltaFor(at: number): DayDelta {
    const { day, tz } = dayOf(at);
    if (current?.day === day) return current;
    let d = deltas.get(day);
    if (!d) deltas.set(day, (d = emptyDelta(day, tz)));
    return (current = d);
  }

  // ---- engine ------------------------------------------------------------------------

  let engine: EngineLike | undefined;
  let state: EngagementState | null = null;
  let stateKey = '';
  let loaded = false;

  let extras: Extras = {};

  function makeEngine() {
    if (!extras.createEngine) return undefined;
    try {
      return extras.createEngine({
        config,
        timeZone: deps.timeZone(),
        prev: { milestones: profile.milestones, stage: profile.stage },
      });
    } catch (cause) {
      report({ code: 'config-invalid', message: `The engagement engine could not start: ${String(cause)}`, cause });
      return undefined;
    }
  }

  /** Loads stored days plus this tab's unflushed deltas into a fresh engine. */
  async function reload() {
    const days = await store.days();
    const byDay = new Map(days.map((d) => [d.day, d]));
    for (const d of deltas.values()) byDay.set(d.day, mergeDelta(byDay.get(d.day), d));
    engine = makeEngine();
    engine?.load([...byDay.values()]);
    loaded = true;
    await refreshState();
  }

  /** Recomputes the state; listeners hear of real changes only. */
  async function refreshState() {
    if (!engine || !loaded) return;
    const next = engine.state(now());
    const key = JSON.stringify({ ...next, newMilestones: undefined });
    const fresh = next.newMilestones.filter((m) => !(m.id in profile.milestones));
    const stageChanged = next.stage !== profile.stage;
    state = next;
    if (fresh.length || stageChanged) {
      // Another tab may have celebrated first: the profile decides, in one transaction.
      const won: typeof fresh = [];
      const from = profile.stage;
      profile = await store.updateProfile((p) => {
        const milestones = { ...p.milestones };
        for (const m of fresh) if (!(m.id in milestones)) (milestones[m.id] = m.day), won.push(m);
        return { ...p, milestones, stage: next.stage };
      }, newProfile);
      if (stageChanged) emitter.emit('stage', { from, to: next.stage });
      for (const m of won) emitter.emit('milestone', m);
    }
    if (key !== stateKey) {
      stateKey = key;
      emitter.emit('state', next);
    }
  }

  // ---- storage -----------------------------------------------------------------------

  // One queue for everything that touches the store, so flush(), identify() and forget()
  // happen in the order they were called.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn);
    queue = run.catch((cause) => report({ code: 'storage-unavailable', message: String(cause), cause }));
    return run;
  }

  let kept = configuredEvents(config);
  const keep = (name: string) => kept.has(name);

  /** Hands over what this tab tracked so far; later tracking starts a new batch. */
  function takeDeltas() {
    activity?.settle();
    const batch = deltas;
    deltas = new Map();
    current = undefined;
    return batch;
  }

  async function writeDeltas(batch = takeDeltas(), to = store, id?: string) {
    if (consentState === 'denied' || !batch.size) return;
    try {
      await to.mergeDays([...batch.values()], keep, id);
    } catch (cause) {
      // Even the memory fallback failed: keep the counts for the next flush.
      for (const d of batch.values()) {
        const again = deltas.get(d.day);
        deltas.set(d.day, again ? asDelta(mergeDelta(mergeDelta(undefined, d), again)) : d);
      }
      current = undefined;
      throw cause;
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  function scheduleFlush() {
    if (timer !== undefined || destroyed) return;
    timer = setTimeout(() => whenIdle(() => ((timer = undefined), void flush())), deps.flushDelayMs);
  }

  function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer), (timer = undefined);
    return serial(async () => {
      await started;
      await writeDeltas();
      await refreshState();
      if (store.persistent()) sync?.syncNow().catch(() => {});
    });
  }

  async function prune() {
    const days = config.retentionDays ?? DEFAULT_RETENTION_DAYS;
    await store.prune(daysBefore(dayOf(now()).day, days - 1));
  }

  async function loadProfile() {
    profile = await store.updateProfile(
      (p) => ({ ...p, userId: user?.id ?? p.userId, accountId: user?.accountId ?? p.accountId }),
      newProfile,
    );
  }

  /** Moves everything `from` holds into the current store (anonymous -> identified, pending -> granted). */
  async function adoptFrom(from: Store) {
    await store.mergeDays((await from.days()).map(asDelta), keep);
    await from.clear();
  }

  const tabId = deps.randomId().slice(0, 8);
  let journaled = 0;
  const journal = () =>
    createJournal(() => env?.window.localStorage, `habitual-journal:${dbName(user?.id)}:`);

  async function replayJournal() {
    const j = journal();
    for (const { id, deltas: saved } of j.pending()) {
      await store.mergeDays(saved, keep, id);
      j.remove(id);
    }
  }

  const started = (async () => {
    await loadProfile();
    if (consentState === 'granted') await replayJournal();
    try {
      extras = (await deps.extras?.()) ?? {};
    } catch (cause) {
      report({ code: 'bad-call', message: `The engagement engine did not load: ${String(cause)}`, cause });
    }
    if (options.endpoint && extras.createSync && !destroyed) {
      sync = extras.createSync({
        options,
        store: () => store,
        profile: () => profile,
        updateProfile: async (fn) => (profile = await store.updateProfile(fn, newProfile)),
        config: () => config,
        configure: (c) => instance.configure(c),
        report,
      });
      if (consentState === 'granted') sync.start();
    }
    await reload();
    if (store.persistent()) whenIdle(() => void serial(prune));
  })().catch((cause) => report({ code: 'storage-unavailable', message: String(cause), cause }));

  // ---- page lifecycle ----------------------------------------------------------------

  const activity = env
    ? createActiveTime(env, now, (at, ms) => {
        if (consentState === 'denied' || destroyed) return;
        const d = deltaFor(at);
        d.activeMs += ms;
        if (loaded) engine?.addActive(d.day, ms);
        scheduleFlush();
      })
    : undefined;

  function onHide() {
    if (env?.document.visibilityState === 'visible') return;
    // The page may be gone before these settle: the journal covers what the tab tracked
    // (written now, synchronously), the keepalive send what was already stored.
    if (timer !== undefined) clearTimeout(timer), (timer = undefined);
    const batch = takeDeltas();
    if (batch.size && consentState === 'granted') {
      const j = journal();
      const id = `${tabId}-${++journaled}`;
      j.write(id, [...batch.values()]);
      void serial(async () => {
        await started;
        await writeDeltas(batch, store, id);
        j.remove(id);
        await refreshState();
      });
    } else if (batch.size) {
      void serial(() => writeDeltas(batch));
    }
    sync?.sendOnHide();
  }
  function onShow() {
    // Other tabs may have stored usage meanwhile: read it back in.
    if (env?.document.visibilityState === 'visible') void serial(reload);
  }
  env?.window.addEventListener('pagehide', onHide);
  env?.document.addEventListener('visibilitychange', onHide);
  env?.document.addEventListener('visibilitychange', onShow);

  // ---- sync --------------------------------------------------------------------------

  let digestProvider: DigestProvider | undefined;

  // ---- public API --------------------------------------------------------------------

  const instance: HabitualInstance = {
    track: safe(
      'track',
      (name: string, props?: TrackProps) => {
        if (destroyed || consentState === 'denied') return;
        const problem = trackProblem(name, props);
        if (problem) return warn(problem);
        const value = props?.value ?? 0;
        const at = now();
        const d = deltaFor(at);
        const f = d.features[name];
        if (f) f.n++, (f.value += value);
        else (d.features[name] = { n: 1, value }), (d.firsts[name] = at);
        if (loaded) engine?.add(d.day, name, value, at);
        if (emitter.has('track')) emitter.emit('track', { name, value });
        scheduleFlush();
      },
      undefined,
    ),

    identify: safe(
      'identify',
      (next: HabitualUser) => {
        if (!next || typeof next.id !== 'string' || !next.id) return warn('identify() needs { id: string }');
        const previous = user;
        user = { ...next };
        // What was tracked before this call belongs to the previous user.
        const before = previous?.id !== next.id ? takeDeltas() : undefined;
        void serial(async () => {
          await started;
          if (before) await writeDeltas(before);
          if (before && consentState === 'granted') {
            const from = store;
            store = openStore();
            if (!previous) await adoptFrom(from);
            await loadProfile();
            await reload();
          } else {
            await loadProfile();
          }
        });
      },
      undefined,
    ),

    consent: safe(
      'consent',
      (next: ConsentState) => {
        if (next !== 'granted' && next !== 'denied' && next !== 'pending') {
          return warn(`consent() takes 'granted', 'denied' or 'pending', got ${String(next)}`);
        }
        const previous = consentState;
        if (next === previous) return;
        consentState = next;
        if (next === 'denied') {
          deltas = new Map();
          current = undefined;
          sync?.stop();
        }
        void serial(async () => {
          await started;
          const from = store;
          store = openStore();
          if (next === 'granted') {
            await adoptFrom(from);
            await loadProfile();
            await reload();
            sync?.start();
          } else {
            await reload();
          }
        });
      },
      undefined,
    ),

    on: safe('on', (event, fn) => emitter.on(event, fn), () => {}),
    getState: safe('getState', () => state, null),
    getConfig: () => config,
    getProfile: () => profile,

    configure: safe(
      'configure',
      (next: HabitualConfig) => {
        config = next ?? {};
        kept = configuredEvents(config);
        engine?.setConfig(config);
        emitter.emit('config', config);
        void serial(refreshState);
      },
      undefined,
    ),

    exportData: safe(
      'exportData',
      () => flush().then(async () => ({ profile, days: await store.days() })),
      Promise.resolve({ profile, days: [] }),
    ),

    flush: safe('flush', flush, Promise.resolve()),

    forget: safe(
      'forget',
      () =>
        serial(async () => {
          await started;
          deltas = new Map();
          current = undefined;
          await store.clear();
          profile = newProfile();
          await loadProfile();
          await reload();
        }),
      Promise.resolve(),
    ),

    destroy: safe(
      'destroy',
      () => {
        const done = flush();
        destroyed = true;
        activity?.stop();
        sync?.stop();
        env?.window.removeEventListener('pagehide', onHide);
        env?.document.removeEventListener('visibilitychange', onHide);
        env?.document.removeEventListener('visibilitychange', onShow);
        return done.finally(() => emitter.clear());
      },
      Promise.resolve(),
    ),

    setWidgetState: safe(
      'setWidgetState',
      (key: string, value: unknown) =>
        serial(async () => {
          profile = await store.updateProfile((p) => ({ ...p, widgets: { ...p.widgets, [key]: value } }), newProfile);
        }),
      Promise.resolve(),
    ),

    digest: safe('digest', (provider: DigestProvider) => void (digestProvider = provider), undefined),
    getDigestProvider: () => digestProvider,

    share: safe(
      'share',
      (message: ShareMessage) =>
        started.then(() =>
          sync ? sync.share(message) : Promise.reject(new Error('Sharing needs an endpoint: the collector relays it.')),
        ),
      Promise.resolve(),
    ),
  };
  return instance;
}

