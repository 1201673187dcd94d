import { describe, expect, it } from 'vitest';
import { createCollector } from '../create-collector';
import { openPglite } from '../db/open-pglite';

describe('GET /admin', () => {
  it('sends a CSP without inline script, refuses framing and sniffing, and has no inline script', async () => {
    const db = await openPglite();
    const { app } = createCollector({ db });
    const res = await app.request('/admin');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    // Styles come from /admin/admin.css only (uPlot's included): no inline style blocks or attributes.
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/admin/admin.js">']);
    expect(html).not.toMatch(/<style|style=/);
    expect(html).toContain('<link rel="stylesheet" href="/admin/admin.css">');
    // The config editor's preview may be framed by the dashboard itself, and by nothing else.
    const preview = await app.request('/admin/preview');
    expect(preview.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(preview.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const css = await app.request('/admin/admin.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toMatch(/^\/\* uPlot [\d.]+ \(MIT\) \*\/\n\.uplot/);
    const js = await app.request('/admin/admin.js');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await app.request('/health')).headers.get('x-content-type-options')).toBe('nosniff');
    await db.close();
  });
});
