import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

// dist/admin.js and dist/admin.css sit next to dist/server.mjs in the bundle, and two folders
// up from this source file when the collector runs from source (tests).
const candidates = (file: string) => [`./${file}`, `../../dist/${file}`].map((p) => fileURLToPath(new URL(p, import.meta.url)));

const ASSETS: Record<string, string> = {
  'admin.js': 'text/javascript; charset=utf-8',
  'admin.css': 'text/css; charset=utf-8',
  'admin-preview.js': 'text/javascript; charset=utf-8',
};

// The frame the config editor previews the widgets in: a stand-in of the customer's page.
const previewPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Widget preview</title>
<link rel="stylesheet" href="/admin/admin.css">
</head>
<body class="preview-page">
<main><h1>Your app</h1><p class="muted">The widgets below run on the real engine with a sample user's state and the config being edited.</p></main>
<script type="module" src="/admin/admin-preview.js"></script>
</body>
</html>`;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Habitual admin</title>
<link rel="stylesheet" href="/admin/admin.css">
</head>
<body>
<main id="habitual-admin"><noscript>The dashboard needs JavaScript.</noscript></main>
<script type="module" src="/admin/admin.js"></script>
</body>
</html>`;

/**
 * `GET /admin`: the dashboard page; `GET /admin/admin.js`: its Preact bundle, and
 * `GET /admin/admin.css`: its styles with uPlot's; `GET /admin/preview` (+ `admin-preview.js`):
 * the config editor's widget preview, framed by the dashboard (all built by `npm run build`).
 */
export function adminPageRoute(app: Hono) {
  app.get('/admin', (c) => c.html(page));
  app.get('/admin/', (c) => c.redirect('/admin'));
  app.get('/admin/preview', (c) => c.html(previewPage));
  for (const [name, type] of Object.entries(ASSETS)) {
    app.get(`/admin/${name}`, (c) => {
      const file = candidates(name).find((p) => existsSync(p));
      if (!file) return c.text(`/* dist/${name} is missing: run \`npm run build\`. */`, 404);
      return c.body(readFileSync(file), 200, { 'content-type': type, 'cache-control': 'no-cache' });
    });
  }
}
