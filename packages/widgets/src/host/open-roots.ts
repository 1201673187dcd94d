const cache = new WeakMap<Document, { at: number; roots: ShadowRoot[] }>();

/**
 * The page's open shadow roots, nested ones included and the overlay's own left out. Walking
 * every element costs, so a list up to `maxAge` ms old is reused.
 */
export function openRoots(doc: Document, maxAge = 500): ShadowRoot[] {
  const now = Date.now();
  const hit = cache.get(doc);
  if (hit && now - hit.at < maxAge) return hit.roots;
  const roots: ShadowRoot[] = [];
  const walk = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot && !el.hasAttribute('data-overlay')) roots.push(el.shadowRoot), walk(el.shadowRoot);
    }
  };
  walk(doc);
  cache.set(doc, { at: now, roots });
  return roots;
}
