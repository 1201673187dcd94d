import { openRoots } from './open-roots';

/** A box in viewport coordinates. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What users act on: placement keeps these clear. */
export const INTERACTIVE =
  'a[href],button,input,select,textarea,summary,[tabindex]:not([tabindex="-1"]),[role=button],[role=link],[role=tab],[contenteditable=""],[contenteditable=true]';

export const boxOf = (el: Element): Box => {
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.top, w: r.width, h: r.height };
};

/**
 * The boxes of the page's interactive elements that show in the viewport (inside open shadow
 * roots too; the overlay's own never), at most 2000. Measured afresh each time: a cache of
 * even one frame misses a scroll that happened since.
 */
export function controls(doc: Document): Box[] {
  const win = doc.defaultView!;
  const boxes: Box[] = [];
  for (const root of [doc, ...openRoots(doc)]) {
    for (const el of root.querySelectorAll(INTERACTIVE)) {
      if (boxes.length === 2000) break;
      const b = boxOf(el);
      if (b.w && b.h && b.x < win.innerWidth && b.y < win.innerHeight && b.x + b.w > 0 && b.y + b.h > 0) boxes.push(b);
    }
  }
  return boxes;
}
