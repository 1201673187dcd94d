import { vi } from 'vitest';
import { internalOf, memoryKV, type HabitualConfig, type HabitualInstance, type InitOptions, type KV } from '@habitual/core';
import { realTracker } from './real-tracker';

/** Noon UTC of a day key, as epoch ms. */
export const noonOf = (day: string): number => Date.parse(`${day}T12:00:00Z`);

export interface RealInit {
  config?: HabitualConfig;
  /** Where the instance's clock starts (epoch ms); it runs on from there. @default noon UTC of 2025-03-12, a Wednesday */
  now?: number;
  /** Uses per past or present day, tracked on that day before the test starts: `{ '2025-03-11': { 'invoice.sent': [14, 14] } }` ([count, total value] or a count). */
  days?: Record<string, Record<string, number | [count: number, value: number]>>;
  /** Persisted widget state, as a previous page load left it. */
  widgets?: Record<string, unknown>;
  /** What `init` was called with, over `{ appId, writeKey }` (`messages`). */
  options?: Partial<InitOptions>;
  /** Where it stores: pass the same one (an `idbKV`) to a second instance to load the page again. @default a new `memoryKV()` */
  kv?: KV;
}

export interface RealInstance {
  instance: HabitualInstance;
  /** Moves the instance's clock (epoch ms). */
  travel(to: number): void;
  /** Tracks `count` uses of `name` now and resolves once the state shows them. */
  use(name: string, count?: number, value?: number): Promise<void>;
  /** The KV the instance stores in (memory). */
  kv: KV;
}

/**
 * The real core for widget tests: `createTracker` on memory storage with the engine loaded
 * at once, in UTC, on a clock the test moves. Resolves once the engine has a state.
 */
export async function realInstance(init: RealInit = {}): Promise<RealInstance> {
  // An offset over Date.now, so the clock runs (and fake timers move it) from where it is put.
  let offset = (init.now ?? noonOf('2025-03-12')) - Date.now();
  const clock = {
    get t() {
      return Date.now() + offset;
    },
    set t(to: number) {
      offset = to - Date.now();
    },
  };
  const kv = init.kv ?? memoryKV();
  const instance = realTracker({ config: init.config, ...init.options }, { now: () => clock.t, openKV: () => kv });
  const use = async (name: string, count = 1, value?: number) => {
    const before = instance.getState()?.totals[name]?.n ?? 0;
    for (let i = 0; i < count; i++) instance.track(name, value === undefined ? undefined : { value: value / count });
    await instance.flush();
    await waitFor(() => (instance.getState()?.totals[name]?.n ?? 0) >= before + count);
  };
  const now = clock.t;
  for (const [day, uses] of Object.entries(init.days ?? {}).sort()) {
    clock.t = noonOf(day);
    for (const [name, u] of Object.entries(uses)) {
      const [count, value] = Array.isArray(u) ? u : [u, 0];
      await use(name, count, value || undefined);
    }
  }
  clock.t = now;
  for (const [key, value] of Object.entries(init.widgets ?? {})) await internalOf(instance).setWidgetState(key, value);
  await instance.flush();
  await waitFor(() => instance.getState()?.today === new Date(now).toISOString().slice(0, 10));
  return { instance, kv, use, travel: (to) => void (clock.t = to) };
}

/** Waits until `ok` holds: the engine loads and stores asynchronously. */
const waitFor = (ok: () => boolean) =>
  vi.waitFor(
    () => {
      if (!ok()) throw new Error('realInstance: not there yet');
    },
    { timeout: 2000, interval: 5 },
  );
