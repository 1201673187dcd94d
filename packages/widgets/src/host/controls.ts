import { openRoots } from './open-roots';

/** A box in viewport coordinates. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What users act on: placement keeps these clear. */
export const INTERACTIVE = 'a[href],button,input,select,textarea,summary,[tabindex]:not([tabindex="-1"]),[role=button],[role=link],[contenteditable]';

export const boxOf = (el: Element): Box => {
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.top, w: r.width, h: r.height };
};

const all = (doc: Document) => [doc, ...openRoots(doc)].flatMap((root) => [...root.querySelectorAll(INTERACTIVE)]);

// Per page, while `trackControls` runs: the controls that intersect the viewport.
const inView = new WeakMap<Document, Set<Element>>();

/**
 * The boxes of the page's interactive elements that show in the viewport (inside open shadow
 * roots too; the overlay's own never), at most 2000. Measured afresh each time (a cache of
 * even one frame misses a scroll since), but while `trackControls` runs only the ones it
 * knows to be in view: a long page costs what its visible part costs.
 */
export function controls(doc: Document): Box[] {
  const win = doc.defaultView ?? window;
  const boxes: Box[] = [];
  for (const el of inView.get(doc) ?? all(doc)) {
    if (boxes.length === 2000) break;
    const b = boxOf(el);
    if (b.w && b.h && b.x < win.innerWidth && b.y < win.innerHeight && b.x + b.w > 0 && b.y + b.h > 0) boxes.push(b);
  }
  return boxes;
}

/**
 * Keeps the set of the page's controls in the viewport with an IntersectionObserver, so that
 * scrolling costs no measuring of the rest; `rescan()` after the page changed observes new
 * ones. `changed` runs when controls come into view or leave. Returns the stop.
 */
export function trackControls(doc: Document, changed: () => void): { rescan(): void; stop(): void } {
  const seen = new Set<Element>();
  const IO = doc.defaultView?.IntersectionObserver;
  // Without one (old engines, DOM emulation) controls() measures everything each time.
  if (!IO) return { rescan() {}, stop() {} };
  const io = new IO((entries) => {
    for (const e of entries) e.isIntersecting && e.target.isConnected ? seen.add(e.target) : seen.delete(e.target);
    // Until the first answer, controls() measures everything.
    inView.set(doc, seen);
    changed();
  });
  const rescan = () => {
    for (const el of seen) if (!el.isConnected) seen.delete(el), io.unobserve(el);
    for (const el of all(doc)) io.observe(el);
  };
  rescan();
  return { rescan, stop: () => (io.disconnect(), inView.delete(doc)) };
}
