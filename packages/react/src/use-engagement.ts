import type { EngagementState, HabitualInstance } from '@habitual/sdk';
import { useSyncExternalStore } from 'react';
import { useHabitualStore } from './habitual-context';

const none = () => null;

/**
 * The user's live engagement state (score, streak, stage, next step...): re-renders on
 * every change. `null` on the server, before the instance starts and until the engine has
 * computed the first state.
 */
export function useEngagement(): EngagementState | null {
  const store = useHabitualStore('useEngagement');
  return useSyncExternalStore(store.subscribe, () => store.instance()?.getState() ?? null, none);
}

/** The `@habitual/sdk` instance, or `null` on the server and before it starts. */
export function useHabitual(): HabitualInstance | null {
  const store = useHabitualStore('useHabitual');
  return useSyncExternalStore(store.subscribe, store.instance, none);
}
