import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export const spread = (xs: number[]): Spread => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });

/** `12.3 (11.0–14.9)` */
export const show = (s: Spread, digits = 1): string => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

/** Prints rows as an aligned table. */
export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((v, i) => v.padEnd(width[i])).join('  ');
  console.log(`\n${title}\n${line(cols)}\n${line(width.map((w) => '-'.repeat(w)))}`);
  for (const r of rows) console.log(line(cols.map((c) => String(r[c] ?? ''))));
}

export const root = join(import.meta.dirname, '..', '..');

/**
 * Where a run's results go: bench-results/latest/ (ignored by git, so `npm run bench` leaves
 * tracked files alone), or bench-results/ itself with HABITUAL_BENCH_SAVE=1 (`npm run
 * bench:save`): the committed figures the README quotes.
 */
const resultsDir = join(root, 'bench-results', process.env.HABITUAL_BENCH_SAVE === '1' ? '' : 'latest');

export function writeResults(name: string, data: unknown): void {
  const dir = resultsDir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ at: new Date().toISOString(), ...(data as object) }, null, 2)}\n`);
}
