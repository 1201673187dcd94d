import { css } from './styles';

let sheet: CSSStyleSheet | undefined;

/**
 * Gives `host` an open shadow root with the widgets' stylesheet. Every widget host (the
 * overlay and each custom element) goes through here.
 */
export function mountShadow(host: HTMLElement): ShadowRoot {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    // One constructed sheet shared by every root: CSSOM, so a strict CSP without
    // 'unsafe-inline' allows it.
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else if (!root.querySelector('style')) {
    // Engines without constructable sheets (Safari < 16.4): a <style> element, which a
    // strict CSP blocks unless the page allows 'unsafe-inline' or a nonce for styles.
    const style = host.ownerDocument.createElement('style');
    style.textContent = css;
    root.prepend(style);
  }
  return root;
}
