import type { MiddlewareHandler } from 'hono';

/**
 * The dashboard's Content-Security-Policy: scripts and styles only from the collector itself
 * (no inline script or style, no eval), requests only to it, never framed. The styles are one
 * file (/admin/admin.css, uPlot's included); uPlot and Preact set element styles through the
 * CSSOM, and the previewed widgets use constructed stylesheets, which this policy allows.
 */
const adminCsp = (framedBy: string) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${framedBy}`,
  ].join('; ');
const ADMIN_CSP = adminCsp("'none'");
// The widget preview is framed by the dashboard itself, and by nothing else.
const PREVIEW_CSP = adminCsp("'self'");

/** `nosniff` on every answer; the dashboard also gets its CSP and may not be framed (its widget preview only by itself). */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('x-content-type-options', 'nosniff');
  if (c.req.path === '/admin' || c.req.path.startsWith('/admin/')) {
    const preview = c.req.path === '/admin/preview';
    c.res.headers.set('content-security-policy', preview ? PREVIEW_CSP : ADMIN_CSP);
    c.res.headers.set('x-frame-options', preview ? 'SAMEORIGIN' : 'DENY');
    c.res.headers.set('referrer-policy', 'no-referrer');
  }
};
