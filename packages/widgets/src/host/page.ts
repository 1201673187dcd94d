import type { Device } from '@habitual/core';

/** Where the user is, for targeting: the route and the device class. */
export interface Page {
  path: string;
  device: Device;
}

const LOCATION_CHANGE = 'habitual:locationchange';
/**
 * Under this width (CSS px) the device counts as `mobile` and the placer lays surfaces out for
 * a small screen. Targeting reads the layout viewport, so a pinch zoom does not change who a
 * widget is for; the placer reads the visual viewport, so a zoomed-in page gets the bottom
 * sheet that fits what is on screen.
 */
export const SMALL_WIDTH = 480;
const MOBILE_QUERY = `(max-width: ${SMALL_WIDTH - 0.02}px)`;

type NavigationLike = EventTarget & { currentEntry?: unknown };

/** The page now. */
export const readPage = (win: Window): Page => ({
  path: win.location.pathname,
  device: win.matchMedia?.(MOBILE_QUERY).matches ? 'mobile' : 'desktop',
});

/**
 * Calls `fn` after each SPA navigation: the Navigation API's `currententrychange` where
 * present, else `pushState` / `replaceState` (wrapped once per window), and `popstate`,
 * `hashchange`. Returns the remover.
 */
export function onRouteChange(win: Window, fn: () => void): () => void {
  const nav = (win as unknown as { navigation?: NavigationLike }).navigation;
  const events: Array<[EventTarget, string]> = [[win, 'popstate'], [win, 'hashchange'], nav ? [nav, 'currententrychange'] : [win, LOCATION_CHANGE]];
  if (!nav) patchHistory(win);
  for (const [target, type] of events) target.addEventListener(type, fn);
  return () => {
    for (const [target, type] of events) target.removeEventListener(type, fn);
  };
}

/** Calls `onChange` with the page whenever the route (`onRouteChange`) or the device class (the viewport crossing 480 px) changes. */
export function watchPage(win: Window, onChange: (page: Page) => void): () => void {
  let last = readPage(win);
  const check = () => {
    const page = readPage(win);
    if (page.path !== last.path || page.device !== last.device) onChange((last = page));
  };
  const offRoute = onRouteChange(win, check);
  const media = win.matchMedia?.(MOBILE_QUERY);
  media?.addEventListener?.('change', check);
  return () => {
    offRoute();
    media?.removeEventListener?.('change', check);
  };
}

const PATCHED = Symbol.for('habitual.history');

/** Makes `pushState` / `replaceState` announce themselves (browsers without the Navigation API). */
function patchHistory(win: Window): void {
  const h = win.history as History & { [PATCHED]?: true };
  if (h[PATCHED]) return;
  h[PATCHED] = true;
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = h[name];
    h[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const out = original.apply(this, args);
      win.dispatchEvent(new Event(LOCATION_CHANGE));
      return out;
    };
  }
}
