import { createDayClock, systemTimeZone } from '../clock/day-clock';
import type { HabitualConfig } from '../config/types';
import { browserEnv, type BrowserEnv } from '../env';
import type { Keeper, KeeperContext } from '../keeper/keeper';
import { createActiveTime } from '../lifecycle/active-time';
import { watchPage } from '../lifecycle/page-lifecycle';
import { createJournal } from '../recorder/journal';
import { createRecorder } from '../recorder/recorder';
import type { DayDelta } from '../rollup/day-rollup';
import { createSession } from '../session/session';
import { idbKV, type KV } from '../store/kv';
import type { Store } from '../store/store';
import type { SyncDeps } from '../sync/types';
import type { ConsentState, DigestProvider, ExportedData, HabitualEvents, HabitualInstance, HabitualUser, InitOptions } from '../types';
import { createEmitter } from '../emitter';
import { attachInternal } from './internal';
import { createReporter } from './report';
import { createWorkQueue } from './work-queue';

/** The module the keeper ships in (habitual-engine.js). */
export interface KeeperModule {
  createKeeper(context: KeeperContext): Keeper;
}

export interface TrackerDeps {
  now: () => number;
  timeZone: () => string;
  /** Opens the key-value store of one user. @default IndexedDB through idb-keyval */
  openKV: (dbName: string) => KV;
  env: BrowserEnv | undefined;
  /**
   * The keeper: engine, profile, sync, everything off the hot path. The script-tag build
   * loads it as its own chunk once the page is idle, so habitual.js stays a few KB.
   */
  keeper?: () => KeeperModule | Promise<KeeperModule>;
  /** Debounce of stores after a tracked event. @default 1000 */
  flushDelayMs: number;
  randomId: () => string;
  /** The sync client's platform (tests pass fakes). @default the browser's */
  sync?: Partial<SyncDeps>;
}

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
 * A Habitual instance: the recorder counts `track()` calls in memory, the tracker stores
 * them on the device without losing any (debounced, journaled on page hide, in call order),
 * and the keeper, which arrives a moment later, keeps the state and syncs. Every public
 * method catches its own errors: nothing throws into the host page.
 *
 * The composition root, longer than most functions on purpose: each public method is a few
 * lines over the modules it composes (recorder, session, lifecycle, queue, reporter), and
 * they share the state only this closure should hold (the flush timer, the keeper).
 */
