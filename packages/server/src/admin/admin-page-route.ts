import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

// dist/admin.js sits next to dist/server.mjs in the bundle, and two folders up from this
// source file when the collector runs from source (tests).
const candidates = ['./admin.js', '../../dist/admin.js'].map((p) => fileURLToPath(new URL(p, import.meta.url)));

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Habitual admin</title>
<style>
  :root { font: 15px/1.45 system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
  body { margin: 0; }
  main { max-width: 1100px; margin: 0 auto; padding: 24px; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #e4e7ec; vertical-align: top; }
  th { font-weight: 600; font-size: 13px; color: #5b6475; }
  button, input, select, textarea { font: inherit; }
  button { padding: 6px 12px; border: 1px solid #c9ced8; border-radius: 6px; background: #fff; cursor: pointer; }
  button.primary { background: #2b59c3; color: #fff; border-color: #2b59c3; }
  .band { display: inline-block; min-width: 2.5em; padding: 2px 8px; border-radius: 10px; color: #fff; text-align: center; }
  .band.red { background: #c62828; } .band.yellow { background: #b7791f; } .band.green { background: #2e7d32; }
  .error { color: #b00020; } .muted { color: #5b6475; } nav { display: flex; gap: 12px; margin-bottom: 16px; align-items: center; }
  fieldset { background: #fff; border: 1px solid #e4e7ec; border-radius: 8px; margin: 0 0 12px; }
  label { display: block; margin: 4px 0; }
  textarea { width: 100%; min-height: 140px; font-family: ui-monospace, monospace; font-size: 13px; }
</style>
</head>
<body>
<main id="habitual-admin"><noscript>The dashboard needs JavaScript.</noscript></main>
<script type="module" src="/admin/admin.js"></script>
</body>
</html>`;

/** `GET /admin`: the dashboard page; `GET /admin/admin.js`: its Preact bundle (built by `npm run build`). */
export function adminPageRoute(app: Hono) {
  app.get('/admin', (c) => c.html(page));
  app.get('/admin/', (c) => c.redirect('/admin'));
  app.get('/admin/admin.js', (c) => {
    const file = candidates.find((p) => existsSync(p));
    if (!file) return c.text('// dist/admin.js is missing: run `npm run build`.', 404);
    return c.body(readFileSync(file), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  });
}
