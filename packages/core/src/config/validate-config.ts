import { ENGAGEMENT_DEFAULTS, SCORE_MEASURES } from './defaults';
import type { HabitualConfig } from './types';

/** One thing wrong with a config, at a dotted path such as `engagement.weights.breadth`. */
export interface ConfigProblem {
  path: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
const show = (x: unknown): string => {
  try {
    return typeof x === 'string' ? JSON.stringify(x) : String(JSON.stringify(x) ?? x);
  } catch {
    return String(x);
  }
};

/**
 * Everything wrong with a config, or an empty list. Checks shapes and ranges, and that
 * every rule (activation, milestones, funnels, checklist, nudges) names a configured
 * feature, so a typo fails loudly instead of a milestone that can never be reached.
 */
export function validateConfig(config: unknown): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const bad = (path: string, message: string) => out.push({ path, message });
  if (config === undefined || config === null) return out;
  if (!isObj(config)) return [{ path: '', message: `must be an object (got ${show(config)})` }];
  const c = config as Obj;

  const num = (v: unknown, path: string, o: { min?: number; max?: number; int?: boolean; above?: number } = {}) => {
    if (v === undefined) return;
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (!o.int || Number.isInteger(v)) &&
      (o.min === undefined || v >= o.min) &&
      (o.max === undefined || v <= o.max) &&
      (o.above === undefined || v > o.above);
    if (!ok) {
      const range = [o.above !== undefined ? `> ${o.above}` : '', o.min !== undefined ? `>= ${o.min}` : '', o.max !== undefined ? `<= ${o.max}` : '']
        .filter(Boolean)
        .join(' and ');
      bad(path, `must be ${o.int ? 'a whole number' : 'a finite number'}${range ? ` ${range}` : ''} (got ${show(v)})`);
    }
  };
  const str = (v: unknown, path: string, required = false) => {
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || !v) bad(path, `must be a non-empty string (got ${show(v)})`);
  };
  const bool = (v: unknown, path: string) => {
    if (v !== undefined && typeof v !== 'boolean') bad(path, `must be true or false (got ${show(v)})`);
  };
  const obj = (v: unknown, path: string): Obj | undefined => {
    if (v === undefined) return undefined;
    if (!isObj(v)) {
      bad(path, `must be an object (got ${show(v)})`);
      return undefined;
    }
    return v;
  };
  const arr = (v: unknown, path: string): unknown[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      bad(path, `must be an array (got ${show(v)})`);
      return [];
    }
    return v;
  };
  const oneOf = (v: unknown, path: string, allowed: readonly string[]) => {
    if (v !== undefined && !allowed.includes(v as string)) bad(path, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${show(v)})`);
  };

  oneOf(c.locale, 'locale', ['auto', 'en', 'zh', 'fi']);
  num(c.retentionDays, 'retentionDays', { min: 1, int: true });

  const features = obj(c.features, 'features') ?? {};
  for (const name in features) {
    const path = `features.${name}`;
    const f = obj(features[name], path);
    if (!f) continue;
    str(f.label, `${path}.label`);
    bool(f.key, `${path}.key`);
    num(f.weight, `${path}.weight`, { min: 0 });
    str(f.value, `${path}.value`);
    bool(f.core, `${path}.core`);
  }
  const named = Object.keys(features).length > 0;
  // Without any configured feature there is nothing to check names against: the tracker
  // then keeps whatever it is given and every rule stands on its own.
  const feature = (v: unknown, path: string, required: boolean) => {
    str(v, path, required);
    if (named && typeof v === 'string' && v && !(v in features)) {
      bad(path, `names ${show(v)}, which is not in features; add it to features or fix the name`);
    }
  };

  const e = obj(c.engagement, 'engagement');
  if (e) {
    num(e.activeMinutes, 'engagement.activeMinutes', { min: 0 });
    const s = obj(e.streak, 'engagement.streak');
    if (s) {
      oneOf(s.period, 'engagement.streak.period', ['day', 'weekday', 'week']);
      num(s.freezeEvery, 'engagement.streak.freezeEvery', { min: 1, int: true });
      num(s.maxFreezes, 'engagement.streak.maxFreezes', { min: 0, int: true });
    }
    num(e.onboardingDays, 'engagement.onboardingDays', { min: 1, int: true });
    num(e.stuckDays, 'engagement.stuckDays', { min: 1, int: true });
    num(e.intensityTarget, 'engagement.intensityTarget', { above: 0 });
    num(e.frequencyTarget, 'engagement.frequencyTarget', { above: 0, max: 28 });
    const w = obj(e.weights, 'engagement.weights');
    if (w) {
      for (const k in w) {
        if (!SCORE_MEASURES.includes(k as never)) bad(`engagement.weights.${k}`, `is not a score measure; use one of ${SCORE_MEASURES.join(', ')}`);
        else num(w[k], `engagement.weights.${k}`, { min: 0 });
      }
    }
    const p = obj(e.power, 'engagement.power');
    if (p) {
      num(p.l7, 'engagement.power.l7', { min: 0, max: 7, int: true });
      num(p.l28, 'engagement.power.l28', { min: 0, max: 28, int: true });
      num(p.breadth, 'engagement.power.breadth', { min: 0, max: 1 });
      num(p.leaveBelowL28, 'engagement.power.leaveBelowL28', { min: 0, max: 28, int: true });
      const l28 = p.l28 ?? ENGAGEMENT_DEFAULTS.power.l28;
      const leave = p.leaveBelowL28 ?? ENGAGEMENT_DEFAULTS.power.leaveBelowL28;
      if (typeof l28 === 'number' && typeof leave === 'number' && leave > l28) {
        bad('engagement.power.leaveBelowL28', `must not be above engagement.power.l28 (${l28}), or power users would leave as soon as they arrive`);
      }
    }
    num(e.engagedL28, 'engagement.engagedL28', { min: 0, max: 28, int: true });
    const b = obj(e.bands, 'engagement.bands');
    if (b) {
      num(b.red, 'engagement.bands.red', { min: 0, max: 100 });
      num(b.yellow, 'engagement.bands.yellow', { min: 0, max: 100 });
      const red = b.red ?? ENGAGEMENT_DEFAULTS.bands.red;
      const yellow = b.yellow ?? ENGAGEMENT_DEFAULTS.bands.yellow;
      if (typeof red === 'number' && typeof yellow === 'number' && red > yellow) {
        bad('engagement.bands.yellow', `must not be below engagement.bands.red (${red})`);
      }
    }
    num(e.newDays, 'engagement.newDays', { min: 1, int: true });
    num(e.atRiskDays, 'engagement.atRiskDays', { min: 1, int: true });
    num(e.dormantDays, 'engagement.dormantDays', { min: 1, int: true });
    num(e.returnDays, 'engagement.returnDays', { min: 1, int: true });
    const dormant = e.dormantDays ?? ENGAGEMENT_DEFAULTS.dormantDays;
    if (typeof e.atRiskDays === 'number' && typeof dormant === 'number' && e.atRiskDays > dormant) {
      bad('engagement.atRiskDays', `must not be above engagement.dormantDays (${dormant})`);
    }
    const m = obj(e.momentum, 'engagement.momentum');
    if (m) {
      num(m.halfLifeDays, 'engagement.momentum.halfLifeDays', { above: 0 });
      num(m.baselineDays, 'engagement.momentum.baselineDays', { min: 7, max: 366, int: true });
      num(m.minHistoryDays, 'engagement.momentum.minHistoryDays', { min: 1, int: true });
      num(m.atRiskBelow, 'engagement.momentum.atRiskBelow', { min: 0 });
    }
  }

  arr(c.activation, 'activation').forEach((x, i) => {
    const path = `activation[${i}]`;
    const a = obj(x, path);
    if (!a) return;
    feature(a.event, `${path}.event`, true);
    num(a.count, `${path}.count`, { min: 1, int: true });
    str(a.label, `${path}.label`);
  });

  const funnelIds = new Set<string>();
  arr(c.funnels, 'funnels').forEach((x, i) => {
    const path = `funnels[${i}]`;
    const f = obj(x, path);
    if (!f) return;
    str(f.id, `${path}.id`, true);
    if (typeof f.id === 'string') {
      if (funnelIds.has(f.id)) bad(`${path}.id`, `repeats the funnel id ${show(f.id)}`);
      funnelIds.add(f.id);
    }
    // The start of a funnel is often a dialog opening rather than a feature, so it may be
    // unconfigured; the step that completes it must be a feature.
    str(f.start, `${path}.start`, true);
    feature(f.done, `${path}.done`, true);
    num(f.withinDays, `${path}.withinDays`, { min: 1, int: true });
    str(f.label, `${path}.label`);
    const h = obj(f.help, `${path}.help`);
    if (h) {
      str(h.text, `${path}.help.text`, true);
      str(h.href, `${path}.help.href`);
    }
  });

  const milestoneIds = new Set<string>();
  arr(c.milestones, 'milestones').forEach((x, i) => {
    const path = `milestones[${i}]`;
    const m = obj(x, path);
    if (!m) return;
    str(m.id, `${path}.id`, true);
    str(m.title, `${path}.title`, true);
    if (typeof m.id === 'string') {
      if (milestoneIds.has(m.id)) bad(`${path}.id`, `repeats the milestone id ${show(m.id)}`);
      milestoneIds.add(m.id);
    }
    const kinds = ['event', 'streak', 'activeDays'].filter((k) => m[k] !== undefined);
    if (kinds.length !== 1) bad(path, `needs exactly one of event, streak or activeDays (got ${kinds.length ? kinds.join(', ') : 'none'})`);
    if (m.event !== undefined) feature(m.event, `${path}.event`, true);
    num(m.count, `${path}.count`, { min: 1, int: true });
    num(m.streak, `${path}.streak`, { min: 1, int: true });
    num(m.activeDays, `${path}.activeDays`, { min: 1, int: true });
  });

  const w = obj(c.widgets, 'widgets');
  if (w) {
    for (const k of ['digest', 'checklist', 'rewards', 'records', 'reminders', 'nudges'] as const) {
      const one = obj(w[k], `widgets.${k}`);
      if (one) bool(one.enabled, `widgets.${k}.enabled`);
    }
    const cl = isObj(w.checklist) ? w.checklist : undefined;
    const itemIds = new Set<string>();
    arr(cl?.items, 'widgets.checklist.items').forEach((x, i) => {
      const path = `widgets.checklist.items[${i}]`;
      const it = obj(x, path);
      if (!it) return;
      str(it.id, `${path}.id`, true);
      str(it.label, `${path}.label`, true);
      if (typeof it.id === 'string') {
        if (itemIds.has(it.id)) bad(`${path}.id`, `repeats the checklist item id ${show(it.id)}`);
        itemIds.add(it.id);
      }
      if (it.event === undefined && it.milestone === undefined) bad(path, 'needs an event or a milestone to complete itself');
      if (it.event !== undefined) feature(it.event, `${path}.event`, true);
      num(it.count, `${path}.count`, { min: 1, int: true });
      if (it.milestone !== undefined && !milestoneIds.has(it.milestone as string)) {
        bad(`${path}.milestone`, `names ${show(it.milestone)}, which is not a configured milestone id`);
      }
    });
    const rem = isObj(w.reminders) ? w.reminders : undefined;
    if (rem) {
      num(rem.maxPerWeek, 'widgets.reminders.maxPerWeek', { min: 0, int: true });
      if (rem.quietHours !== undefined) {
        const q = rem.quietHours;
        const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
        if (!Array.isArray(q) || q.length !== 2 || !q.every((t) => typeof t === 'string' && hhmm.test(t))) {
          bad('widgets.reminders.quietHours', `must be two 'HH:MM' times, e.g. ['20:00', '08:00'] (got ${show(q)})`);
        }
      }
    }
    const nu = isObj(w.nudges) ? w.nudges : undefined;
    arr(nu?.items, 'widgets.nudges.items').forEach((x, i) => {
      const path = `widgets.nudges.items[${i}]`;
      const it = obj(x, path);
      if (!it) return;
      if (it.feature !== undefined) feature(it.feature, `${path}.feature`, true);
      if (it.funnel !== undefined && !funnelIds.has(it.funnel as string))
        bad(`${path}.funnel`, `names ${show(it.funnel)}, which is not a configured funnel id`);
      str(it.target, `${path}.target`, true);
      str(it.text, `${path}.text`, true);
    });
  }
  return out;
}

/**
 * Throws one clear error when the config is invalid: the first problem in the message,
 * all of them on `error.problems`, and `error.code` 'config-invalid'.
 */
export function assertConfig(config: unknown): asserts config is HabitualConfig {
  const problems = validateConfig(config);
  if (problems.length === 0) return;
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  const error = new Error(`Invalid Habitual config: ${first.path || 'config'} ${first.message}${more}.`) as Error & {
    code: 'config-invalid';
    problems: ConfigProblem[];
  };
  error.code = 'config-invalid';
  error.problems = problems;
  throw error;
}
