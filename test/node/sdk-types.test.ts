import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';

const entry = join(import.meta.dirname, '..', '..', 'packages/sdk/dist/types/sdk/src/index.js');

/** Type-checks `code` as a customer's project would, against the built declarations only. */
function check(code: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'habitual-types-'));
  const file = join(dir, 'app.ts');
  writeFileSync(file, code.replace('SDK', entry));
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

// `npm test` builds first; these read packages/sdk/dist/types.
it('the published declarations type a customer project, with no workspace package needed', () => {
  const ok = check(`
    import { init, type EngagementState, type HabitualConfig } from 'SDK';
    const config: HabitualConfig = { features: { 'invoice.sent': { key: true, value: 'invoices' } }, widgets: { digest: { enabled: true } } };
    const h = init({ appId: 'ledgerly', writeKey: 'wk_1', user: { id: 'u1', accountId: 'acme' }, config });
    h.track('invoice.sent', { value: 3 });
    h.on('milestone', (m) => m.title.toUpperCase());
    const state: EngagementState | null = h.getState();
    export const score: number | undefined = state?.score;
    export const days = h.exportData().then(({ days }) => days.map((d) => d.features['invoice.sent']?.n ?? 0));
  `);
  expect(ok).toEqual([]);
});

it('and they are real types: a wrong call does not compile', () => {
  const errors = check(`
    import { init } from 'SDK';
    const h = init({ appId: 'ledgerly' });
    h.track(42);
    h.on('milestone', (m) => m.nope);
  `);
  expect(errors.join('\n')).toMatch(/writeKey/);
  expect(errors.join('\n')).toMatch(/number.*not assignable to.*string/);
  expect(errors.join('\n')).toMatch(/nope/);
});