export function createTracker(options: InitOptions, overrides: Partial<TrackerDeps> = {}): HabitualInstance {
  const deps = { ...defaultTrackerDeps(), ...overrides };
  if (typeof options.now === 'function') deps.now = options.now;
  const { now, env } = deps;
  const emitter = createEmitter<HabitualEvents>((cause) => report({ code: 'bad-call', message: 'A Habitual listener threw.', cause }));
  const { report, threw, failed, warn, safe } = createReporter(options, (e) => emitter.emit('error', e));
  const dayOf = createDayClock(deps.timeZone);
  const session = createSession(
    options,
    deps.openKV,
    () => env?.window.localStorage,
    report,
    (c) => emitter.emit('config', c),
  );
  let destroyed = false;
  let keeper: Keeper | undefined;
  let digestProvider: DigestProvider | undefined;
  let surveyAsked: string | undefined;

  const recorder = createRecorder(
    now,
    dayOf,
    () => !destroyed && session.consent() !== 'denied',
    () => timer === undefined && scheduleFlush(),
    emitter,
    warn,
  );
  const activity = env ? createActiveTime(env, now, recorder.addActive) : undefined;
  /** What was recorded so far, active time included. */
  const take = () => (activity?.settle(), recorder.take());

  const queue = createWorkQueue(failed);
  const started = (async () => {
    try {
      const module = await deps.keeper?.();
      keeper = module?.createKeeper({
        session,
        now,
        today: () => dayOf(now()).day,
        randomId: deps.randomId,
        report,
        emitter,
        syncDeps: deps.sync,
      });
    } catch (cause) {
      report({ code: 'load-failed', message: `The Habitual engine did not load: ${String(cause)}`, cause });
    }
    if (!destroyed) await keeper?.start();
  })().catch(failed);
  /** Queued work, once the keeper has started (or failed to load). */
  const work = <T>(fn: (k: Keeper | undefined) => Promise<T>) => queue(() => started.then(() => fn(keeper)));
  const needKeeper = <T>(fn: (k: Keeper) => Promise<T>) => work((k) => (k ? fn(k) : Promise.reject(new Error('the Habitual engine is not loaded'))));

  /**
   * Stores a batch into the store it was taken for and tells the keeper. Callers take both
   * when the public call is made, not when the queue gets to it, so a user switch or forget()
   * in between never sends counts to the wrong place.
   */
  async function storeBatch(batch: Map<string, DayDelta>, to: Store, k: Keeper | undefined, journalId?: string) {
    if (session.consent() === 'denied' || !batch.size) return k?.stored([]);
    let applied: boolean;
    try {
      applied = await to.mergeDays([...batch.values()], session.policy(), journalId);
    } catch (cause) {
      // Even the memory fallback failed: keep the counts for the next flush, unless the
      // journal holds them (`journalId`): the next start replays it, once.
      if (!journalId) recorder.putBack(batch);
      throw cause;
    }
    // A journal entry replayed meanwhile (by this tab's start or another tab) was stored
    // and read by the engine already: then the keeper has nothing new.
    return k?.stored(applied && to === session.store() ? batch.values() : []);
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancelTimer = () => timer !== undefined && (clearTimeout(timer), (timer = undefined));
  function scheduleFlush() {
    if (timer === undefined && !destroyed) timer = setTimeout(() => ((timer = undefined), void flush()), deps.flushDelayMs);
  }

  function flush(opts?: { sync?: boolean }): Promise<void> {
    cancelTimer();
    const batch = take();
    const to = session.store();
    const stored = work((k) => storeBatch(batch, to, k));
    // The send waits outside the queue: a slow collector never holds up storing.
    return opts?.sync ? stored.then(() => keeper?.sync()) : stored;
  }

  // The page may be gone before anything async settles: the journal keeps what the tab
  // recorded (written now, synchronously), the keepalive send what was already stored.
  const tabId = deps.randomId().slice(-8); // randomUUID's random end, or the fallback's random digits
  let journaled = 0;
  function onHide() {
    cancelTimer();
    const batch = take();
    const to = session.store();
    const journal = createJournal(session.journal());
    const id = `${tabId}-${++journaled}`;
    const journaling = batch.size && session.consent() === 'granted';
    if (journaling) journal.write(id, [...batch.values()]);
    void work((k) => storeBatch(batch, to, k, journaling ? id : undefined).then(() => journaling && journal.remove(id)));
    keeper?.pageHidden();
  }
  // Other tabs may have stored usage meanwhile: read it back in.
  const onVisible = () => void work(async (k) => k?.reload());
  const unwatch = watchPage(env, onHide, onVisible);

  /**
   * The user or the consent changed: from this call on, tracking goes to the store they call
   * for. What was recorded before goes to the store it was recorded for, and with `adopt`
   * that store's days move over (anonymous -> signed in, pending -> granted).
   */
  function switchTo(user: HabitualUser | undefined, consent: ConsentState, adopt: boolean) {
    const before = take();
    const drop = consent === 'denied'; // denied keeps nothing, not even what came before the answer
    const from = session.switchTo(user, consent);
    void work(async (k) => {
      if (!drop) await storeBatch(before, from, undefined);
      await k?.switched(from, adopt);
    });
  }

  const instance: HabitualInstance = {
    // Not through safe(): the hot path takes no rest arguments.
    track(name, props) {
      try {
        recorder.track(name, props);
      } catch (cause) {
        threw('track', cause);
      }
    },

    identify: safe('identify', (next: HabitualUser) => {
      if (!next || typeof next.id !== 'string' || !next.id) return void warn('identify() needs { id: string }');
      // The same user again (new traits or hash) keeps their store; a visitor who signs in
      // brings their anonymous days along.
      switchTo({ ...next }, session.consent(), !session.user() && session.consent() !== 'denied');
    }),

    consent: safe('consent', (next: ConsentState) => {
      if (next !== 'granted' && next !== 'denied' && next !== 'pending') {
        return void warn(`consent() takes 'granted', 'denied' or 'pending', got ${String(next)}`);
      }
      if (next === session.consent()) return;
      switchTo(session.user(), next, next === 'granted');
      keeper?.consentChanged();
    }),

    on: safe(
      'on',
      (event, fn) => emitter.on(event, fn),
      () => {},
    ),
    getState: () => keeper?.state() ?? null,

    configure: safe('configure', (next: HabitualConfig) => {
      if (keeper) keeper.configure(next ?? {});
      else session.ask(next ?? {}); // checked when the keeper starts
    }),

    exportData: safe('exportData', (): Promise<ExportedData> => flush().then(() => needKeeper((k) => k.exportData()))),
    flush: safe('flush', flush, Promise.resolve()),
    forget: safe('forget', () => {
      take();
      const old = session.switchTo(session.user(), session.consent());
      return work(async (k) => {
        await old.clear();
        await k?.forget();
      });
    }),

    destroy: safe('destroy', () => {
      const done = flush();
      destroyed = true;
      activity?.stop();
      keeper?.stop();
      void started.then(() => keeper?.stop()); // a keeper still starting stops once it has
      unwatch();
      return done.finally(() => emitter.clear());
    }),

    digest: safe('digest', (provider: DigestProvider) => void (digestProvider = provider)),

    // Kept until the survey view takes it (and checks it): a call before the widgets arrive still opens the form.
    survey: safe('survey', (form: string) => emitter.emit('survey', { form: (surveyAsked = form) })),
  };

  attachInternal(instance, {
    config: session.config,
    profile: () => keeper?.profile(),
    setWidgetState: (key, value) => needKeeper((k) => k.setWidgetState(key, value)),
    digestProvider: () => digestProvider,
    now: () => now(),
    timeZone: deps.timeZone,
    options: () => options,
    user: session.user,
    share: (message) => needKeeper((k) => k.share(message)),
    report,
    count: (name) => recorder.track(name, undefined, true),
    takeSurvey: () => [surveyAsked, (surveyAsked = undefined)][0],
    respond: (responses) => needKeeper((k) => k.respond(responses)),
  });
  return instance;
}
