import type { BrowserEnv } from '../env';

/**
 * Calls `hidden` when the page is hidden or goes away (`visibilitychange` to hidden,
 * `pagehide`) and `visible` when it comes back; returns the function that stops listening.
 */
export function watchPage(env: BrowserEnv | undefined, hidden: () => void, visible: () => void): () => void {
  if (!env) return () => {};
  const { window, document } = env;
  const onVisibility = () => (document.visibilityState === 'visible' ? visible() : hidden());
  window.addEventListener('pagehide', hidden);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    window.removeEventListener('pagehide', hidden);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
