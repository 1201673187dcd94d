import { createDayClock, systemTimeZone } from '../clock/day-clock';
import type { HabitualConfig } from '../config/types';
import { browserEnv, type BrowserEnv } from '../env';
import { emptyDelta, mergeDelta, type DayDelta } from '../rollup/day-rollup';
import { idbKV, memoryKV, type KV } from '../store/kv';
import { createStore, type Store } from '../store/store';
import { createActiveTime } from './active-time';
import type { Brain, RecorderHooks } from './brain';
import { featurePolicyFor } from './configured-events';
import { createEmitter } from './emitter';
import { createJournal } from './journal';
import type {
  ConsentState,
  DigestProvider,
  ExportedData,
  HabitualError,
  HabitualEvents,
  HabitualInstance,
  HabitualUser,
  InitOptions,
  Profile,
  ShareMessage,
  TrackProps,
  WidgetHost,
} from './types';
import { INTERNAL } from './internal-of';
import { trackProblem } from './validate-track';

/** The part of Habitual not needed on the hot path, loaded as its own chunk. */
export interface Extras {
  createBrain(hooks: RecorderHooks): Brain;
}

export interface TrackerDeps {
  now: () => number;
  timeZone: () => string;
  /** Opens the key-value store of one user. @default IndexedDB through idb-keyval */
  openKV: (dbName: string) => KV;
  env: BrowserEnv | undefined;
  /**
   * The engine, sync and everything else off the hot path. The script-tag build loads it as
   * its own chunk once the page is idle, so habitual.js stays a few KB; tests hand it in.
   */
  extras?: () => Extras | Promise<Extras>;
  /** Debounce of stores after a tracked event. @default 1000 */
  flushDelayMs: number;
  randomId: () => string;
}

const ANONYMOUS = 'anonymous';

function randomId(): string {
  const c = globalThis.crypto;
  return c?.randomUUID ? c.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2);
}

export const defaultTrackerDeps = (): TrackerDeps => ({
  now: Date.now,
  timeZone: systemTimeZone,
  openKV: (name) => idbKV(name),
  env: browserEnv(),
  flushDelayMs: 1000,
  randomId,
});

/**
 * The recorder: validates and counts feature use in memory (O(1), no I/O) and stores day
 * rollups on the device without losing any; everything else is the brain's (brain.ts),
 * which arrives a moment later. Every public method catches its own errors: nothing
 * throws into the host page.
 */
