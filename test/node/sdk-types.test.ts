import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { typeErrors } from './packed-project';

const entry = join(import.meta.dirname, '..', '..', 'packages/sdk/dist/types/sdk/src/index.js');

/** Type-checks `code` as a customer's project would, against the built declarations only. */
function check(code: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'habitual-types-'));
  writeFileSync(join(dir, 'app.ts'), code.replace('SDK', entry));
  return typeErrors(dir, ['app.ts'])['app.ts'];
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
