import { DEFAULT_FEATURE_WEIGHT, DEFAULT_FUNNEL_WITHIN_DAYS, DEFAULT_RETENTION_DAYS, DEFAULT_STEP_COUNT, ENGAGEMENT_DEFAULTS as D } from './defaults';
import type { ChecklistItem, HabitualConfig, MilestoneSpec, ScoreMeasure } from './types';
import { assertConfig } from './validate-config';

export interface ResolvedFeature {
  label: string;
  key: boolean;
  weight: number;
  value?: string;
  core: boolean;
}

export interface ResolvedEngagement {
  activeMinutes: number;
  streak: { period: 'day' | 'weekday' | 'week'; freezeEvery: number; maxFreezes: number };
  onboardingDays: number;
  stuckDays: number;
  intensityTarget: number;
  frequencyTarget: number;
  weights: Record<ScoreMeasure, number>;
  power: { l7: number; l28: number; breadth: number; leaveBelowL28: number };
  engagedL28: number;
  bands: { red: number; yellow: number };
  newDays: number;
  atRiskDays: number;
  dormantDays: number;
  returnDays: number;
  momentum: { halfLifeDays: number; baselineDays: number; minHistoryDays: number; atRiskBelow: number };
}

/** A config with every default filled in: what the engine reads. */
export interface ResolvedConfig {
  locale: 'auto' | 'en' | 'zh' | 'fi';
  features: Record<string, ResolvedFeature>;
  engagement: ResolvedEngagement;
  activation: Array<{ event: string; count: number; label: string }>;
  funnels: Array<{ id: string; start: string; done: string; withinDays: number; label: string; help?: { text: string; href?: string } }>;
  milestones: MilestoneSpec[];
  checklist: Array<ChecklistItem & { count: number }>;
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
  const e = c.engagement ?? {};
  const features: Record<string, ResolvedFeature> = {};
  for (const name in c.features ?? {}) {
    const f = c.features![name];
    features[name] = {
      label: f.label ?? name,
      key: f.key ?? false,
      weight: f.weight ?? DEFAULT_FEATURE_WEIGHT,
      value: f.value,
      core: f.core ?? f.value !== undefined,
    };
  }
  const resolved: ResolvedConfig = {
    locale: c.locale ?? 'auto',
    features,
    engagement: {
      activeMinutes: e.activeMinutes ?? D.activeMinutes,
      streak: {
        period: e.streak?.period ?? D.streak.period,
        freezeEvery: e.streak?.freezeEvery ?? D.streak.freezeEvery,
        maxFreezes: e.streak?.maxFreezes ?? D.streak.maxFreezes,
      },
      onboardingDays: e.onboardingDays ?? D.onboardingDays,
      stuckDays: e.stuckDays ?? D.stuckDays,
      intensityTarget: e.intensityTarget ?? D.intensityTarget,
      frequencyTarget: e.frequencyTarget ?? D.frequencyTarget,
      weights: { ...D.weights, ...e.weights } as Record<ScoreMeasure, number>,
      power: { ...D.power, ...e.power },
      engagedL28: e.engagedL28 ?? D.engagedL28,
      bands: { ...D.bands, ...e.bands },
      newDays: e.newDays ?? D.newDays,
      atRiskDays: e.atRiskDays ?? D.atRiskDays,
      dormantDays: e.dormantDays ?? D.dormantDays,
      returnDays: e.returnDays ?? D.returnDays,
      momentum: { ...D.momentum, ...e.momentum },
    },
    activation: (c.activation ?? []).map((a) => ({
      event: a.event,
      count: a.count ?? DEFAULT_STEP_COUNT,
      label: a.label ?? c.features?.[a.event]?.label ?? a.event,
    })),
    funnels: (c.funnels ?? []).map((f) => ({
      id: f.id,
      start: f.start,
      done: f.done,
      withinDays: f.withinDays ?? DEFAULT_FUNNEL_WITHIN_DAYS,
      label: f.label ?? f.help?.text ?? c.features?.[f.done]?.label ?? f.id,
      help: f.help,
    })),
    milestones: c.milestones ?? [],
    checklist: (c.widgets?.checklist?.items ?? []).map((it) => ({ ...it, count: it.count ?? DEFAULT_STEP_COUNT })),
    widgets: c.widgets ?? {},
    retentionDays: c.retentionDays ?? DEFAULT_RETENTION_DAYS,
  };
  // Partial objects spread over the defaults may carry explicit `undefined`s; keep defaults.
  for (const k of Object.keys(resolved.engagement.weights) as ScoreMeasure[]) resolved.engagement.weights[k] ??= D.weights[k];
  for (const o of [resolved.engagement.power, resolved.engagement.bands, resolved.engagement.momentum] as Array<Record<string, number>>) {
    const src = (o === resolved.engagement.power ? D.power : o === resolved.engagement.bands ? D.bands : D.momentum) as Record<string, number>;
    for (const k in src) o[k] ??= src[k];
  }
  cache.set(key, resolved);
  return resolved;
}

const EMPTY: HabitualConfig = {};
