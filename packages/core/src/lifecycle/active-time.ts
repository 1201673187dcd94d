import type { BrowserEnv } from '../env';

/** Input keeps a user active this long after it. */
const ACTIVE_WINDOW_MS = 5000;

const INPUTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'scroll', 'touchstart'] as const;

/**
 * Active time: the union of [input, input + 5 s] while the tab is visible and focused.
 * Derived from event timestamps, never from interval ticks (browsers throttle timers in
 * background tabs). Only the focused tab gets input, so only one tab accrues at a time.
 */
export function createActiveTime(env: BrowserEnv, now: () => number, accrue: (at: number, ms: number) => void) {
  const { document, window } = env;
  let last = -Infinity; // time of the last input that counted
  let counted = -Infinity; // active time is accounted up to here

  const eligible = () => document.visibilityState === 'visible' && document.hasFocus();

  function settle(at: number) {
    const end = Math.min(at, last + ACTIVE_WINDOW_MS);
    if (end > counted) {
      accrue(counted, end - counted);
      counted = end;
    }
  }
  function onInput() {
    const at = now();
    if (!eligible()) return;
    settle(at);
    last = at;
    if (counted < at) counted = at;
  }
  function onLeave() {
    settle(now());
    last = counted = -Infinity;
  }

  const opts = { capture: true, passive: true };
  for (const type of INPUTS) window.addEventListener(type, onInput, opts);
  window.addEventListener('blur', onLeave);
  document.addEventListener('visibilitychange', onLeave);

  return {
    /** Accounts active time up to now (before a flush). */
    settle: () => settle(now()),
    stop() {
      onLeave();
      for (const type of INPUTS) window.removeEventListener(type, onInput, opts);
      window.removeEventListener('blur', onLeave);
      document.removeEventListener('visibilitychange', onLeave);
    },
  };
}
