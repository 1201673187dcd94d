import { createContext, useContext } from 'react';
import type { HabitualStore } from './habitual-store';

export const HabitualContext = /*#__PURE__*/ createContext<HabitualStore | null>(null);

/** The nearest provider's store; a hook used outside one says so. */
export function useHabitualStore(hook: string): HabitualStore {
  const store = useContext(HabitualContext);
  if (!store) throw new Error(`${hook}() was called outside <HabitualProvider>: wrap your app (or this part of it) in <HabitualProvider options={...}>.`);
  return store;
}
