import type { HabitualConfig } from '../config/types';
import { MAX_FEATURES_PER_DAY, type FeaturePolicy } from '../rollup/day-rollup';

/** Every event name the config refers to: these are always kept in a day rollup. */
export function configuredEvents(config: HabitualConfig): Set<string> {
  const names = new Set(Object.keys(config.features ?? {}));
  const add = (name: unknown) => typeof name === 'string' && names.add(name);
  config.activation?.forEach((s) => add(s.event));
  config.funnels?.forEach((f) => (add(f.start), add(f.done)));
  config.milestones?.forEach((m) => add(m.event));
  config.widgets?.checklist?.items?.forEach((i) => add(i.event));
  config.widgets?.nudges?.items?.forEach((i) => add(i.feature));
  return names;
}

/**
 * What a stored day keeps under `config`: the configured names plus `other` (up to
 * MAX_FEATURES_PER_DAY names while the config names none), and first-use times of the
 * funnels' steps only.
 */
export function featurePolicyFor(config: HabitualConfig): FeaturePolicy {
  const configured = configuredEvents(config);
  const timed = new Set(config.funnels?.flatMap((f) => [f.start, f.done]));
  return {
    keep: (name) => configured.has(name),
    others: configured.size ? 0 : MAX_FEATURES_PER_DAY,
    first: (name) => timed.has(name),
  };
}
