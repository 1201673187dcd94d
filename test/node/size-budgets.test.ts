import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

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

  it('only the widgets chunk carries Preact', () => {
    expect(dist('habitual-widgets.js').toString()).toMatch(PREACT);
    for (const file of ['habitual.js', 'habitual-engine.js', 'habitual.mjs']) expect(dist(file).toString()).not.toMatch(PREACT);
  });

  it('habitual.js loads the engine and the widgets from files next to itself', () => {
    const code = dist('habitual.js').toString();
    expect(code).toContain('habitual-engine.js');
    expect(code).toContain('habitual-widgets.js');
  });
});
