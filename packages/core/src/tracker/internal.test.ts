import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryKV } from '../store/kv';
import { internalOf } from './internal';
import { destroyAll, setup } from './test-setup';

afterEach(destroyAll);

const readme = readFileSync(join(import.meta.dirname, '../../../../README.md'), 'utf8');
const api = readme.slice(readme.indexOf('## API'), readme.indexOf('## What is kept on the device'));
/** The methods the README's API table documents (`init` is the SDK's, not the instance's). */
const documented = [...api.matchAll(/^\| `(\w+)\(/gm)].map((m) => m[1]).filter((name) => name !== 'init');

describe('the instance', () => {
  it("has exactly the README's documented methods as its own enumerable members", () => {
    const { tracker } = setup({}, { openKV: () => memoryKV() });
    expect(documented).toHaveLength(12);
    expect(Object.keys(tracker).sort()).toEqual([...documented].sort());
  });

  it('keeps the widget plumbing behind a Symbol.for handle, out of Object.keys and entries', async () => {
    const { tracker, clock } = setup({ config: { locale: 'fi' } }, { openKV: () => memoryKV() });
    const host = internalOf(tracker);
    await tracker.flush(); // the config in force is the one the keeper has checked
    expect(Object.keys(host).sort()).toEqual([
      'config',
      'count',
      'digestProvider',
      'now',
      'options',
      'profile',
      'report',
      'respond',
      'setWidgetState',
      'share',
      'takeSurvey',
      'timeZone',
      'user',
    ]);
    // Another bundle's copy of core reads the same handle through the registered symbol.
    expect((tracker as unknown as Record<symbol, unknown>)[Symbol.for('habitual.internal')]).toBe(host);
    expect(host.config()).toEqual({ locale: 'fi' });
    expect(host.now()).toBe(clock.t);
    expect(host.timeZone()).toBe('Europe/Helsinki');
    await host.setWidgetState('digest', { day: '2026-11-24' });
    expect(host.profile()?.widgets.digest).toEqual({ day: '2026-11-24' });
    expect(Object.entries(tracker).map(([k]) => k)).not.toContain('config');
  });
});
