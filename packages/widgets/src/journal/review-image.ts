import type { MonthReview } from './month-review';

/** What the month-in-review image shows: the card's own words and calendar, in its colours. */
export interface ReviewPicture {
  review: MonthReview;
  title: string;
  lines: string[];
  dir: 'ltr' | 'rtl';
  colors: { bg: string; fg: string; muted: string; accent: string; cell: string };
}

const W = 720;
const PAD = 32;
const CELL = 32;
const STEP = CELL + 6;
const TOP = PAD + 60;
const LINE = 32;

/**
 * Draws the month in review on a canvas and encodes it as PNG (`toBlob`): no markup, no
 * `data:` URL, nothing a strict CSP refuses. Right-to-left locales mirror the layout.
 */
export function reviewImage(doc: Document, p: ReviewPicture): Promise<Blob> {
  const canvas = doc.createElement('canvas');
  const rows = p.review.days.reduce((n, d) => Math.max(n, d.row + 1), 1);
  canvas.width = W;
  canvas.height = TOP + Math.max(rows * STEP, p.lines.length * LINE) + PAD;
  const c = canvas.getContext('2d');
  if (!c) return Promise.reject(new Error('This browser cannot draw the month-in-review image.'));
  const rtl = p.dir === 'rtl';
  const gridW = 7 * STEP;
  // Mirrored x for right-to-left: the calendar on the right, text from the right edge.
  const x = (ltr: number, width = 0) => (rtl ? W - ltr - width : ltr);
  c.fillStyle = p.colors.bg;
  c.fillRect(0, 0, W, canvas.height);
  c.direction = p.dir;
  c.textAlign = rtl ? 'right' : 'left';
  c.textBaseline = 'top';
  c.fillStyle = p.colors.fg;
  c.font = '600 28px system-ui, sans-serif';
  c.fillText(p.title, x(PAD), PAD, W - 2 * PAD);
  const active = new Set(p.review.active);
  for (const d of p.review.days) {
    c.fillStyle = active.has(d.day) ? p.colors.accent : p.colors.cell;
    c.fillRect(x(PAD + d.col * STEP, CELL), TOP + d.row * STEP, CELL, CELL);
  }
  c.font = '20px system-ui, sans-serif';
  p.lines.forEach((line, i) => {
    c.fillStyle = i < 1 ? p.colors.fg : p.colors.muted;
    c.fillText(line, x(PAD + gridW + 24), TOP + i * LINE, W - gridW - 2 * PAD - 24);
  });
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The month-in-review image could not be encoded.'))), 'image/png'),
  );
}
