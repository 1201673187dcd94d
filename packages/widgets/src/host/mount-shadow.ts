import { onViews, viewsCss } from './load-views';
import { css as shell } from './styles';

// The shell's rules and those of every widget view loaded so far, in registry order.
const css = () => shell + viewsCss();

// A constructed sheet can only be adopted in the document whose window made it.
const sheets = new WeakMap<Document, CSSStyleSheet>();
// Every sheet and fallback <style> made, to add the rules of views that arrive later.
const written = new Set<CSSStyleSheet | HTMLStyleElement>();
onViews(() => {
  const text = css();
  for (const to of written) 'replaceSync' in to ? to.replaceSync(text) : (to.textContent = text);
});

/**
 * Gives `host` an open shadow root with the widgets' stylesheet. Every widget host (the
 * overlay and each custom element) goes through here.
 */
export function mountShadow(host: HTMLElement): ShadowRoot {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const doc = host.ownerDocument;
  const Sheet = doc.defaultView?.CSSStyleSheet;
  if ('adoptedStyleSheets' in root && Sheet && 'replaceSync' in Sheet.prototype) {
    // One constructed sheet shared by every root in the document: CSSOM, so a strict CSP
    // without 'unsafe-inline' allows it.
    let sheet = sheets.get(doc);
    if (!sheet) sheets.set(doc, (sheet = new Sheet())), sheet.replaceSync(css()), written.add(sheet);
    root.adoptedStyleSheets = [sheet];
  } else if (!root.querySelector('style')) {
    // Engines without constructable sheets (Safari < 16.4): a <style> element, which a
    // strict CSP blocks unless the page allows 'unsafe-inline' or a nonce for styles.
    const style = doc.createElement('style');
    style.textContent = css();
    written.add(style);
    root.prepend(style);
  }
  return root;
}
