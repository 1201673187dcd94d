import { describe, expect, it } from 'vitest';
import { configDiff } from './config-diff';

describe('configDiff', () => {
  it('lists changed, added and removed leaves by readable path, in path order', () => {
    const before = { widgets: { digest: { enabled: true } }, milestones: [{ id: 'a', title: 'First' }], locale: 'en' };
    const after = { widgets: { digest: { enabled: false }, records: { enabled: true } }, milestones: [{ id: 'a', title: 'First!' }] };
    expect(configDiff(before, after)).toEqual([
      { path: 'locale', kind: 'removed', from: '"en"' },
      { path: 'milestones[0].title', kind: 'changed', from: '"First"', to: '"First!"' },
      { path: 'widgets.digest.enabled', kind: 'changed', from: 'true', to: 'false' },
      { path: 'widgets.records.enabled', kind: 'added', to: 'true' },
    ]);
  });

  it('finds nothing between equal configs, and shows an emptied list as a leaf', () => {
    expect(configDiff({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
    expect(configDiff({ a: [1] }, { a: [] })).toEqual([
      { path: 'a', kind: 'added', to: '[]' },
      { path: 'a[0]', kind: 'removed', from: '1' },
    ]);
  });
});
