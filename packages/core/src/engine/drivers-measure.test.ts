import { describe, expect, it } from 'vitest';
import type { HabitualConfig } from '../config/types';
import { validateConfig } from '../config/validate-config';
import { computeState } from './compute-state';
import { createEngine } from './create-engine';
import { driverInputs, stayChance } from './driver-inputs';
import { noon, onDays, range, roll } from './test-days';

const T = '2026-05-20';
const FEATURES: HabitualConfig['features'] = {
  'invoice.sent': { key: true, value: 'invoices' },
  'teammate.removed': {},
};
const only = { frequency: 0, breadth: 0, intensity: 0, momentum: 0, activation: 0, volume: 0, drivers: 100 };
const model = (weights: Record<string, number>, bias = 0, tenure = 0): HabitualConfig => ({
  features: FEATURES,
  engagement: { drivers: { weights, bias, tenure }, weights: only },
});
const days = [...onDays(T, range(0, 40), { 'invoice.sent': [2, 2] }), roll(T, { 'teammate.removed': 3 }), roll(T, { 'hb:digest.seen': 5 })];

describe('the drivers measure', () => {
  it('is the model chance to stay, from the 28-day uses, the measures and tenure', () => {
    const s = computeState(days, model({ 'invoice.sent': 0.5, 'teammate.removed': -1.2, frequency: 1 }, -1, 0.1), noon(T), 'UTC');
    // 28 days of two invoices (today's two among them), three removals today; widgets' own hb: counters are not use.
    expect(s.uses28).toEqual({ 'invoice.sent': 56, 'teammate.removed': 3 });
    const z = -1 + 0.1 * Math.log1p(40) + 0.5 * Math.log1p(56) - 1.2 * Math.log1p(3) + 1 * (28 / 28);
    expect(s.score).toBeCloseTo(100 / (1 + Math.exp(-z)), 6);
    expect(s.parts.filter((p) => p.value !== null && p.weight > 0).map((p) => p.measure)).toEqual(['drivers']);
  });

  it('lets a feature count against the score', () => {
    const removing = computeState(days, model({ 'teammate.removed': -1 }), noon(T), 'UTC').score;
    const not = computeState(days.slice(0, -2), model({ 'teammate.removed': -1 }), noon(T), 'UTC').score;
    expect(removing).toBeLessThan(not);
  });

  it('gives the incremental engine the same score as computeState', () => {
    const config = model({ 'invoice.sent': 0.3, volume: 0.2, momentum: -0.1, breadth: 0.4, intensity: 0.1, activation: 0.2 }, -0.5, 0.05);
    const engine = createEngine({ config, timeZone: 'UTC' });
    engine.load(days.slice(0, -2));
    engine.add(T, 'teammate.removed', 0, noon(T));
    engine.add(T, 'teammate.removed', 0, noon(T));
    engine.add(T, 'teammate.removed', 0, noon(T));
    expect(engine.state(noon(T)).score).toBeCloseTo(computeState(days, config, noon(T), 'UTC').score, 9);
  });

  it('has no data without a model, so the default score is unchanged by its weight', () => {
    const s = computeState(days, { features: FEATURES }, noon(T), 'UTC');
    expect(s.parts.find((p) => p.measure === 'drivers')).toMatchObject({ value: null, contribution: 0 });
  });

  it('reads the inputs driverInputs names, on fixed scales', () => {
    const s = computeState(days, { features: FEATURES }, noon(T), 'UTC');
    expect(driverInputs(s)).toEqual({
      'invoice.sent': Math.log1p(56),
      'teammate.removed': Math.log1p(3),
      frequency: 1,
      breadth: 1,
      intensity: Math.log1p(56),
      momentum: s.momentum,
      activation: 0,
      volume: Math.log1p(59),
    });
    expect(stayChance({}, 0, { weights: {} })).toBe(0.5);
  });
});

describe('population percentiles', () => {
  it('score a measure by where its user stands in the population, not against a fixed target', () => {
    const tenDays = onDays(T, range(0, 9), { 'invoice.sent': 1 });
    const frequencyOnly = { frequency: 1, breadth: 0, intensity: 0, momentum: 0, activation: 0, volume: 0, drivers: 0 };
    const fixed = computeState(tenDays, { features: FEATURES, engagement: { weights: frequencyOnly } }, noon(T), 'UTC');
    expect(fixed.score).toBeCloseTo(50); // 10 of the 20-day target
    // A quarter of the population has 2 qualified days or fewer, half 4, three quarters 10.
    const percentiles = { frequency: [0, 2, 4, 10, 28] };
    const s = computeState(tenDays, { features: FEATURES, engagement: { weights: frequencyOnly, percentiles } }, noon(T), 'UTC');
    expect(s.score).toBeCloseTo(75);
  });
});

describe('config checks of the new fields (device and collector share them)', () => {
  it.each([
    [{ engagement: { drivers: { weights: { 'invoice.sent': 'high' } } } }, 'engagement.drivers.weights.invoice.sent', /finite number/],
    [{ engagement: { drivers: { bias: 1 } } }, 'engagement.drivers.weights', /is missing/],
    [{ engagement: { drivers: { weights: {}, tenure: Number.NaN } } }, 'engagement.drivers.tenure', /finite number/],
    [{ engagement: { percentiles: { reach: [1, 2] } } }, 'engagement.percentiles.reach', /not a score measure/],
    [{ engagement: { percentiles: { frequency: [1, 'x'] } } }, 'engagement.percentiles.frequency.1', /finite number/],
    [{ engagement: { volumeTarget: 0 } }, 'engagement.volumeTarget', /> 0/],
    [{ engagement: { weights: { drivers: -1 } } }, 'engagement.weights.drivers', />= 0/],
  ])('%j is refused at %s', (config, path, message) => {
    const problems = validateConfig(config);
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.find((p) => p.path === path)?.message).toMatch(message);
  });

  it('takes negative weights', () => {
    expect(validateConfig({ features: FEATURES, engagement: { drivers: { weights: { 'teammate.removed': -2 }, bias: -0.5, tenure: 0.2 } } })).toEqual([]);
  });
});
