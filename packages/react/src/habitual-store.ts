import type { HabitualInstance, TrackProps } from '@habitual/sdk';

/**
 * What a `<HabitualProvider>` shares with its hooks: the instance once it has started (it
 * starts in an effect, so never during server rendering), a `track` that queues calls made
 * before then, and subscriptions that follow the instance as it comes and goes. One store per
 * provider, so the context value never changes and consumers re-render only on their own data.
 */
export interface HabitualStore {
  instance(): HabitualInstance | null;
  /** Replays queued `track` calls into `instance`, or drops it (`null`) on unmount. */
  attach(instance: HabitualInstance | null): void;
  track(name: string, props?: TrackProps): void;
  /** Calls `listener` when the instance arrives or leaves and on every engagement state change. */
  subscribe(listener: () => void): () => void;
}

/** Calls made before the instance starts are kept up to this many, the oldest dropped first. */
const MAX_QUEUED = 100;

export function createHabitualStore(): HabitualStore {
  let current: HabitualInstance | null = null;
  let offState: (() => void) | undefined;
  let queued: Array<[string, TrackProps | undefined]> = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  return {
    instance: () => current,
    attach(instance) {
      offState?.();
      current = instance;
      offState = instance?.on('state', notify);
      if (instance) for (const [name, props] of queued.splice(0)) instance.track(name, props);
      notify();
    },
    track(name, props) {
      if (current) return current.track(name, props);
      queued.push([name, props]);
      if (queued.length > MAX_QUEUED) queued = queued.slice(-MAX_QUEUED);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
