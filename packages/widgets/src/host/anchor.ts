import { autoUpdate, computePosition, flip, hide, offset, shift, type Middleware, type Placement } from '@floating-ui/dom';
import { boxOf, controls, type Box } from './controls';
import { cost } from './free-spot';
import { isCovered } from './hit';

const SIDES: Placement[] = ['bottom', 'top', 'right', 'left'];

/**
 * Moves on to the next side while the card would cover a control of the page (other than its
 * target) or another of our surfaces; `data.blocked` once every side was tried.
 */
const clear = (page: Box[], ours: Box[]): Middleware => ({
  name: 'clear',
  fn({ x, y, rects, middlewareData }) {
    if (!cost({ x, y, w: rects.floating.width, h: rects.floating.height }, page, ours)) return {};
    const i = (middlewareData.clear?.i ?? 0) + 1;
    return i < SIDES.length ? { data: { i }, reset: { placement: SIDES[i] } } : { data: { i, blocked: true } };
  },
});

/**
 * Keeps `floating` next to `target` through scroll, resize and layout shifts, on the first
 * side (below, above, right, left) where it covers none of the page's controls and none of
 * `ours()` (our other surfaces). It hides while its target is hidden, scrolled out of view
 * or covered, and while no side is free. Returns the cleanup.
 */
export function anchor(target: HTMLElement, floating: HTMLElement, ours: () => Box[]): () => void {
  const doc = target.ownerDocument;
  const win = doc.defaultView!;
  const root = floating.getRootNode();
  const update = () => {
    const t = boxOf(target);
    // The target and what holds it (a clickable card) are not in the way.
    const page = controls(doc).filter((b) => !(b.x <= t.x && b.y <= t.y && b.x + b.w >= t.x + t.w && b.y + b.h >= t.y + t.h));
    computePosition(target, floating, {
      strategy: 'fixed',
      placement: SIDES[0],
      middleware: [
        offset(8),
        flip({ fallbackPlacements: SIDES.slice(1) }),
        shift({ padding: 8 }),
        clear(page, ours()),
        // The viewport as the boundary: a page restyled with `* { all: unset }` makes the
        // clipping-ancestor walk read every ancestor as clipping the target away.
        hide({ boundary: { x: 0, y: 0, width: win.innerWidth, height: win.innerHeight } }),
      ],
    }).then(({ x, y, middlewareData: m }) => {
      // CSSOM writes, not a style attribute: allowed under a strict CSP.
      floating.style.transform = `translate(${Math.round(x)}px,${Math.round(y)}px)`;
      floating.style.visibility = m.hide?.referenceHidden || m.clear?.blocked || isCovered(target) ? 'hidden' : '';
    });
  };
  const stop = autoUpdate(target, floating, update);
  // The placer moved our corner surfaces (a panel opened): keep clear of where they are now.
  root.addEventListener('placed', update);
  return () => (stop(), root.removeEventListener('placed', update));
}
