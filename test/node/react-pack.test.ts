import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, freshProject, launchChromium, pack, removeProject, serve, typeErrors } from './packed-project';

// `npm pack` of @habitual/react and @habitual/sdk, installed into fresh projects outside the
// workspace with React 18 and with React 19 (from npm's cache, else the registry), then:
// rendered on the server by react-dom/server in a plain Node process that traps every
// browser global, type-checked, bundled with Rollup and run in Chromium. `npm test` builds first.

const tarballs = mkdtempSync(join(tmpdir(), 'habitual-tarballs-'));
let packed: string[] = [];
let browser: Browser | undefined;

beforeAll(async () => {
  packed = [pack('packages/sdk', tarballs), pack('packages/react', tarballs)];
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  removeProject(tarballs);
});

it('React stays out of every other bundle', () => {
  const sdk = join(import.meta.dirname, '../../packages/sdk/dist');
  for (const file of ['habitual.js', 'habitual-engine.js', 'habitual-widgets.js', 'habitual.mjs']) {
    expect(readFileSync(join(sdk, file), 'utf8'), file).not.toMatch(/["']react(-dom)?["']|react\.(transitional\.)?element/);
  }
  const bindings = readFileSync(join(import.meta.dirname, '../../packages/react/dist/habitual-react.mjs'), 'utf8');
  expect(bindings).toMatch(/^import \{ init \} from '@habitual\/sdk';\nimport \{[^}]+\} from 'react';/);
});

// Every global a browser-only code path would reach for; reading one is recorded.
const SSR = `
const touched = [];
for (const name of ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB',
  'customElements', 'HTMLElement', 'requestIdleCallback', 'requestAnimationFrame', 'self', 'matchMedia']) {
  Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
}
const { createElement: h } = await import('react');
const { renderToString } = await import('react-dom/server');
const { HabitualProvider, useEngagement, useTrack, Checklist, Records, Digest } = await import('@habitual/react');
function Score() {
  const state = useEngagement();
  useTrack()('page.rendered');
  return h('p', null, state ? 'score ' + state.score : 'no state yet');
}
const html = renderToString(h(HabitualProvider, { options: { appId: 'ssr', writeKey: 'wk_1' } },
  h(Score), h(Checklist, { className: 'side' }), h(Records), h(Digest)));
console.log(JSON.stringify({ html, touched }));
`;

const APP = `
import { createElement as h, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { HabitualProvider, Records, useEngagement, useTrack } from '@habitual/react';

function Invoices() {
  const state = useEngagement();
  const track = useTrack();
  // Runs before the provider's own effect starts the instance: the call waits in the queue.
  useEffect(() => track('invoice.sent', { value: 2 }), [track]);
  return h('p', { id: 'sent' }, state ? 'sent ' + (state.totals['invoice.sent']?.value ?? 0) : 'waiting');
}

const appId = 'react-pack-' + Date.now();
const config = { features: { 'invoice.sent': { key: true, value: 'invoices' } }, widgets: { records: { enabled: true } } };

function App() {
  // A new user object (same app, same config) moves the instance to that user: identify().
  const [user, setUser] = useState('u1');
  window.switchUser = setUser;
  return h(HabitualProvider, { options: { appId, writeKey: 'wk_1', user: { id: user }, config } }, h(Invoices), h(Records, { id: 'records' }));
}
createRoot(document.getElementById('root')).render(h(App));
`;

describe.each(['18', '19'])('@habitual/react with React %s', (major) => {
  let dir: string;
  beforeAll(() => {
    dir = freshProject(`react${major}`, [...packed, `react@${major}`, `react-dom@${major}`, `@types/react@${major}`]);
  }, 180_000);
  afterAll(() => dir && removeProject(dir));

  it('renders on the server with react-dom/server and touches no browser global', () => {
    writeFileSync(join(dir, 'ssr.mjs'), SSR);
    const out = spawnSync(process.execPath, ['ssr.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(out.stderr).toBe('');
    const { html, touched } = JSON.parse(out.stdout);
    expect(touched).toEqual([]);
    expect(html).toContain('<p>no state yet</p>');
    expect(html).toMatch(/<habitual-checklist class="side"><\/habitual-checklist><habitual-records><\/habitual-records><habitual-digest><\/habitual-digest>/);
  });

  it('type-checks a React app against the installed packages', () => {
    writeFileSync(
      join(dir, 'app.ts'),
      `import { createElement as h } from 'react';
       import { HabitualProvider, Checklist, useEngagement, useSurvey, useTrack, type EngagementState } from '@habitual/react';
       export function Score() {
         const state: EngagementState | null = useEngagement();
         const track = useTrack();
         const survey = useSurvey();
         track('invoice.sent', { value: 1 });
         return h('p', { onClick: () => survey('exit') }, state?.score ?? 0);
       }
       export const app = h(HabitualProvider, { options: { appId: 'a', writeKey: 'w' } }, h(Score), h(Checklist, { className: 'x' }));
       // @ts-expect-error: options need a writeKey
       export const bad = h(HabitualProvider, { options: { appId: 'a' } });`,
    );
    expect(typeErrors(dir, ['app.ts'])['app.ts']).toEqual([]);
  }, 60_000);

  it('bundles with Rollup and runs in Chromium: live state, track before start, an inline widget, a user change', async () => {
    writeFileSync(join(dir, 'main.js'), APP);
    await bundle(dir, 'main.js');
    const main = readFileSync(join(dir, 'dist/main.js'), 'utf8');
    expect(main).not.toMatch(/__H/); // Preact stays in the widgets chunk
    const served = await serve(join(dir, 'dist'), '<!doctype html><body><div id="root"></div><script type="module" src="/main.js"></script></body>');
    try {
      const page = await browser!.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(served.url);
      await page.waitForFunction(() => document.getElementById('sent')?.textContent === 'sent 2', undefined, { timeout: 20_000 });
      await page.waitForFunction(() => document.getElementById('records')?.shadowRoot?.textContent?.includes('Records'), undefined, { timeout: 20_000 });
      // Another user: their own (empty) record, on the same instance.
      await page.evaluate(() => (window as unknown as { switchUser(id: string): void }).switchUser('u2'));
      await page.waitForFunction(() => document.getElementById('sent')?.textContent === 'sent 0', undefined, { timeout: 20_000 });
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      served.server.close();
    }
  }, 60_000);
});
