import { autoUpdate, computePosition, flip, hide, offset, shift, type Middleware, type Placement } from '@floating-ui/dom';
import { boxOf, controls, type Box } from './controls';
import { cost } from './free-spot';
import { isCovered } from './hit';

const SIDES: Placement[] = ['bottom', 'top', 'right', 'left'];

/**
 * Tries the sides in turn while the card would cover a control of the page (other than its
 * target) or one of our surfaces, or leave the viewport. A side that covers nothing wins at
 * once; else the side that only clips an edge least (no control's centre, none of ours), or
 * for a card the user asked for (`invited`) the side that covers least; else `data.blocked`.
 */
const clear = (page: Box[], ours: Box[], view: Box, invited: boolean): Middleware => ({
  name: 'clear',
  fn({ x, y, placement, rects, middlewareData }) {
    const d = middlewareData.clear ?? {};
    // Sides asked for, kept apart from sides measured: flip may turn a side asked for into
    // another, and asking again would go round until Floating UI stops resetting.
    const tried: string[] = d.tried ?? [SIDES[0]];
    const costs: Record<string, number> = d.costs ?? {};
    const r = { x, y, w: rects.floating.width, h: rects.floating.height };
    const out = r.x < view.x || r.y < view.y || r.x + r.w > view.x + view.w || r.y + r.h > view.y + view.h;
    const c = out ? 1e6 : cost(r, page, ours);
    const limit = invited ? 1e6 : 1;
    if (!c) return {};
    if (d.done) return c < limit ? {} : { data: { blocked: true } };
    costs[placement] = c;
    const next = SIDES.find((s) => !tried.includes(s));
    if (next) return { data: { tried: [...tried, next], costs }, reset: { placement: next } };
    const [best, least] = Object.entries(costs).sort((a, b) => a[1] - b[1])[0];
    return least < limit ? { data: { done: true }, reset: { placement: best as Placement } } : { data: { blocked: true } };
  },
});

/**
 * Keeps `floating` next to `target` through scroll, resize and layout shifts, on the first
 * side (below, above, right, left) where it covers none of the page's controls and none of
 * `ours()` (our other surfaces). It hides while its target is hidden, scrolled out of view
 * or covered, and while no side is free; one the user asked for (`invited`, a "show me")
 * takes the side that covers least instead. Returns the cleanup.
 */
export function anchor(target: HTMLElement, floating: HTMLElement, ours: () => Box[], invited = false): () => void {
  const doc = target.ownerDocument;
  const win = doc.defaultView ?? window;
  const root = floating.getRootNode();
  let latest = 0;
  const update = () => {
    const n = ++latest;
    const t = boxOf(target);
    const view = { x: 0, y: 0, w: win.innerWidth, h: win.innerHeight };
    // The target and what holds it (a clickable card) are not in the way.
    const page = controls(doc).filter((b) => !(b.x <= t.x && b.y <= t.y && b.x + b.w >= t.x + t.w && b.y + b.h >= t.y + t.h));
    computePosition(target, floating, {
      strategy: 'fixed',
      placement: SIDES[0],
      middleware: [
        offset(8),
        flip({ fallbackPlacements: SIDES.slice(1) }),
        shift({ padding: 8 }),
        clear(page, ours(), view, invited),
        // The viewport as the boundary: a page restyled with `* { all: unset }` makes the
        // clipping-ancestor walk read every ancestor as clipping the target away.
        hide({ boundary: { x: 0, y: 0, width: view.w, height: view.h } }),
      ],
    }).then(({ x, y, middlewareData: m }) => {
      // An earlier computation that took more resets must not land over a later one.
      if (n !== latest) return;
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
