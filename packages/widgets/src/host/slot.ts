import { useLayoutEffect } from 'preact/hooks';
import { useHub } from './hub';

/**
 * Whether the interruptive surface `key` may be on screen: asks the attention budget for a
 * slot while mounted with a key (null asks for nothing) and gives it back on unmount.
 */
export function useSlot(key: string | null, priority: number): boolean {
  const [, hub] = useHub();
  useLayoutEffect(() => (key === null ? undefined : hub.attention.request(key, priority)), [hub, key, priority]);
  return key !== null && hub.attention.granted(key);
}
