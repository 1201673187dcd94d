import type { ConfigField } from './config-field';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);

/**
 * What is wrong with the experiments' variant configs: each is laid over its widget's config
 * and checked with that widget's fields, as the users in the variant will get it, so a variant
 * cannot put in force what the config itself could not. Paths name the variant's key. The
 * collector runs it on every config it saves (`validateAppConfig`); devices take configs from
 * it, so their bundles leave it out.
 *
 * @param check `validateFields`
 */
export function variantProblems(
  config: unknown,
  fields: readonly ConfigField[],
  check: (config: unknown, fields: readonly ConfigField[]) => Array<{ path: string; message: string }>,
): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  if (!isObj(config)) return out;
  const experiments = Array.isArray(config.experiments) ? config.experiments : [];
  experiments.forEach((e: unknown, i) => {
    if (!isObj(e) || typeof e.widget !== 'string' || !Array.isArray(e.variants)) return;
    const prefix = `widgets.${e.widget}`;
    const own = fields.filter((f) => f.path === prefix || f.path.startsWith(`${prefix}.`));
    const base = isObj(config.widgets) && isObj(config.widgets[e.widget]) ? config.widgets[e.widget] : {};
    e.variants.forEach((v: unknown, j) => {
      if (!isObj(v) || !isObj(v.config)) return;
      const keys = Object.keys(v.config);
      for (const p of check({ widgets: { [e.widget as string]: { ...(base as Obj), ...v.config } } }, own)) {
        // The widget's own problems are reported at their own path; here only the variant's keys.
        if (keys.includes(p.path.slice(prefix.length + 1).split('.')[0]))
          out.push({ path: `experiments.${i}.variants.${j}.config${p.path.slice(prefix.length)}`, message: p.message });
      }
    });
  });
  return out;
}
