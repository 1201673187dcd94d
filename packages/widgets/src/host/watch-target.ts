import { openRoots } from './open-roots';
import { onRouteChange } from './page';

/** Looks for `selector` in the page, then in its open shadow roots; an invalid selector never matches. */
function find(doc: Document, selector: string): HTMLElement | null {
  try {
    // A fresh walk: this runs at most every 100 ms, and only while waiting or on a change.
    for (const root of [doc, ...openRoots(doc, 0)]) {
      const el = root.querySelector<HTMLElement>(selector);
      if (el) return el;
    }
  } catch {}
  return null;
}

/**
 * Follows the element `selector` matches, in the page or inside its open shadow roots:
 * `change` gets it when it appears, `null` when it goes, and the new one when a route change
 * swaps it. Checks run at most every 100 ms, after the page changed. While nothing matches
 * it waits at most `wait` ms, then calls `missing` (once) and rests until the next route
 * change (`onRouteChange`). Returns the canceller.
 */
export function watchTarget(doc: Document, selector: string, change: (el: HTMLElement | null) => void, missing: () => void, wait = 10_000): () => void {
  const win = doc.defaultView;
  let el: HTMLElement | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let late: ReturnType<typeof setTimeout> | undefined;
  let deadline = 0;
  const opts = { childList: true, subtree: true };
  const observer = new MutationObserver(() => (timer ??= setTimeout(check, 100)));
  function check(route?: unknown) {
    timer = undefined;
    if (el?.isConnected && !route) return;
    const next = find(doc, selector);
    // Gone (or never there): the wait starts now.
    if (el && !next) deadline = Date.now() + wait;
    if (next !== el) change((el = next));
    if (el) return;
    if (Date.now() >= deadline) return (observer.disconnect(), missing());
    // A page that stops changing still gets its answer at the deadline.
    clearTimeout(late);
    late = setTimeout(check, deadline - Date.now() + 1);
    // Roots that appeared since: changes inside them do not reach the document's observer.
    for (const root of openRoots(doc)) observer.observe(root, opts);
  }
  const arm = () => {
    deadline = Date.now() + wait;
    observer.observe(doc.documentElement, opts);
    // A route change may swap the element for another that matches, or remove it.
    check(true);
  };
  const offRoute = win ? onRouteChange(win, () => setTimeout(arm)) : () => {};
  arm();
  return () => {
    observer.disconnect();
    clearTimeout(timer);
    clearTimeout(late);
    offRoute();
  };
}
