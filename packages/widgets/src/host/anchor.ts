import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';

const find = (doc: Document, selector: string) => {
  try {
    return doc.querySelector<HTMLElement>(selector);
  } catch {
    return null; // an invalid selector from config never matches
  }
};

/** Calls `found` with the first element matching `selector`, now or once it appears. Returns a canceller. */
export function whenPresent(doc: Document, selector: string, found: (el: HTMLElement) => void): () => void {
  const el = find(doc, selector);
  if (el) {
    found(el);
    return () => {};
  }
  const observer = new MutationObserver(() => {
    const el = find(doc, selector);
    if (el) {
      observer.disconnect();
      found(el);
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  return () => observer.disconnect();
}

/**
 * Keeps `floating` next to `target` through scroll, resize and layout shifts; it scrolls out
 * of view with its target (shift works sideways only). Returns the cleanup.
 */
export function anchor(target: HTMLElement, floating: HTMLElement): () => void {
  return autoUpdate(target, floating, () => {
    computePosition(target, floating, {
      strategy: 'fixed',
      placement: 'bottom',
      // No hide(): it reads a page whose root is restyled (`* { all: unset }`) as clipping everything.
      middleware: [offset(8), flip(), shift({ padding: 8 })],
    }).then(({ x, y }) => {
      // A CSSOM write, not a style attribute: allowed under a strict CSP.
      floating.style.transform = `translate(${Math.round(x)}px,${Math.round(y)}px)`;
    });
  });
}
