import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundle, freshProject, launchChromium, pack, removeProject, serve, typeErrors } from './packed-project';

// `npm pack` of @habitual/sdk, installed into a fresh project outside the workspace (no
// registry needed: the package has no dependencies), type-checked, bundled with Rollup and
// run in Chromium. `npm test` builds first.

let dir: string;
let browser: Browser | undefined;
let server: Server | undefined;

const tarballs = mkdtempSync(join(tmpdir(), 'habitual-tarballs-'));

beforeAll(() => {
  dir = freshProject('sdk', ['--offline', pack('packages/sdk', tarballs)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dir) removeProject(dir);
  removeProject(tarballs);
});

it('installs with no dependencies, with its licence, readme and types', () => {
  const installed = join(dir, 'node_modules/@habitual/sdk');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  expect(manifest.dependencies ?? {}).toEqual({});
  expect(manifest.license).toBe('MIT');
  expect(manifest.sideEffects).toEqual(['./dist/habitual.js']);
  expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  expect(existsSync(join(installed, 'README.md'))).toBe(true);
  expect(existsSync(join(installed, manifest.exports['.'].types))).toBe(true);
  // Only our own package landed: nothing private came along from the workspace.
  expect(JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')).packages).toEqual({
    '': expect.anything(),
    'node_modules/@habitual/sdk': expect.objectContaining({ version: '0.1.0' }),
  });
});

it('type-checks a customer app against the installed package', () => {
  writeFileSync(
    join(dir, 'app.ts'),
    `import { init, type EngagementState, type HabitualConfig } from '@habitual/sdk';
     const config: HabitualConfig = { features: { 'invoice.sent': { key: true, value: 'invoices' } }, widgets: { records: { enabled: true } } };
     const h = init({ appId: 'ledgerly', writeKey: 'wk_1', config });
     h.track('invoice.sent', { value: 3 });
     export const score = (s: EngagementState | null): number | undefined => s?.score;`,
  );
  writeFileSync(join(dir, 'wrong.ts'), `import { init } from '@habitual/sdk'; init({ appId: 'x' }).track(42);`);
  const errors = typeErrors(dir, ['app.ts', 'wrong.ts']);
  expect(errors['app.ts']).toEqual([]);
  expect(errors['wrong.ts'].join('\n')).toMatch(/writeKey[\s\S]*number.*not assignable/);
}, 60_000);

it('bundles with Rollup (the widgets a lazy chunk of their own) and runs in Chromium', async () => {
  writeFileSync(
    join(dir, 'main.js'),
    `import { init } from '@habitual/sdk';
     const h = init({
       appId: 'pack-test-' + Date.now(), writeKey: 'wk_1', user: { id: 'u1' },
       config: { features: { 'invoice.sent': { key: true, value: 'invoices' } }, widgets: { records: { enabled: true } } },
     });
     h.track('invoice.sent', { value: 1 });
     window.habitual = h;`,
  );
  const files = await bundle(dir, 'main.js');
  const main = readFileSync(join(dir, 'dist/main.js'), 'utf8');
  const chunks = files.filter((f) => f !== 'main.js');
  expect(chunks.length).toBeGreaterThan(0);
  // Preact's hook slot `__H` is in the widgets chunk only.
  expect(main).not.toMatch(/__H/);
  expect(chunks.some((f) => /__H/.test(readFileSync(join(dir, 'dist', f), 'utf8')))).toBe(true);

  const served = await serve(join(dir, 'dist'), '<!doctype html><body><script type="module" src="/main.js"></script></body>');
  server = served.server;
  browser = await launchChromium();
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(served.url);
  await page.waitForFunction(() => document.querySelector('habitual-widgets')?.shadowRoot?.querySelector('.launcher'), undefined, { timeout: 15_000 });
  const uses = await page.evaluate(async () => {
    const h = (
      window as unknown as { habitual: { flush(): Promise<void>; exportData(): Promise<{ days: Array<{ features: Record<string, { n: number }> }> }> } }
    ).habitual;
    await h.flush();
    return (await h.exportData()).days[0].features['invoice.sent'].n;
  });
  expect(uses).toBe(1);
  // The widgets' shell and the one widget this config switches on, no other widget's chunk.
  const widgetFiles = served.requested.filter((p) => p.startsWith('/habitual-widget')).sort();
  expect(widgetFiles).toEqual([expect.stringMatching(/^\/habitual-widget-records-[\w-]+\.js$/), expect.stringMatching(/^\/habitual-widgets-[\w-]+\.js$/)]);
  expect(chunks.filter((f) => f.startsWith('habitual-widget-')).length, 'a chunk per widget in the app bundle').toBeGreaterThan(1);
  expect(errors).toEqual([]);
}, 60_000);
