import type { HabitualConfig } from '../config/types';

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
