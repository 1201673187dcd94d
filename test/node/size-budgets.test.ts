import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WIDGET_IDS } from '@habitual/widgets/registry';

const root = join(import.meta.dirname, '..', '..');
const budgets: Record<string, number> = JSON.parse(readFileSync(join(root, 'size-budgets.json'), 'utf8')).gzip;
const dist = (file: string) => readFileSync(join(root, 'packages/sdk/dist', file));
const gzip = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const kb = (n: number) => `${+(n / 1024).toFixed(1)} KB`;
// Preact's hook state lives under `__H`, which survives minification.
const PREACT = /__H/;

// `npm test` builds first, so these measure what would ship.
describe('byte budgets (gzip)', () => {
  for (const [file, limit] of Object.entries(budgets)) {
    it(`${file} <= ${limit} B`, () => {
      const size = gzip(dist(file));
      expect(size, `${file} is ${size} B gzip`).toBeLessThanOrEqual(limit);
    });
  }

  it('the README lists the same budgets', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const [file, limit] of Object.entries(budgets)) {
      const shown = limit < 1024 ? `${limit} B` : kb(limit);
      expect(readme, `README row for ${file}`).toMatch(new RegExp(`\\|\\s*\`${file}\`\\s*\\|\\s*${shown}\\s*\\|`));
    }
  });

  it('every file a page can load has a budget (a new chunk needs its own)', () => {
    // snippet.min.js is snippet.html's script, budgeted there.
    const shipped = readdirSync(join(root, 'packages/sdk/dist')).filter((f) => /\.m?js$/.test(f) && f !== 'snippet.min.js');
    expect(
      shipped.filter((f) => !(f in budgets)),
      'files in dist without a budget in size-budgets.json',
    ).toEqual([]);
  });

  it("each widget's view is a chunk of its own, loaded by the widgets' shell", () => {
    const shell = dist('habitual-widgets.js').toString();
    for (const id of WIDGET_IDS) {
      expect(budgets, id).toHaveProperty([`habitual-widget-${id}.js`]);
      // Relative to the shell itself, so it comes from wherever the shell came from.
      expect(shell).toContain(`import("./habitual-widget-${id}.js")`);
      expect(dist(`habitual-widget-${id}.js`).toString()).toMatch(/from"\.\/habitual-widgets\.js"/);
    }
  });

  it("only the widgets' shell carries Preact (the widget chunks import it from there)", () => {
    expect(dist('habitual-widgets.js').toString()).toMatch(PREACT);
    const others = ['habitual.js', 'habitual-engine.js', 'habitual.mjs', ...WIDGET_IDS.map((id) => `habitual-widget-${id}.js`)];
    for (const file of others) expect(dist(file).toString(), file).not.toMatch(PREACT);
  });

  it('habitual.js loads the engine and the widgets from files next to itself', () => {
    const code = dist('habitual.js').toString();
    expect(code).toContain('habitual-engine.js');
    expect(code).toContain('habitual-widgets.js');
  });
});
