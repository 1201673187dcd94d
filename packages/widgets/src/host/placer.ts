import { boxOf, controls, INTERACTIVE, trackControls, type Box } from './controls';
import { cost, pickSpot, spots } from './free-spot';
import { SMALL_WIDTH } from './page';

/**
 * Placed in this order; each prefers a spot near (fx, fy), fractions of the viewport. The
 * ones nobody asked for (`uninvited`) wait out of sight while no spot spares every control.
 */
const SURFACES: Array<[selector: string, fx: number, fy: number, uninvited?: 1]> = [
  ['.launcher', 1, 1],
  ['.panel', 1, 1],
  ['.digest', 1, 0, 1],
  ['.toasts', 0, 1, 1],
  ['.announce', 0.5, 0, 1],
  ['.survey', 1, 1, 1],
];

const setBox = (el: HTMLElement, b: Box) => {
  // `inset` over the stylesheet's corner: one CSSOM write, allowed under a strict CSP.
  el.style.inset = `${Math.round(b.y)}px auto auto ${Math.round(b.x)}px`;
};

/**
 * Keeps the overlay's corner surfaces (launcher, panel, digest, toasts) off the page's
 * controls and off each other: each takes the spot along the edges of the visual viewport
 * that covers least, and gets out of the way (`data-yield`) of the control that has focus or
 * the pointer when no spot spares it. Re-placed when our surfaces change (before they paint),
 * and once a frame after the page scrolls, resizes, zooms or changes (a route change);
 * then fires `placed` on `root` for the nudges to re-place. Returns the stop.
 */
export function startPlacer(root: ShadowRoot): () => void {
  const doc = root.ownerDocument;
  const win = doc.defaultView ?? window;
  // A document without a window (made by createHTMLDocument) has no layout to place in.
  if (!win) return () => {};
  const vv = win.visualViewport;
  let focused: Element | null = null;
  let pointed: Element | null = null;
  let frame = 0;
  let changed = false;

  function place() {
    frame = 0;
    if (changed) (changed = false), tracked.rescan();
    const view = vv ? { x: vv.offsetLeft, y: vv.offsetTop, w: vv.width, h: vv.height } : { x: 0, y: 0, w: win.innerWidth, h: win.innerHeight };
    // Under SMALL_WIDTH the panel is a bottom sheet and toasts span the width.
    const small = view.w < SMALL_WIDTH;
    root.host.toggleAttribute('data-small', small);
    const page = controls(doc);
    const heavy = [focused, pointed].flatMap((el) => (el?.isConnected ? [boxOf(el)] : []));
    const ours = [...root.querySelectorAll<HTMLElement>('.nudge')].filter((n) => !n.hidden && !n.style.visibility).map(boxOf);
    // The launcher, once placed: the panel opens next to it.
    let launcher: Box = { x: view.x + view.w, y: view.y + view.h, w: 0, h: 0 };
    const inView = (b: Box) => b.x >= view.x && b.y >= view.y && b.x + b.w <= view.x + view.w + 1 && b.y + b.h <= view.y + view.h + 1;
    // The bottom sheet first: the launcher then keeps clear of it.
    for (const [selector, fx, fy, uninvited] of small ? [SURFACES[1], SURFACES[0], ...SURFACES.slice(2)] : SURFACES) {
      const el = root.querySelector<HTMLElement>(selector);
      if (!el) continue;
      const sheet = small && selector === '.panel';
      const toasts = selector === '.toasts';
      el.style.width = sheet ? `${view.w}px` : toasts && small ? `${view.w - 16}px` : '';
      el.style.maxHeight = sheet ? `${view.h * 0.7}px` : '';
      const r = boxOf(el);
      if (!r.h) continue;
      const m = small ? 8 : 16;
      const edges = spots(view, r.w, r.h, m, toasts && small);
      const candidates = sheet
        ? [{ ...r, x: view.x, y: view.y + view.h - r.h }]
        : // The panel also tries right above and below the launcher.
          selector === '.panel'
          ? [
              { ...r, x: launcher.x + launcher.w - r.w, y: launcher.y - r.h - 8 },
              { ...r, x: launcher.x + launcher.w - r.w, y: launcher.y + launcher.h + 8 },
            ]
              .filter(inView)
              .concat(edges)
          : edges;
      const [spot, price] = pickSpot(
        candidates,
        (b) => cost(b, page, ours, heavy),
        selector === '.panel' ? launcher.x : view.x + fx * view.w,
        selector === '.panel' ? launcher.y : view.y + fy * view.h,
        el.style.inset && inView(r) ? r : undefined,
      );
      setBox(el, spot);
      // A "show me" opened from the sheet points at the page under it: the sheet steps aside.
      const away = price >= (uninvited ? 1 : 1000) || (sheet && !!root.querySelector('.nudge:not([hidden]):not([data-habitual-interruptive])'));
      el.toggleAttribute('data-yield', away);
      if (!away) ours.push(spot);
      if (selector === '.launcher') launcher = spot;
    }
    root.dispatchEvent(new Event('placed'));
  }
  const soon = () => (frame ||= win.requestAnimationFrame(place));
  const tracked = trackControls(doc, soon);
  const interactive = (e: Event) => {
    const el = e.composedPath()[0] as Element;
    return el === root.host || root.contains(el) ? null : (el.closest?.(INTERACTIVE) ?? null);
  };
  const onFocus = (e: Event) => ((focused = interactive(e)), soon());
  const onPointer = (e: Event) => {
    const el = interactive(e);
    if (el !== pointed) (pointed = el), soon();
  };
  const ownChanges = new MutationObserver(place);
  ownChanges.observe(root, { childList: true, subtree: true, characterData: true, attributeFilter: ['hidden'] });
  // A route change or new content moves the page's controls.
  const pageChanges = new MutationObserver(() => ((changed = true), soon()));
  pageChanges.observe(doc.body, { childList: true, subtree: true });
  // One signal takes every listener off at the end.
  const ac = new AbortController();
  const opts = { capture: true, passive: true, signal: ac.signal };
  for (const [t, type] of [
    [win, 'resize'],
    [vv, 'resize'],
    [vv, 'scroll'],
    [doc, 'scroll'],
  ] as const)
    t?.addEventListener(type, soon, opts);
  doc.addEventListener('focusin', onFocus, opts);
  doc.addEventListener('pointerover', onPointer, opts);
  place();
  return () => {
    ownChanges.disconnect();
    pageChanges.disconnect();
    tracked.stop();
    win.cancelAnimationFrame(frame);
    ac.abort();
  };
}
