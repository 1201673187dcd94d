import { ATTENTION_DEFAULTS } from '../rules/attention';
import type { ConfigField } from './config-field';
import { DEFAULT_WEIGHTS, LOCALES, SCORE_MEASURES, STREAK_PERIODS } from './vocabulary';

const nonNegative = { min: 0 } as const;
const days = (d: number) => ({ kind: 'int', min: 1, default: d }) as const;
const wholeUpTo = (max: number, d: number) => ({ kind: 'int', min: 0, max, default: d }) as const;

/**
 * Core's config fields, in the order problems are reported: one entry per field with its
 * default. `validateConfig` checks a config against it, `resolveConfig` fills defaults
 * from it, and a test holds the README's config table to it. Widget fields that core
 * itself reads (checklist items for the next step, nudge items for the rule events) are
 * here; every other widget field, and each widget's object, is the widget's own part.
 */
export const CONFIG_SCHEMA: readonly ConfigField[] = /*#__PURE__*/ coreFields();

// A function, so bundles that never read the schema (habitual.js) drop it.
function coreFields(): ConfigField[] {
  return [
    { path: 'locale', kind: 'string', oneOf: ['auto', ...LOCALES], default: 'auto' },
    { path: 'features', kind: 'object', default: {} },
    { path: 'features.*', kind: 'object' },
    { path: 'features.*.label', kind: 'text' },
    { path: 'features.*.key', kind: 'boolean', default: false },
    { path: 'features.*.weight', kind: 'number', ...nonNegative, default: 1 },
    { path: 'features.*.value', kind: 'text', plural: true },
    { path: 'features.*.core', kind: 'boolean' },
    { path: 'features.*.href', kind: 'href' },
    { path: 'engagement', kind: 'object' },
    { path: 'engagement.activeMinutes', kind: 'number', ...nonNegative, default: 5 },
    { path: 'engagement.streak', kind: 'object' },
    { path: 'engagement.streak.period', kind: 'string', oneOf: STREAK_PERIODS, default: 'day' },
    { path: 'engagement.streak.freezeEvery', ...days(7) },
    { path: 'engagement.streak.maxFreezes', kind: 'int', ...nonNegative, default: 2 },
    { path: 'engagement.onboardingDays', ...days(30) },
    { path: 'engagement.stuckDays', ...days(5) },
    { path: 'engagement.intensityTarget', kind: 'number', above: 0, default: 20 },
    { path: 'engagement.frequencyTarget', kind: 'number', above: 0, max: 28, default: 20 },
    { path: 'engagement.volumeTarget', kind: 'number', above: 0, default: 100 },
    { path: 'engagement.weights', kind: 'object', keys: SCORE_MEASURES, keyNoun: 'score measure' },
    ...SCORE_MEASURES.map((m): ConfigField => ({ path: `engagement.weights.${m}`, kind: 'number', ...nonNegative, default: DEFAULT_WEIGHTS[m] })),
    // The app's own population (the collector's GET /v1/drivers): raw values at evenly spaced
    // percentiles, so a measure scores its user's standing instead of a fixed target.
    { path: 'engagement.percentiles', kind: 'object', keys: SCORE_MEASURES, keyNoun: 'score measure' },
    { path: 'engagement.percentiles.*', kind: 'array' },
    { path: 'engagement.percentiles.*.#', kind: 'number' },
    // The learned model: signed weights per driver input (a feature name, or a measure id).
    { path: 'engagement.drivers', kind: 'object' },
    { path: 'engagement.drivers.weights', kind: 'object', required: true },
    { path: 'engagement.drivers.weights.*', kind: 'number' },
    { path: 'engagement.drivers.tenure', kind: 'number' },
    { path: 'engagement.drivers.bias', kind: 'number' },
    { path: 'engagement.power', kind: 'object' },
    { path: 'engagement.power.l7', ...wholeUpTo(7, 5) },
    { path: 'engagement.power.l28', ...wholeUpTo(28, 20) },
    { path: 'engagement.power.breadth', kind: 'number', min: 0, max: 1, default: 0.6 },
    {
      path: 'engagement.power.leaveBelowL28',
      ...wholeUpTo(28, 16),
      notAbove: 'engagement.power.l28',
      why: 'or power users would leave as soon as they arrive',
    },
    { path: 'engagement.engagedL28', ...wholeUpTo(28, 8) },
    { path: 'engagement.bands', kind: 'object' },
    { path: 'engagement.bands.red', kind: 'number', min: 0, max: 100, default: 50 },
    { path: 'engagement.bands.yellow', kind: 'number', min: 0, max: 100, default: 75, notBelow: 'engagement.bands.red' },
    { path: 'engagement.newDays', ...days(7) },
    { path: 'engagement.atRiskDays', ...days(7), notAbove: 'engagement.dormantDays' },
    { path: 'engagement.dormantDays', ...days(30) },
    { path: 'engagement.returnDays', ...days(7) },
    { path: 'engagement.momentum', kind: 'object' },
    { path: 'engagement.momentum.halfLifeDays', kind: 'number', above: 0, default: 7 },
    { path: 'engagement.momentum.baselineDays', kind: 'int', min: 7, max: 366, default: 56 },
    { path: 'engagement.momentum.minHistoryDays', ...days(14) },
    { path: 'engagement.momentum.atRiskBelow', kind: 'number', ...nonNegative, default: 0.5 },
    { path: 'activation', kind: 'array', default: [] },
    { path: 'activation.#', kind: 'object' },
    { path: 'activation.#.event', kind: 'string', required: true, ref: 'features' },
    { path: 'activation.#.count', ...days(1) },
    { path: 'activation.#.label', kind: 'text' },
    { path: 'funnels', kind: 'array', default: [] },
    { path: 'funnels.#', kind: 'object' },
    { path: 'funnels.#.id', kind: 'string', required: true, unique: 'funnel' },
    // The start of a funnel is often a dialog opening rather than a feature, so it may be
    // unconfigured; the step that completes it must be a feature.
    { path: 'funnels.#.start', kind: 'string', required: true },
    { path: 'funnels.#.done', kind: 'string', required: true, ref: 'features' },
    { path: 'funnels.#.withinDays', ...days(2) },
    { path: 'funnels.#.label', kind: 'text' },
    { path: 'funnels.#.help', kind: 'object' },
    { path: 'funnels.#.help.text', kind: 'text', required: true },
    { path: 'funnels.#.help.href', kind: 'href' },
    { path: 'milestones', kind: 'array', default: [] },
    { path: 'milestones.#', kind: 'object', exactlyOne: ['event', 'streak', 'activeDays'] },
    { path: 'milestones.#.id', kind: 'string', required: true, unique: 'milestone' },
    { path: 'milestones.#.title', kind: 'text', required: true },
    { path: 'milestones.#.event', kind: 'string', ref: 'features' },
    { path: 'milestones.#.count', ...days(1) },
    { path: 'milestones.#.streak', kind: 'int', min: 1 },
    { path: 'milestones.#.activeDays', kind: 'int', min: 1 },
    { path: 'milestones.#.when', kind: 'when' },
    { path: 'widgets', kind: 'object' },
    { path: 'widgets.checklist.items', kind: 'array', default: [] },
    { path: 'widgets.checklist.items.#', kind: 'object', atLeastOne: ['event', 'milestone'] },
    { path: 'widgets.checklist.items.#.id', kind: 'string', required: true, unique: 'checklist item' },
    { path: 'widgets.checklist.items.#.label', kind: 'text', required: true },
    { path: 'widgets.checklist.items.#.event', kind: 'string', ref: 'features' },
    { path: 'widgets.checklist.items.#.count', ...days(1) },
    { path: 'widgets.checklist.items.#.milestone', kind: 'string', ref: 'milestones' },
    { path: 'widgets.checklist.items.#.target', kind: 'string' },
    { path: 'widgets.checklist.items.#.help', kind: 'text' },
    { path: 'widgets.checklist.items.#.when', kind: 'when' },
    { path: 'widgets.nudges.items', kind: 'array', default: [] },
    { path: 'widgets.nudges.items.#', kind: 'object' },
    { path: 'widgets.nudges.items.#.feature', kind: 'string', ref: 'features' },
    { path: 'widgets.nudges.items.#.funnel', kind: 'string', ref: 'funnels' },
    { path: 'widgets.nudges.items.#.target', kind: 'string', required: true },
    { path: 'widgets.nudges.items.#.text', kind: 'text', required: true },
    { path: 'widgets.nudges.items.#.href', kind: 'href' },
    { path: 'widgets.nudges.items.#.when', kind: 'when' },
    { path: 'attention', kind: 'object' },
    { path: 'attention.maxAtOnce', kind: 'int', min: 1, max: 10, default: ATTENTION_DEFAULTS.maxAtOnce },
    { path: 'attention.perDay', ...wholeUpTo(100, ATTENTION_DEFAULTS.perDay) },
    {
      path: 'attention.perWeek',
      ...wholeUpTo(500, ATTENTION_DEFAULTS.perWeek),
      notBelow: 'attention.perDay',
      why: 'or the daily allowance could never be spent',
    },
    { path: 'attention.cooldownMinutes', kind: 'number', ...nonNegative, default: ATTENTION_DEFAULTS.cooldownMinutes },
    { path: 'experiments', kind: 'array', default: [] },
    { path: 'experiments.#', kind: 'object', exactlyOne: ['widget', 'items'] },
    { path: 'experiments.#.id', kind: 'string', required: true, unique: 'experiment', pattern: 'id' },
    { path: 'experiments.#.items', kind: 'array' },
    { path: 'experiments.#.items.#', kind: 'string' },
    { path: 'experiments.#.variants', kind: 'array', required: true },
    { path: 'experiments.#.variants.#', kind: 'object' },
    { path: 'experiments.#.variants.#.id', kind: 'string', required: true, unique: 'variant', pattern: 'id' },
    { path: 'experiments.#.variants.#.weight', kind: 'number', ...nonNegative, default: 1 },
    { path: 'experiments.#.variants.#.config', kind: 'object' },
    { path: 'experiments.#.holdout', kind: 'number', min: 0, max: 0.5, default: 0 },
    { path: 'retentionDays', ...days(400) },
  ];
}
