import { defaultOf, DEFAULT_RETENTION_DAYS, engagementDefaults } from './defaults';
import { localText } from './local-text';
import type { ChecklistItem, HabitualConfig, Locale, MilestoneSpec, ResolvedEngagement } from './types';
import { assertConfig } from './validate-config';

export type { ResolvedEngagement } from './types';

interface ResolvedFeature {
  label: string;
  key: boolean;
  weight: number;
  value?: string;
  core: boolean;
}

/**
 * A config with every default filled in: what the engine reads. Its texts are plain strings,
 * in English (or the first locale given): the widgets show the config's own texts in the
 * user's language, and the engine's labels serve the collector and host callbacks.
 */
export interface ResolvedConfig {
  locale: 'auto' | Locale;
  features: Record<string, ResolvedFeature>;
  engagement: ResolvedEngagement;
  activation: Array<{ event: string; count: number; label: string }>;
  funnels: Array<{ id: string; start: string; done: string; withinDays: number; label: string; help?: { text: string; href?: string } }>;
  milestones: Array<MilestoneSpec & { title: string }>;
  checklist: Array<ChecklistItem & { count: number; label: string; help?: string }>;
  widgets: NonNullable<HabitualConfig['widgets']>;
  retentionDays: number;
}

const cache = new WeakMap<object, ResolvedConfig>();

/**
 * Validates a config and fills every default. Throws one clear error (see `assertConfig`)
 * rather than mixing a bad value into the defaults. Results are cached per config object,
 * so treat a config as immutable and pass a new object to change it.
 */
export function resolveConfig(config: HabitualConfig | undefined): ResolvedConfig {
  const key = config ?? EMPTY;
  const hit = cache.get(key);
  if (hit) return hit;
  assertConfig(config);
  const c = config ?? {};
  const features: Record<string, ResolvedFeature> = {};
  for (const name in c.features ?? {}) {
    const f = c.features![name];
    features[name] = {
      label: localText(f.label) ?? name,
      key: f.key ?? (defaultOf('features.*.key') as boolean),
      weight: f.weight ?? (defaultOf('features.*.weight') as number),
      value: localText(f.value),
      core: f.core ?? f.value !== undefined,
    };
  }
  const resolved: ResolvedConfig = {
    locale: c.locale ?? (defaultOf('locale') as 'auto'),
    features,
    // The fields without defaults (the drivers model, the percentiles) pass through as given.
    engagement: { ...c.engagement, ...filled(engagementDefaults(), c.engagement) } as ResolvedEngagement,
    activation: (c.activation ?? []).map((a) => ({
      event: a.event,
      count: a.count ?? STEP_COUNT,
      label: localText(a.label ?? c.features?.[a.event]?.label) ?? a.event,
    })),
    funnels: (c.funnels ?? []).map((f) => ({
      id: f.id,
      start: f.start,
      done: f.done,
      withinDays: f.withinDays ?? (defaultOf('funnels.#.withinDays') as number),
      label: localText(f.label ?? f.help?.text ?? c.features?.[f.done]?.label) ?? f.id,
      help: f.help && { ...f.help, text: localText(f.help.text)! },
    })),
    milestones: (c.milestones ?? []).map((m) => ({ ...m, title: localText(m.title)! })),
    checklist: (c.widgets?.checklist?.items ?? []).map((it) => ({
      ...it,
      count: it.count ?? STEP_COUNT,
      label: localText(it.label)!,
      help: localText(it.help),
    })),
    widgets: c.widgets ?? {},
    retentionDays: c.retentionDays ?? DEFAULT_RETENTION_DAYS,
  };
  cache.set(key, resolved);
  return resolved;
}

const EMPTY: HabitualConfig = {};
const STEP_COUNT = /*#__PURE__*/ defaultOf('activation.#.count') as number;

type Tree = { [key: string]: unknown };
const isTree = (x: unknown): x is Tree => !!x && typeof x === 'object' && !Array.isArray(x);

/** `given` over `defaults`, object by object; a missing or explicitly undefined value keeps the default. */
function filled(defaults: object, given: object | undefined): Tree {
  const out: Tree = {};
  for (const [k, d] of Object.entries(defaults)) {
    const g = (given as Tree | undefined)?.[k];
    out[k] = isTree(d) ? filled(d, isTree(g) ? g : undefined) : (g ?? d);
  }
  return out;
}
