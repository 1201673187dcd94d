import type { TrackProps } from '@habitual/sdk';
import { useHabitualStore } from './habitual-context';

/**
 * `track(name, props?)` of the provider's instance, the same function on every render (safe
 * in effect dependencies). Calls made before the instance starts are queued and replayed.
 */
export function useTrack(): (name: string, props?: TrackProps) => void {
  return useHabitualStore('useTrack').track;
}
