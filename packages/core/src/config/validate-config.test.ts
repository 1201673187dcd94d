import { describe, expect, it } from 'vitest';
import type { ConfigField } from './config-field';
import { validateConfig, validateFields } from './validate-config';

describe('an empty config', () => {
  it('is checked for required top-level keys only, without preparing the schema', () => {
    expect(validateConfig({})).toEqual([]);
    const schema: ConfigField[] = [
      { path: 'name', kind: 'string', required: true },
      { path: 'items', kind: 'array' },
      { path: 'items.#.id', kind: 'string', required: true },
    ];
    expect(validateFields({}, schema)).toEqual([{ path: 'name', message: 'is missing: it must be a non-empty string' }]);
    expect(validateFields({ name: 'a' }, schema)).toEqual([]);
    expect(validateFields({ items: [{}] }, schema)).toEqual([
      { path: 'name', message: 'is missing: it must be a non-empty string' },
      { path: 'items.0.id', message: 'is missing: it must be a non-empty string' },
    ]);
  });
});
