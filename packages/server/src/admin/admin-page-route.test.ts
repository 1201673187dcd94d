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
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/admin/admin.js">']);
    const js = await app.request('/admin/admin.js');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await app.request('/health')).headers.get('x-content-type-options')).toBe('nosniff');
    await db.close();
  });
});
