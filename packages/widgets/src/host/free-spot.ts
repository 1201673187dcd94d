import type { Box } from './controls';

const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

const holds = (r: Box, x: number, y: number) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;

/**
 * What putting a surface at `r` would cost: 1 for each control whose centre it covers, the
 * covered share (halved) of a control it only clips, 100 for each of our own surfaces it
 * overlaps, 1000 for each `heavy` box (the control that has focus or the pointer).
 */
export function cost(r: Box, controls: Box[], ours: Box[] = [], heavy: Box[] = []): number {
  let c = 0;
  for (const o of controls) {
    const a = overlap(r, o);
    if (a) c += holds(r, o.x + o.w / 2, o.y + o.h / 2) ? 1 : a / (o.w * o.h) / 2;
  }
  for (const o of ours) if (overlap(r, o)) c += 100;
  for (const o of heavy) if (overlap(r, o)) c += 1000;
  return c;
}

/**
 * Places for a `w`×`h` surface along the edges of `view`, `m` in from them: the corners, the
 * quarters of the top and bottom edges, eighths down the sides. With `column`, only the
 * left edge, in sixteenths (full-width toasts on a phone).
 */
export function spots(view: Box, w: number, h: number, m: number, column?: boolean): Box[] {
  const x0 = view.x + m;
  const y0 = view.y + m;
  const dx = view.w - w - 2 * m;
  const dy = view.h - h - 2 * m;
  const out: Box[] = [];
  for (let i = 0; i <= 16; i++) {
    const f = i / 16;
    if (column) out.push({ x: x0, y: y0 + f * dy, w, h });
    else if (i % 4 === 0) out.push({ x: x0 + f * dx, y: y0, w, h }, { x: x0 + f * dx, y: y0 + dy, w, h });
    else if (i % 2 === 0) out.push({ x: x0, y: y0 + f * dy, w, h }, { x: x0 + dx, y: y0 + f * dy, w, h });
  }
  return out;
}

/**
 * The cheapest of `candidates` by `price`; among equals the one nearest (`nx`, `ny`). The
 * surface stays at `current` unless another place is strictly cheaper, so it does not hop
 * about while the page scrolls.
 */
export function pickSpot(candidates: Box[], price: (b: Box) => number, nx: number, ny: number, current?: Box): [Box, number] {
  let best = candidates[0];
  let min = Infinity;
  let paid = 0;
  for (const b of candidates) {
    const p = price(b);
    const c = p + Math.hypot(b.x + b.w / 2 - nx, b.y + b.h / 2 - ny) * 1e-6;
    if (c < min) (best = b), (min = c), (paid = p);
  }
  const stay = current && price(current);
  return stay !== undefined && stay <= paid ? [current!, stay] : [best, paid];
}
