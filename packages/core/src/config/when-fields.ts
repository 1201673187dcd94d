import { USE_DAYS } from '../engine/recent-uses';
import type { ConfigField } from './config-field';
import { BANDS, DEVICES, LOCALES, STAGES } from './vocabulary';

/** The conditions a `when` may list (see `rules/when.ts`). */
export const WHEN_KEYS = ['stages', 'bands', 'daysSinceFirstSeen', 'used', 'notUsed', 'withinDays', 'stuckOn', 'path', 'traits', 'locale', 'device'] as const;

const list = (name: string, item: Omit<ConfigField, 'path'>): ConfigField[] => [
  { path: name, kind: 'array' },
  { path: `${name}.#`, ...item },
];

/**
 * One `when`'s fields, relative to it. A schema field of kind `when` stands for these (the
 * validator checks them under its path), so the schema and the README list `when` once per
 * place it may appear rather than field by field.
 */
export const WHEN_FIELDS: readonly ConfigField[] = /*#__PURE__*/ whenFields();

function whenFields(): ConfigField[] {
  const whole = { kind: 'int', min: 0 } as const;
  return [
    ...list('stages', { kind: 'string', oneOf: STAGES }),
    ...list('bands', { kind: 'string', oneOf: BANDS }),
    { path: 'daysSinceFirstSeen', kind: 'object', keys: ['min', 'max'], keyNoun: 'bound', atLeastOne: ['min', 'max'] },
    { path: 'daysSinceFirstSeen.min', ...whole },
    { path: 'daysSinceFirstSeen.max', ...whole },
    { path: 'used', kind: 'object', keyRef: 'features' },
    { path: 'used.*', kind: 'int', min: 1 },
    ...list('notUsed', { kind: 'string', ref: 'features' }),
    { path: 'withinDays', kind: 'int', min: 1, max: USE_DAYS, default: 28 },
    ...list('stuckOn', { kind: 'string', ref: 'funnels' }),
    ...list('path', { kind: 'string' }),
    { path: 'traits', kind: 'object' },
    { path: 'traits.*', kind: 'match' },
    ...list('locale', { kind: 'string', oneOf: LOCALES }),
    ...list('device', { kind: 'string', oneOf: DEVICES }),
  ];
}
