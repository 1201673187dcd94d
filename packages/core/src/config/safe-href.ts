// Parsing against a base resolves a link as the browser will, after it strips tabs,
// newlines and leading control characters: `java\tscript:` and `\x01javascript:` are
// `javascript:` to the browser, so they must be to this check too.
const BASE = 'https://habitual.invalid/';
const ALLOWED = ['http:', 'https:', 'mailto:'];

/**
 * `href` when it is safe to render as a link from config (http:, https:, mailto: or a
 * relative URL, resolved against `base`, the page's URL by default), else undefined.
 * The widgets filter every config link through it and config validation rejects the rest.
 */
export function safeHref(href: unknown, base: string = globalThis.location?.href ?? BASE): string | undefined {
  if (typeof href !== 'string' || !href) return undefined;
  try {
    return ALLOWED.includes(new URL(href, base).protocol) ? href : undefined;
  } catch {
    return undefined; // not a URL at all
  }
}
