/**
 * The one place core reaches browser globals, so the engine and validation run unchanged
 * in Node (the collector) and tests can hand in their own.
 */
export interface BrowserEnv {
  window: Window;
  document: Document;
  navigator: Navigator;
}

export function browserEnv(): BrowserEnv | undefined {
  return typeof window !== 'undefined' && typeof document !== 'undefined' ? { window, document, navigator } : undefined;
}

/** Runs `fn` when the main thread is idle (within `timeout` ms), or soon where idle callbacks are missing. */
export function whenIdle(fn: () => void, timeout = 1000): void {
  const ric = typeof requestIdleCallback === 'function' ? requestIdleCallback : undefined;
  if (ric) ric(fn, { timeout });
  else setTimeout(fn, 0);
}
