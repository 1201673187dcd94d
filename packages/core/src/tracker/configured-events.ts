import type { HabitualConfig } from '../config/types';
import { MAX_FEATURES_PER_DAY, type FeaturePolicy } from '../rollup/day-rollup';

/** Every event name the config refers to: these are always kept in a day rollup. */
export function configuredEvents(config: HabitualConfig): Set<string> {
  // The recorder reads the config before the engine has validated it: any shape is survived.
  // biome-ignore lint/suspicious/noExplicitAny: any shape, read defensively with `?.`
  const c = (config ?? {}) as Record<string, any>;
  // biome-ignore lint/suspicious/noExplicitAny: the same unvalidated entries
  const list = (x: unknown): any[] => (Array.isArray(x) ? x : []);
  const names = new Set(c.features && typeof c.features === 'object' ? Object.keys(c.features) : []);
  const add = (name: unknown) => typeof name === 'string' && names.add(name);
  list(c.activation).forEach((s) => add(s?.event));
  list(c.funnels).forEach((f) => (add(f?.start), add(f?.done)));
  list(c.milestones).forEach((m) => add(m?.event));
  list(c.widgets?.checklist?.items).forEach((i) => add(i?.event));
  list(c.widgets?.nudges?.items).forEach((i) => add(i?.feature));
  return names;
}

/**
 * What a stored day keeps under `config`: the configured names plus `other` (up to
 * MAX_FEATURES_PER_DAY names while the config names none), and first-use times of the
 * funnels' steps only.
 */
export function featurePolicyFor(config: HabitualConfig): FeaturePolicy {
  const configured = configuredEvents(config);
  const timed = new Set(Array.isArray(config?.funnels) ? config.funnels.flatMap((f) => [f?.start, f?.done]) : []);
  return {
    keep: (name) => configured.has(name),
    others: configured.size ? 0 : MAX_FEATURES_PER_DAY,
    first: (name) => timed.has(name),
  };
}
