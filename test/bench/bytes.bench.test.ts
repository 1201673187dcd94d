import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { it } from 'vitest';
import { printTable, root, writeResults } from './stats';

// Bytes on the wire for what a page loads: ours and the tools a team would embed instead.
// Deterministic (no timing), measured from the files npm installed.

const sdk = (f: string) => join(root, 'packages/sdk/dist', f);
const mod = (f: string) => join(root, 'node_modules', f);

const ours: Array<[string, string[]]> = [
  ['snippet (snippet.html)', [sdk('snippet.html')]],
  ['habitual.js (script tag)', [sdk('habitual.js')]],
  ['habitual-engine.js (on idle)', [sdk('habitual-engine.js')]],
  ['habitual-widgets.js (widgets on)', [sdk('habitual-widgets.js')]],
  ['Habitual, full set', [sdk('habitual.js'), sdk('habitual-engine.js'), sdk('habitual-widgets.js')]],
];

const peers: Array<[string, string[]]> = [
  ['posthog-js (dist/array.js)', [mod('posthog-js/dist/array.js')]],
  ['@amplitude/analytics-browser (amplitude-min.js)', [mod('@amplitude/analytics-browser/lib/scripts/amplitude-min.js')]],
  ['@segment/analytics-next (umd/standalone.js)', [mod('@segment/analytics-next/dist/umd/standalone.js')]],
  ['mixpanel-browser (mixpanel.min.js)', [mod('mixpanel-browser/dist/mixpanel.min.js')]],
  ['shepherd.js (js + css)', [mod('shepherd.js/dist/js/shepherd.mjs'), mod('shepherd.js/dist/css/shepherd.css')]],
  ['driver.js (iife + css)', [mod('driver.js/dist/driver.js.iife.js'), mod('driver.js/dist/driver.css')]],
  ['intro.js (min.js + css)', [mod('intro.js/minified/intro.min.js'), mod('intro.js/minified/introjs.min.css')]],
];

const version = (pkg: string) => JSON.parse(readFileSync(mod(`${pkg}/package.json`), 'utf8')).version as string;

function measure(files: string[]) {
  // Each file travels as its own response, so each is compressed on its own.
  let raw = 0,
    gzip = 0,
    brotli = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes).length;
  }
  return { raw, gzip, brotli };
}

it('bytes: ours and the peers', () => {
  const budgets = JSON.parse(readFileSync(join(root, 'size-budgets.json'), 'utf8')).gzip as Record<string, number>;
  const rows = [...ours, ...peers].map(([name, files]) => ({ name, ...measure(files) }));
  const target = (name: string) => {
    const file = Object.keys(budgets).find((f) => name.includes(`(${f})`) || name.startsWith(f));
    if (!file) return '';
    const size = rows.find((r) => r.name === name)!.gzip;
    return `${size <= budgets[file] ? 'within' : 'OVER'} ${budgets[file]} B`;
  };
  printTable(
    'Bytes (each file compressed on its own; gzip -9 and brotli)',
    rows.map((r) => ({ what: r.name, raw: r.raw, gzip: r.gzip, brotli: r.brotli, budget: target(r.name) })),
  );
  const core = rows.find((r) => r.name.startsWith('habitual.js'))!;
  const cheapest = rows.filter((r) => peers.some(([n]) => n === r.name) && /analytics|posthog|mixpanel/.test(r.name)).sort((a, b) => a.gzip - b.gzip)[0];
  console.log(`\nhabitual.js is ${(cheapest.gzip / core.gzip).toFixed(1)}x smaller (gzip) than the smallest analytics peer, ${cheapest.name}.`);
  writeResults('bytes', {
    versions: Object.fromEntries(
      ['posthog-js', '@amplitude/analytics-browser', '@segment/analytics-next', 'mixpanel-browser', 'shepherd.js', 'driver.js', 'intro.js'].map((p) => [
        p,
        version(p),
      ]),
    ),
    rows,
    budgets,
  });
});