export function createTracker(options: InitOptions, overrides: Partial<TrackerDeps> = {}): HabitualInstance {
  const deps = { ...defaultTrackerDeps(), ...overrides };
  if (typeof options.now === 'function') deps.now = options.now;
  const { now, env } = deps;
  let storageReported = false;

  const emitter = createEmitter<HabitualEvents>((cause) => report({ code: 'bad-call', message: 'A Habitual listener threw.', cause }));

  function report(error: HabitualError) {
    // Storage trouble is said once; every other error each time it happens.
    if (error.code === 'storage-unavailable') {
      if (storageReported) return;
      storageReported = true;
    }
    if (options.debug) console.warn(`[habitual] ${error.message}`, error.cause ?? '');
    try {
      options.onError?.(error);
    } catch {
      // The host's own error hook failing must not loop back into it.
    }
    emitter.emit('error', error);
  }
  // A queued operation that failed: IndexedDB trouble (said once) or anything else (each time).
  const failed = (cause: unknown) =>
    report({ code: cause instanceof DOMException ? 'storage-unavailable' : 'bad-call', message: String(cause), cause });
  const warn = (message: string) => options.debug && console.warn(`[habitual] ${message}`);

  /** Wraps a public method: errors are reported, never thrown at the host. */
  function safe<A extends unknown[], R>(name: string, fn: (...args: A) => R, fallback?: R): (...args: A) => R {
    return (...args) => {
      try {
        return fn(...args);
      } catch (cause) {
        report({ code: 'bad-call', message: `habitual.${name}() failed: ${String(cause)}`, cause });
        return fallback as R;
      }
    };
  }

  let config: HabitualConfig = options.config ?? {};
  let policy = featurePolicyFor(config);
  let consentState: ConsentState = options.requireConsent ? 'pending' : 'granted';
  let user: HabitualUser | undefined = options.user?.id ? { ...options.user } : undefined;
  let destroyed = false;
  let brain: Brain | undefined;
  let digestProvider: DigestProvider | undefined;
  const dayOf = createDayClock(deps.timeZone);

  const dbName = () => `habitual-${options.appId}-${user?.id ?? ANONYMOUS}`;
  // Pending consent keeps everything in memory; denied keeps nothing at all.
  const openStore = (): Store => {
    // The database opens on first use; its name is fixed now, whoever the user is by then.
    const name = dbName();
    return consentState === 'granted' ? createStore(() => deps.openKV(name), report, name) : createStore(memoryKV(), report);
  };
  let store = openStore();
  const journalPlace = () => ({ storage: () => env?.window.localStorage, prefix: `habitual-journal:${dbName()}:` });
  const journal = () => createJournal(journalPlace());

  // What this tab tracked since its last store, per local day.
  let deltas = new Map<string, DayDelta>();
  let current: DayDelta | undefined;

  function deltaFor(at: number): DayDelta {
    const { day, tz } = dayOf(at);
    if (current?.day === day) return current;
    let d = deltas.get(day);
    if (!d) deltas.set(day, (d = emptyDelta(day, tz)));
    return (current = d);
  }

  /** Hands over what this tab tracked so far; later tracking starts a new batch. */
  function takeDeltas() {
    activity?.settle();
    const batch = deltas;
    deltas = new Map();
    current = undefined;
    return batch;
  }

  /**
   * Stores a batch into the store it was taken for. Callers take both when the public call
   * is made, not when the queue gets to it, so a user switch or forget() in between never
   * sends counts to the wrong place.
   */
  async function writeDeltas(batch: Map<string, DayDelta>, to: Store, id?: string) {
    if (consentState === 'denied' || !batch.size) return;
    try {
      // A journal entry replayed meanwhile (by this tab's start or another tab) was stored
      // and read by the engine already: then this write is skipped, and so is the absorb.
      if ((await to.mergeDays([...batch.values()], policy, id)) && to === store) brain?.absorb(batch.values());
    } catch (cause) {
      // Even the memory fallback failed: keep the counts for the next flush, unless the
      // journal holds them (`id`): the next start replays it, once.
      if (id) throw cause;
      for (const d of batch.values()) {
        const again = deltas.get(d.day);
        deltas.set(d.day, again ? { ...mergeDelta(mergeDelta(undefined, d), again) } : d);
      }
      current = undefined;
      throw cause;
    }
  }

  // One queue for everything that touches the store, so flush(), identify() and forget()
  // happen in the order they were called.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn);
    queue = run.catch(failed);
    return run;
  }

  const hooks: RecorderHooks = {
    options,
    now,
    timeZone: deps.timeZone,
    randomId: deps.randomId,
    today: () => dayOf(now()).day,
    report,
    emit: emitter.emit,
    store: () => store,
    policy: () => policy,
    journal: journalPlace,
    user: () => user,
    consent: () => consentState,
    config: () => config,
    applyConfig(next) {
      config = next;
      policy = featurePolicyFor(next);
      emitter.emit('config', next);
    },
  };

  const started = (async () => {
    try {
      brain = (await deps.extras?.())?.createBrain(hooks);
    } catch (cause) {
      report({ code: 'bad-call', message: `The Habitual engine did not load: ${String(cause)}`, cause });
    }
    if (!destroyed) await brain?.start();
  })().catch(failed);

  /** After the queue: the store's own part (`work`), then the brain's, if it loaded. */
  const queued = (work: () => Promise<unknown>, then?: (b: Brain) => Promise<unknown>) =>
    serial(async () => {
      await started;
      await work();
      if (brain && then) await then(brain);
    });

  /** A brain method, once the brain is there. */
  const later = <T>(fn: (b: Brain) => Promise<T>) =>
    serial(async () => {
      await started;
      if (!brain) throw new Error('the Habitual engine is not loaded');
      return fn(brain);
    });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancelTimer = () => timer !== undefined && (clearTimeout(timer), (timer = undefined));
  function scheduleFlush() {
    if (timer === undefined && !destroyed) timer = setTimeout(() => ((timer = undefined), void flush()), deps.flushDelayMs);
  }

  function flush(): Promise<void> {
    cancelTimer();
    const batch = takeDeltas();
    const to = store;
    return queued(() => writeDeltas(batch, to), (b) => b.afterFlush()) as Promise<void>;
  }

  // ---- page lifecycle ----------------------------------------------------------------

  const activity = env
    ? createActiveTime(env, now, (at, ms) => {
        if (consentState === 'denied' || destroyed) return;
        const d = deltaFor(at);
        d.activeMs += ms;
        scheduleFlush();
      })
    : undefined;

  function onVisibility() {
    if (env?.document.visibilityState !== 'visible') return onHide();
    // Other tabs may have stored usage meanwhile: read it back in.
    void queued(async () => {}, (b) => b.reload());
  }
  function onHide() {
    // The page may be gone before anything async settles: the journal keeps what the tab
    // tracked (written now, synchronously), the keepalive send what was already stored.
    cancelTimer();
    const batch = takeDeltas();
    const to = store;
    const j = journal();
    const id = `${tabId}-${++journaled}`;
    const journaling = batch.size && consentState === 'granted';
    if (journaling) j.write(id, [...batch.values()]);
    void queued(() => writeDeltas(batch, to, journaling ? id : undefined).then(() => journaling && j.remove(id)));
    brain?.sendOnHide();
  }
  // The end of the id: randomUUID's random part, or the fallback's random digits (its start is the clock).
  const tabId = deps.randomId().slice(-8);
  let journaled = 0;
  env?.window.addEventListener('pagehide', onHide);
  env?.document.addEventListener('visibilitychange', onVisibility);

  /**
   * The user or the consent changed: from this call on, tracking goes to the store they
   * call for. What was tracked before goes to the store it was tracked for, and with
   * `adopt` that store's days move over (anonymous -> signed in, pending -> granted).
   */
  function switchStore(adopt: boolean, drop = false) {
    const before = takeDeltas();
    const from = store;
    store = openStore();
    void queued(() => (drop ? Promise.resolve() : writeDeltas(before, from)), (b) => b.switched(from, adopt));
  }

  // ---- public API --------------------------------------------------------------------

  const goodNames = new Set<string>();
  const placeholderProfile: Profile = { v: 1, deviceId: '', firstSeen: '', milestones: {}, widgets: {}, syncCursor: {} };

  const instance: HabitualInstance = {
    // The hot path, kept together on purpose: no rest arguments, no allocation for a
    // feature already counted today, the name pattern tested once per name.
    track(name: string, props?: TrackProps) {
      try {
        if (destroyed || consentState === 'denied') return;
        const known = goodNames.has(name);
        const problem = trackProblem(name, props, known);
        if (problem) return void warn(problem);
        if (!known && goodNames.size < 1024) goodNames.add(name);
        const value = props?.value ?? 0;
        const at = now();
        const d = deltaFor(at);
        const f = d.features[name];
        if (f) f.n++, (f.value += value);
        else (d.features[name] = { n: 1, value }), (d.firsts[name] = at);
        if (emitter.has('track')) emitter.emit('track', { name, value });
        if (timer === undefined) scheduleFlush();
      } catch (cause) {
        report({ code: 'bad-call', message: `habitual.track() failed: ${String(cause)}`, cause });
      }
    },

    identify: safe('identify', (next: HabitualUser) => {
      if (!next || typeof next.id !== 'string' || !next.id) return void warn('identify() needs { id: string }');
      const previous = user;
      user = { ...next };
      if (previous?.id === next.id) return void queued(async () => {}, (b) => b.switched(store, false));
      switchStore(!previous && consentState !== 'denied');
    }),

    consent: safe('consent', (next: ConsentState) => {
      if (next !== 'granted' && next !== 'denied' && next !== 'pending') {
        return void warn(`consent() takes 'granted', 'denied' or 'pending', got ${String(next)}`);
      }
      if (next === consentState) return;
      consentState = next;
      brain?.consentChanged(next);
      // Denied keeps nothing, not even what was tracked before the answer.
      switchStore(next === 'granted', next === 'denied');
    }),

    on: safe('on', (event, fn) => emitter.on(event, fn), () => {}),
    getState: () => brain?.state() ?? null,

    configure: safe('configure', (next: HabitualConfig) => {
      if (brain) brain.configure(next ?? {});
      else hooks.applyConfig(next ?? {}); // checked when the brain starts
    }),

    exportData: safe('exportData', (): Promise<ExportedData> => flush().then(() => later((b) => b.exportData()))),
    flush: safe('flush', flush, Promise.resolve()),
    forget: safe('forget', () => {
      takeDeltas();
      const old = store;
      store = openStore();
      return queued(() => old.clear(), (b) => b.forget()) as Promise<void>;
    }),

    destroy: safe('destroy', () => {
      const done = flush();
      destroyed = true;
      activity?.stop();
      brain?.stop();
      void started.then(() => brain?.stop()); // a brain still starting stops once it has
      env?.window.removeEventListener('pagehide', onHide);
      env?.document.removeEventListener('visibilitychange', onVisibility);
      return done.finally(() => emitter.clear());
    }),

    digest: safe('digest', (provider: DigestProvider) => void (digestProvider = provider)),
  };
  const host: WidgetHost = {
    config: () => config,
    profile: () => brain?.profile() ?? placeholderProfile,
    setWidgetState: safe('setWidgetState', (key: string, value: unknown) => later((b) => b.setWidgetState(key, value))),
    digestProvider: () => digestProvider,
    now,
    timeZone: deps.timeZone,
    options: () => options,
    share: safe('share', (message: ShareMessage) => later((b) => b.share(message))),
  };
  // Not enumerable: `window.habitual` copies the instance's own enumerable methods only.
  Object.defineProperty(instance, INTERNAL, { value: host });
  return instance;
}
