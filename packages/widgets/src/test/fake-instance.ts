import type {
  DayRollup,
  DigestProvider,
  EngagementState,
  ExportedData,
  HabitualConfig,
  HabitualEvents,
  HabitualInstance,
  InitOptions,
  Profile,
  ShareMessage,
} from '@habitual/core';

/** An EngagementState with quiet defaults; pass what the test is about. */
export function engagementState(over: Partial<EngagementState> = {}): EngagementState {
  return {
    today: '2025-03-12',
    qualifiedDays: [],
    l7: 0,
    l28: 0,
    breadth: 0,
    valueUnits28: 0,
    intensity: 0,
    momentum: null,
    streak: { period: 'day', current: 0, longest: 0, lifetime: 0, freezes: 0, freezesUsed: 0, todayDone: false },
    activation: { done: 0, total: 0, complete: false, steps: [] },
    stage: 'new',
    score: 0,
    band: 'red',
    parts: [],
    milestones: [],
    newMilestones: [],
    totals: {},
    ...over,
  };
}

/** A day rollup with the given feature counts (`{ 'invoice.sent': [n, value] }`). */
export function dayRollup(day: string, features: Record<string, [number, number]> = {}, activeMs = 0): DayRollup {
  const f: DayRollup['features'] = {};
  for (const name in features) f[name] = { n: features[name][0], value: features[name][1] };
  return { v: 1, day, tz: 'UTC', rev: 1, activeMs, features: f, firsts: {} };
}

export interface FakeInstance extends HabitualInstance {
  emit<E extends keyof HabitualEvents>(event: E, payload: HabitualEvents[E]): void;
  /** Sets the state and emits 'state'. */
  setState(state: EngagementState | null): void;
  days: DayRollup[];
  shared: ShareMessage[];
  tracked: Array<{ name: string; value?: number }>;
  forgotten: number;
  listeners(event: keyof HabitualEvents): number;
  /** Moves the instance's clock to `to` (epoch ms); it runs on from there, as the demo's `?now=` does. */
  travel(to: number): void;
  getConfig(): HabitualConfig;
  getProfile(): Profile;
  setWidgetState(key: string, value: unknown): Promise<void>;
  getDigestProvider(): DigestProvider | undefined;
  now(): number;
  getOptions(): InitOptions;
  share(message: ShareMessage): Promise<void>;
}

/** A HabitualInstance kept in memory, for widget tests that do not need the tracker. */
export interface FakeInit {
  config?: HabitualConfig;
  state?: EngagementState | null;
  days?: DayRollup[];
  /** Persisted widget state, as a previous page load left it. */
  widgets?: Record<string, unknown>;
  /** Where the instance's clock starts (epoch ms), apart from Date.now. @default Date.now() */
  now?: number;
  /** What `getOptions()` returns over `{ appId: 'fake', writeKey: 'wk_fake' }` (`messages`). */
  options?: Partial<InitOptions>;
}

export function fakeInstance(init: FakeInit = {}): FakeInstance {
  let config = init.config ?? {};
  let state = init.state ?? null;
  let provider: DigestProvider | undefined;
  // An offset over Date.now, so fake timers move the travelled clock too.
  let offset = init.now === undefined ? 0 : init.now - Date.now();
  const subs: { [E in keyof HabitualEvents]?: Set<(payload: never) => void> } = {};
  const profile: Profile = { v: 1, deviceId: 'device-1', firstSeen: '2025-01-01', milestones: {}, widgets: { ...init.widgets }, syncCursor: {} };
  const self: FakeInstance = {
    days: init.days ?? [],
    shared: [],
    tracked: [],
    forgotten: 0,
    emit(event, payload) {
      for (const fn of subs[event] ?? []) (fn as (p: typeof payload) => void)(payload);
    },
    setState(next) {
      state = next;
      if (next) self.emit('state', next);
    },
    listeners: (event) => subs[event]?.size ?? 0,
    track(name, props) {
      self.tracked.push({ name, value: props?.value });
    },
    identify() {},
    consent() {},
    on(event, fn) {
      const set = (subs[event] ??= new Set());
      set.add(fn as (payload: never) => void);
      return () => set.delete(fn as (payload: never) => void);
    },
    getState: () => state,
    exportData: async (): Promise<ExportedData> => ({ profile, days: self.days }),
    flush: async () => {},
    async forget() {
      self.forgotten++;
      self.days = [];
      profile.widgets = {};
    },
    destroy: async () => {},
    digest(p) {
      provider = p;
    },
    configure(next) {
      config = next;
      self.emit('config', next);
    },
    getConfig: () => config,
    getProfile: () => profile,
    async setWidgetState(key, value) {
      profile.widgets[key] = value;
    },
    getDigestProvider: () => provider,
    now: () => Date.now() + offset,
    travel(to) {
      offset = to - Date.now();
    },
    getOptions: () => ({ appId: 'fake', writeKey: 'wk_fake', ...init.options }),
    async share(message) {
      self.shared.push(message);
    },
  };
  // As core does: the widgets' handle sits under this symbol (see core's internalOf).
  Object.defineProperty(self, Symbol.for('habitual.internal'), {
    value: {
      config: () => config,
      profile: () => profile,
      setWidgetState: (key: string, value: unknown) => self.setWidgetState(key, value),
      digestProvider: () => provider,
      now: () => self.now(),
      options: () => self.getOptions(),
      share: (message: ShareMessage) => self.share(message),
    },
  });
  return self;
}
