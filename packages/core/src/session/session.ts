import type { HabitualConfig } from '../config/types';
import type { JournalPlace } from '../recorder/journal';
import { KEEP_ANY, type FeaturePolicy } from '../rollup/day-rollup';
import { memoryKV, type KV } from '../store/kv';
import { createStore, type Store } from '../store/store';
import type { ConsentState, HabitualError, HabitualUser, InitOptions } from '../types';

const ANONYMOUS = 'anonymous';

/**
 * Who is tracked and where their data goes: the user, their consent, the store that user
 * and consent call for, and the config in force. The tracker changes it, the recorder's
 * flushes and the keeper read it; nobody calls anybody back through it. (Positional
 * parameters: this is in habitual.js, where a deps object's names would cost bytes.)
 *
 * @param localStorage where the page-hide journal goes
 * @param onConfig a checked config was put in force
 */
export function createSession(
  options: InitOptions,
  openKV: (dbName: string) => KV,
  localStorage: () => Storage | undefined,
  report: (error: HabitualError) => void,
  onConfig: (config: HabitualConfig) => void,
) {
  let user: HabitualUser | undefined = options.user?.id ? { ...options.user } : undefined;
  let consent: ConsentState = options.requireConsent ? 'pending' : 'granted';
  let config: HabitualConfig = {};
  // Before the keeper has checked a config, a day keeps any names (bounded) rather than
  // trusting an unchecked list.
  let policy = KEEP_ANY;
  // What init() or configure() asked for before the keeper could check it.
  let asked: HabitualConfig = options.config ?? {};

  const dbName = () => `habitual-${options.appId}-${user?.id ?? ANONYMOUS}`;
  // Pending consent keeps everything in memory; denied keeps nothing at all (nothing is written).
  const open = (): Store => {
    // The database opens on first use; its name is fixed now, whoever the user is by then.
    const name = dbName();
    return consent === 'granted' ? createStore(() => openKV(name), report, name) : createStore(memoryKV(), report);
  };
  let store = open();

  return {
    options,
    user: () => user,
    consent: () => consent,
    store: () => store,
    /** The config in force: checked by the keeper (empty until it has started). */
    config: () => config,
    /** What a stored day keeps under the config in force. */
    policy: () => policy,
    /** The config last asked for, checked or not (the keeper checks it when it starts). */
    asked: () => asked,
    ask(next: HabitualConfig) {
      asked = next;
    },
    /** Puts a config the keeper has checked in force. */
    apply(next: HabitualConfig, nextPolicy: FeaturePolicy) {
      config = asked = next;
      policy = nextPolicy;
      onConfig(next);
    },
    /** Where this user's page-hide journal lives (localStorage, synchronous). */
    journal: (): JournalPlace => ({ storage: localStorage, prefix: `habitual-journal:${dbName()}:` }),
    /**
     * From now on, tracking goes to the store of `nextUser` under `nextConsent`; returns the
     * store before. The same user under the same consent (new traits or hash, forget()) keeps
     * the same store.
     */
    switchTo(nextUser: HabitualUser | undefined, nextConsent: ConsentState): Store {
      const from = store;
      const was = dbName() + consent;
      user = nextUser;
      consent = nextConsent;
      if (dbName() + consent !== was) store = open();
      return from;
    },
  };
}

export type Session = ReturnType<typeof createSession>;
