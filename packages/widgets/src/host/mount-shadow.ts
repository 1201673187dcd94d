import { css as shell } from './styles';
import { VIEWS } from './views';

// The shell's rules and every widget's own, in registry order.
const css =
  shell +
  Object.values(VIEWS)
    .map((v) => v.css ?? '')
    .join('');

// A constructed sheet can only be adopted in the document whose window made it.
const sheets = new WeakMap<Document, CSSStyleSheet>();

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
    if (!sheet) sheets.set(doc, (sheet = new Sheet())), sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else if (!root.querySelector('style')) {
    // Engines without constructable sheets (Safari < 16.4): a <style> element, which a
    // strict CSP blocks unless the page allows 'unsafe-inline' or a nonce for styles.
    const style = doc.createElement('style');
    style.textContent = css;
    root.prepend(style);
  }
  return root;
}
