import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Plugin } from 'vitest/config';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'packages/sdk/dist');
const fixtures = join(import.meta.dirname, 'fixtures');

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Serves the built bundles (`/habitual.js`, ...) and fixture pages (`/fixtures/*.html`)
 * from the test server's own origin, untouched by Vite, so browser tests load exactly
 * what a customer's page loads and can reach into same-origin iframes. A fixture page's
 * `<!--snippet-->` (a fixture script's `/*snippet*\/`) becomes the real snippet from dist;
 * `?csp=strict` adds a strict Content-Security-Policy header. A cookie `habitual-fail=<file>`
 * makes that bundle file answer 404, as a CDN that lost it would (a page's chunk requests
 * carry its cookies, not its query).
 */
export function serveFixtures(): Plugin {
  return {
    name: 'habitual-fixtures',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const path = normalize(url.pathname);
        const file = path.startsWith('/fixtures/')
          ? join(fixtures, path.slice('/fixtures/'.length))
          : /^\/habitual[\w.-]*\.(m?js|map)$/.test(path)
            ? join(dist, path)
            : undefined;
        if (!file?.startsWith(root) || !existsSync(file)) return next();
        const fail = /(?:^|;\s*)habitual-fail=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
        if (fail && path === `/${fail}`) {
          res.statusCode = 404;
          return res.end();
        }
        let body: string | Buffer = readFileSync(file);
        // The real snippet from dist: `<!--snippet-->` in a page, `/*snippet*/` in a script.
        if (file.endsWith('.html') || file.endsWith('.js')) {
          const snippet = readFileSync(join(dist, 'snippet.min.js'), 'utf8');
          body = body.toString().replace('<!--snippet-->', `<script>${snippet}</script>`).replace('/*snippet*/', snippet);
        }
        const ext = file.slice(file.lastIndexOf('.'));
        res.setHeader('Content-Type', types[ext] ?? 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-store');
        if (url.searchParams.get('csp') === 'strict') res.setHeader('Content-Security-Policy', "default-src 'self'");
        res.end(body);
      });
    },
  };
}
