import type { HabitualConfig } from '../config/types';
import { MAX_FEATURES_PER_DAY, type FeaturePolicy } from './day-rollup';
import { isReserved } from './reserved';

/**
 * Every event name the config mentions anywhere (features, activation, funnels, milestones,
 * checklist and nudge items). One list serves the write path (what a stored day keeps) and
 * the wire (what leaves the device under its own name), so the two can never disagree.
 */
export function configuredEvents(config: HabitualConfig): Set<string> {
  const names = new Set(Object.keys(config.features ?? {}));
  const add = (name: string | undefined) => name && names.add(name);
  for (const step of config.activation ?? []) add(step.event);
  for (const f of config.funnels ?? []) add(f.start), add(f.done);
  for (const m of config.milestones ?? []) add(m.event);
  for (const item of config.widgets?.checklist?.items ?? []) add(item.event);
  for (const item of config.widgets?.nudges?.items ?? []) add(item.feature);
  return names;
}

/**
 * Whether a day keeps `name` under its own name, on the device and on the wire: a configured
 * event, or a widget's own count (`hb:`, bounded by the config's widgets and items).
 */
export const keepsName = (configured: Set<string>, name: string): boolean => configured.has(name) || isReserved(name);

/**
 * What a stored day keeps under a validated `config`: the configured names and the widgets'
 * counts plus `other` (up to MAX_FEATURES_PER_DAY names while the config names none), and
 * first-use times of the funnels' steps only.
 */
export function featurePolicyFor(config: HabitualConfig): FeaturePolicy {
  const configured = configuredEvents(config);
  const timed = new Set((config.funnels ?? []).flatMap((f) => [f.start, f.done]));
  return {
    keep: (name) => keepsName(configured, name),
    others: configured.size ? 0 : MAX_FEATURES_PER_DAY,
    first: (name) => timed.has(name),
  };
}
