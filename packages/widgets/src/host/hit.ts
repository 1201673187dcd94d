/** The element at (`x`, `y`) of the viewport, looking through open shadow roots (the page's and ours). */
function hitAt(doc: Document, x: number, y: number): Element | null {
  let el = doc.elementFromPoint(x, y);
  for (let inner: Element | null; el?.shadowRoot && (inner = el.shadowRoot.elementFromPoint(x, y)) && inner !== el; ) el = inner;
  return el;
}

/** `el` is `target` or inside it, across shadow boundaries. */
function within(target: Element, el: Element | null): boolean {
  for (; el; el = (el.getRootNode() as ShadowRoot).host ?? null) if (target.contains(el)) return true;
  return false;
}

/** Something else (the page's own dialog, a scroll container's edge, one of ours) is over the centre of `target`. */
export function isCovered(target: Element): boolean {
  const r = target.getBoundingClientRect();
  return !within(target, hitAt(target.ownerDocument, r.left + r.width / 2, r.top + r.height / 2));
}
