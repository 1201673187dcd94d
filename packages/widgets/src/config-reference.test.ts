import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA, type ConfigField } from '@habitual/core';
import { VIEWS } from './host/views';
import { anyWidgetEnabled, isEnabled, WIDGET_FIELDS, WIDGET_IDS, WIDGETS } from './registry';

const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Config'), readme.indexOf('## The collector'));
/** README rows as `[field, default]`, in order. */
const rows = [...section.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]);

const shown = (path: string) => path.replace(/\.\*/g, '[name]').replace(/\.#/g, '[i]');
const value = (d: unknown) => (d === undefined ? '—' : `\`${typeof d === 'string' ? `'${d}'` : JSON.stringify(d)}\``);
// Pure structure (an object or list with nothing to default) gets no row of its own.
const documented = (f: ConfigField) => !((f.kind === 'object' || f.kind === 'array') && f.default === undefined);
const fields = [...CONFIG_SCHEMA, ...WIDGET_FIELDS].filter(documented);

describe("the README's config table", () => {
  it('lists exactly the schema fields (core and every widget), in schema order', () => {
    expect(rows.map(([field]) => field)).toEqual(fields.map((f) => shown(f.path)));
  });

  it("shows each field's default as the schema has it (— where it is derived, and described)", () => {
    expect(rows.map(([, d]) => d)).toEqual(fields.map((f) => value(f.default)));
  });
});

describe('the widget registry', () => {
  it('names every field once', () => {
    const paths = [...CONFIG_SCHEMA, ...WIDGET_FIELDS].map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("keeps each widget's fields under widgets.<its id>", () => {
    for (const w of WIDGETS) for (const f of w.fields) expect(f.path.startsWith(`widgets.${w.id}.`), f.path).toBe(true);
  });

  it('has a view for every widget, and a custom element only where there is an inline view', async () => {
    for (const w of WIDGETS) {
      const view = await VIEWS[w.id]();
      expect(view, w.id).toBeDefined();
      expect(!!('element' in w && w.element), w.id).toBe(!!view.Inline);
    }
  });

  it("agrees with the SDK's loader: no widget is on by default, so any enabled: true means one is on", () => {
    expect(WIDGETS.filter((w) => w.defaultEnabled)).toEqual([]);
    for (const id of WIDGET_IDS) {
      const config = { widgets: { [id]: { enabled: true } } };
      expect(anyWidgetEnabled(config)).toBe(isEnabled(config, id));
    }
    expect(anyWidgetEnabled({ widgets: { theme: { '--habitual-accent': 'red' } } })).toBe(false);
  });
});
