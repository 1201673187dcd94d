// A host page crowded with buttons (a fixed header with buttons in both top corners, a
// feedback button and a floating action button in the bottom corners, or a tab bar on a
// phone, and sections of text and buttons), and the checks the placement tests run on it.
// Free room is left only where a real app has it: beside the text and the content column.

export const crowdedCss = `
.c-head{position:fixed;top:0;left:0;right:0;height:48px;display:flex;justify-content:space-between;align-items:center;padding:0 8px;background:#eef;z-index:5}
.c-head div,.c-row{display:flex;flex-wrap:wrap;gap:6px}
.c-main{padding:64px 16px 96px;max-width:760px;font:15px/1.5 sans-serif}
.c-main section{margin-bottom:28px}
.c-main p{margin:6px 0}
.c-feedback{position:fixed;left:12px;bottom:12px}
.c-fab{position:fixed;right:12px;bottom:12px;width:56px;height:56px;border-radius:28px}
.c-tabs{display:none}
@media (max-width:479px){
  .c-feedback,.c-fab{display:none}
  .c-tabs{position:fixed;left:0;right:0;bottom:0;height:56px;display:flex;justify-content:space-around;align-items:center;background:#efe;z-index:5}
}`;

const words =
  'Invoices you send from here arrive as a link and a PDF. Customers pay by card or bank transfer, and the payment shows up on the invoice the same day.';

/** `n` sections of a heading, text and a row of buttons; `ids` go on the first buttons of the sections, in order. */
export function crowdedHtml(n = 12, ids: string[] = ['new-customer', 'import', 'send']): string {
  const sections = Array.from({ length: n }, (_, i) => {
    const id = ids[i] ? ` id="${ids[i]}"` : '';
    return `<section><h2>Section ${i + 1}</h2><p>${words}</p><div class="c-row"><button${id}>Action ${i + 1}</button><button>Edit ${i + 1}</button><a href="#s${i}">Open ${i + 1}</a></div></section>`;
  }).join('');
  return `<header class="c-head"><div><button>Menu</button><button>Home</button></div><div><button>Help</button><button>Account</button></div></header>
<main class="c-main">${sections}</main>
<button class="c-feedback">Feedback</button><button class="c-fab" aria-label="New">+</button>
<nav class="c-tabs"><button>Home</button><button>Invoices</button><button>Customers</button><button>More</button></nav>`;
}

const centre = (el: Element) => {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, shown: r.width > 0 && r.height > 0 };
};

/** What of ours is at (x, y): the surface's class, or null when the page is hit there. */
function oursAt(overlay: ShadowRoot, x: number, y: number): string | null {
  if (document.elementFromPoint(x, y) !== overlay.host) return null;
  const hit = overlay.elementFromPoint(x, y);
  const surface = hit?.closest('.launcher, .panel, .digest, .toast, .nudge');
  return surface ? surface.className : (hit?.tagName ?? 'overlay');
}

/**
 * Every control of the page whose centre is in the viewport and hit by one of our surfaces
 * (`allow` names surfaces left out of the count), as "control text under surface class".
 * The page's own fixed header hiding its own content is the page's business, not ours.
 */
export function coveredControls(overlay: ShadowRoot, allow: string[] = []): string[] {
  const out: string[] = [];
  for (const el of document.body.querySelectorAll('button, a[href], input, select, textarea')) {
    const { x, y, shown } = centre(el);
    if (!shown || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const by = oursAt(overlay, x, y);
    if (by && !allow.some((a) => by.includes(a))) out.push(`${el.textContent || el.getAttribute('aria-label')} under ${by}`);
  }
  return out;
}

/** The page's focused element is covered by one of ours (at its centre); null when it is clear. */
export function focusCovered(overlay: ShadowRoot): string | null {
  const el = document.activeElement;
  if (!el || el === document.body || el === overlay.host) return null;
  const { x, y } = centre(el);
  return oursAt(overlay, x, y);
}

/** How many interruptive surfaces (`data-habitual-interruptive`) show in the viewport now. */
export function interruptiveOnScreen(overlay: ShadowRoot): number {
  return [...overlay.querySelectorAll<HTMLElement>('[data-habitual-interruptive]')].filter((el) => {
    const r = el.getBoundingClientRect();
    return el.checkVisibility({ visibilityProperty: true }) && r.width > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
  }).length;
}

/** Pairs of our visible surfaces that overlap, as "a / b". */
export function overlappingSurfaces(overlay: ShadowRoot): string[] {
  const boxes = [...overlay.querySelectorAll<HTMLElement>('.launcher, .panel, .digest, .toast, .nudge')]
    .filter((el) => el.checkVisibility({ visibilityProperty: true }))
    .map((el) => [el.className, el.getBoundingClientRect()] as const);
  const out: string[] = [];
  for (const [i, [a, r]] of boxes.entries()) {
    for (const [b, s] of boxes.slice(i + 1)) {
      if (Math.min(r.right, s.right) - Math.max(r.left, s.left) > 0.5 && Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top) > 0.5) out.push(`${a} / ${b}`);
    }
  }
  return out;
}
