import type { ExperimentSpec, HabitualConfig } from '../config/types';
import { nameSegment, widgetCountName } from '../rollup/reserved';
import { assignVariant, HOLDOUT } from './assign-variant';

/** The experiment a widget's own holdout (`widgets.<id>.holdout`) is: one arm, `on`, and the holdout. */
export const widgetHoldoutId = (widget: string) => `widget-${widget}`;

/** What one user sees of the experiments in a config. */
export interface ExperimentView {
  /** The config with the assigned variants' `config` over the widget (or items) they are about. */
  config: HabitualConfig;
  /** Widget `id` is held out for this user (its own holdout or an experiment's); records the arms asked about. */
  held(widget: string): boolean;
  /** Item `id` (a checklist item's id, a nudge's feature or funnel) is held out by an experiment on items. */
  heldItem(id: string): boolean;
}

type Item = { id?: string; feature?: string; funnel?: string; target?: string };
const itemId = (item: Item) => item.id ?? item.feature ?? item.funnel ?? item.target ?? '';

/**
 * The experiments of `config` for one user: assignment by `assignVariant` from `unit` (the
 * user id, else the device id; undefined while neither is known, when anything with a
 * holdout stays hidden), variants' config applied, and each arm counted once as
 * `hb:exp.<id>.<variant>` through `record` when a widget first asks, so the collector
 * knows who was in which arm from the day rollups alone.
 *
 * @param holdoutOf the widget's own holdout share (its `widgets.<id>.holdout` or its default)
 */
export function experimentView(
  config: HabitualConfig,
  unit: string | undefined,
  holdoutOf: (widget: string) => number,
  record: (name: string) => void,
): ExperimentView {
  const experiments = config.experiments ?? [];
  const arms = new Map<ExperimentSpec, string>();
  const recorded = new Set<string>();
  const arm = (e: ExperimentSpec) => {
    let a = arms.get(e);
    if (a === undefined) arms.set(e, (a = unit === undefined ? HOLDOUT : assignVariant(e, unit)));
    if (unit !== undefined && !recorded.has(e.id)) recorded.add(e.id), record(widgetCountName('exp', nameSegment(a), e.id));
    return a;
  };
  const variantConfig = (e: ExperimentSpec) => (unit === undefined ? undefined : e.variants.find((v) => v.id === assignVariant(e, unit))?.config);

  let widgets = config.widgets;
  for (const e of experiments) {
    const over = variantConfig(e);
    if (!over) continue;
    widgets = { ...widgets };
    const w = widgets as Record<string, Record<string, unknown> | undefined>;
    if (e.widget) w[e.widget] = { ...w[e.widget], ...over };
    for (const name of ['checklist', 'nudges'] as const) {
      const items = w[name]?.items as Item[] | undefined;
      if (e.items && items) w[name] = { ...w[name], items: items.map((it) => (e.items!.includes(itemId(it)) ? { ...it, ...over } : it)) };
    }
  }

  return {
    config: widgets === config.widgets ? config : { ...config, widgets },
    held(widget) {
      const own = holdoutOf(widget);
      let out = own > 0 && arm({ id: widgetHoldoutId(widget), variants: [{ id: 'on' }], holdout: own }) === HOLDOUT;
      for (const e of experiments) if (e.widget === widget && arm(e) === HOLDOUT) out = true;
      return out;
    },
    heldItem: (id) => experiments.some((e) => e.items?.includes(id) && arm(e) === HOLDOUT),
  };
}
