// The TSDoc `@default`s customers read in their editor (`HabitualConfig` in core's
// config/types.ts) against the schema's defaults, which validation, the README table and
// the dashboard editor use: written by hand in two places, so held together here.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA, type ConfigField, WHEN_FIELDS } from '@habitual/core';
import { WIDGET_FIELDS } from './registry';

const FILE = join(import.meta.dirname, '../../core/src/config/types.ts');
const fields = new Map<string, ConfigField>([...CONFIG_SCHEMA, ...WIDGET_FIELDS].map((f) => [f.path, f]));
const whenFields = new Map(WHEN_FIELDS.map((f) => [f.path, f]));

/** Every property reachable from `HabitualConfig` with its config path and its `@default` text. */
function documentedDefaults(): Array<{ path: string; text: string }> {
  const program = ts.createProgram([FILE], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(FILE)!;
  const root = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'HabitualConfig')!;
  const out: Array<{ path: string; text: string }> = [];
  const walk = (type: ts.Type, path: string, depth: number) => {
    if (depth > 8) return;
    for (const part of type.isUnion() ? type.types : [type]) {
      if (part.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.Undefined | ts.TypeFlags.Null)) continue;
      if (checker.isArrayType(part)) {
        walk(checker.getTypeArguments(part as ts.TypeReference)[0], `${path}.#`, depth + 1);
        continue;
      }
      const index = part.getStringIndexType();
      if (index) walk(index, `${path}.*`, depth + 1);
      for (const prop of part.getProperties()) {
        const at = path ? `${path}.${prop.name}` : prop.name;
        const tag = prop.getJsDocTags(checker).find((t) => t.name === 'default');
        if (tag) out.push({ path: at, text: ts.displayPartsToString(tag.text).trim() });
        const decl = prop.valueDeclaration ?? prop.declarations?.[0];
        if (decl) walk(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(prop, decl)), at, depth + 1);
      }
    }
  };
  walk(checker.getTypeAtLocation(root), '', 0);
  return out;
}

/** The schema field at a config path; under a field of kind `when`, the `when` field it stands for. */
function fieldAt(path: string): ConfigField | undefined {
  const own = fields.get(path);
  if (own) return own;
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    if (fields.get(parts.slice(0, i).join('.'))?.kind === 'when') return whenFields.get(parts.slice(i).join('.'));
  }
  return undefined;
}

/** A `@default` written as a literal (`'auto'`, `[]`, `400`, `{ red: 50 }`), else undefined (prose). */
function literal(text: string): { value: unknown } | undefined {
  const json = text.replace(/'/g, '"').replace(/([{,]\s*)([A-Za-z_]\w*)\s*:/g, '$1"$2":');
  try {
    return { value: JSON.parse(json) };
  } catch {
    return undefined;
  }
}

describe('the TSDoc @defaults of HabitualConfig', () => {
  const documented = documentedDefaults();

  it('reads them (the walk reaches widgets, items and when)', () => {
    const paths = documented.map((d) => d.path);
    expect(paths).toContain('locale');
    expect(paths).toContain('attention.perDay');
    expect(paths.some((p) => p.startsWith('widgets.'))).toBe(true);
    expect(paths.some((p) => p.includes('.when.withinDays'))).toBe(true);
  });

  it('name a field the schema has', () => {
    expect(documented.filter((d) => !fieldAt(d.path)).map((d) => d.path)).toEqual([]);
  });

  it('say what the schema says, field by field for an object written out', () => {
    const wrong: string[] = [];
    for (const { path, text } of documented) {
      const field = fieldAt(path);
      const parsed = literal(text);
      if (!field || !parsed) continue;
      const { value } = parsed;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, v] of Object.entries(value)) {
          const d = fieldAt(`${path}.${key}`)?.default;
          if (d !== v) wrong.push(`${path}.${key}: TSDoc ${JSON.stringify(v)}, schema ${JSON.stringify(d)}`);
        }
      } else if (JSON.stringify(field.default) !== JSON.stringify(value)) {
        wrong.push(`${path}: TSDoc ${text}, schema ${JSON.stringify(field.default)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
