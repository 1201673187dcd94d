import { describe, expect, it } from 'vitest';
import { engagementDefaults } from './defaults';
import { resolveConfig } from './resolve-config';
import type { HabitualConfig } from './types';
import { assertConfig, validateConfig } from './validate-config';

describe('resolveConfig', () => {
  it('fills every default', () => {
    const rc = resolveConfig({});
    expect(rc.engagement).toEqual(engagementDefaults());
    expect(rc.retentionDays).toBe(400);
    expect(rc.engagement.weights).toEqual({ frequency: 30, breadth: 25, intensity: 20, momentum: 15, activation: 10, volume: 10, drivers: 100 });
  });

  it('keeps the defaults next to partial overrides', () => {
    const rc = resolveConfig({ engagement: { weights: { breadth: 40 }, power: { l7: 4 }, streak: { period: 'week' } } });
    expect(rc.engagement.weights).toEqual({ frequency: 30, breadth: 40, intensity: 20, momentum: 15, activation: 10, volume: 10, drivers: 100 });
    expect(rc.engagement.power).toEqual({ l7: 4, l28: 20, breadth: 0.6, leaveBelowL28: 16 });
    expect(rc.engagement.streak).toEqual({ period: 'week', freezeEvery: 7, maxFreezes: 2 });
  });

  it('an explicit undefined keeps the default', () => {
    const rc = resolveConfig({ engagement: { weights: { breadth: undefined }, power: { l28: undefined } } });
    expect(rc.engagement.weights.breadth).toBe(25);
    expect(rc.engagement.power.l28).toBe(20);
  });

  it('makes value features core unless told otherwise', () => {
    const rc = resolveConfig({ features: { 'a.b': { value: 'x' }, 'c.d': { value: 'y', core: false }, 'e.f': { key: true } } });
    expect([rc.features['a.b'].core, rc.features['c.d'].core, rc.features['e.f'].core]).toEqual([true, false, false]);
    expect(rc.features['e.f']).toMatchObject({ label: 'e.f', weight: 1, key: true });
  });

  it('does not share default objects between configs', () => {
    const a = resolveConfig({ engagement: {} });
    a.engagement.weights.breadth = 99;
    expect(resolveConfig({ engagement: {} }).engagement.weights.breadth).toBe(25);
    expect(engagementDefaults().weights.breadth).toBe(25);
  });

  it('throws instead of mixing garbage into the defaults', () => {
    expect(() => resolveConfig({ engagement: { activeMinutes: -5 } })).toThrow(
      'Invalid Habitual config: engagement.activeMinutes must be a finite number >= 0 (got -5).',
    );
  });
});

const features = { 'invoice.sent': { key: true, value: 'invoices' }, 'customer.created': { key: true } };

describe('validateConfig', () => {
  it('accepts the config from DESIGN.md', () => {
    const design: HabitualConfig = {
      locale: 'auto',
      features: {
        'customer.created': { label: 'Add a customer', key: true },
        'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
        'import.completed': { label: 'Import customers', key: true },
      },
      engagement: { activeMinutes: 5, streak: { period: 'weekday' } },
      activation: [
        { event: 'customer.created', count: 3 },
        { event: 'invoice.sent', count: 1 },
      ],
      funnels: [
        {
          id: 'import',
          start: 'import.opened',
          done: 'import.completed',
          withinDays: 2,
          help: { text: 'Importing from a spreadsheet?', href: '/help/import' },
        },
      ],
      milestones: [
        { id: 'first-invoice', event: 'invoice.sent', count: 1, title: 'First invoice sent' },
        { id: 'streak-5', streak: 5, title: 'Five working days in a row' },
      ],
      widgets: {
        digest: { enabled: true },
        checklist: {
          enabled: true,
          title: 'Get set up',
          items: [{ id: 'customer', label: 'Add your first customer', event: 'customer.created', count: 1, target: '#new-customer' }],
        },
        rewards: { enabled: true, share: ['slack', 'discord'] },
        records: { enabled: true },
        reminders: { enabled: true, maxPerWeek: 2, quietHours: ['20:00', '08:00'] },
        nudges: { enabled: true, items: [{ feature: 'invoice.sent', target: '#send', text: 'Send it straight from here' }] },
      },
    };
    expect(validateConfig(design)).toEqual([]);
    expect(validateConfig(undefined)).toEqual([]);
  });

  it.each([
    [{ engagement: { weights: { breadth: -1 } } }, 'engagement.weights.breadth', /finite number >= 0/],
    [{ engagement: { weights: { depth: 10 } } }, 'engagement.weights.depth', /not a score measure/],
    [{ engagement: { weights: { momentum: Number.NaN } } }, 'engagement.weights.momentum', /finite/],
    [{ engagement: { activeMinutes: '5' } }, 'engagement.activeMinutes', /got "5"/],
    [{ engagement: { streak: { period: 'month' } } }, 'engagement.streak.period', /one of 'day', 'weekday', 'week'/],
    [{ engagement: { streak: { freezeEvery: 0 } } }, 'engagement.streak.freezeEvery', />= 1/],
    [{ engagement: { streak: { maxFreezes: 1.5 } } }, 'engagement.streak.maxFreezes', /whole number/],
    [{ engagement: { power: { l7: 8 } } }, 'engagement.power.l7', /<= 7/],
    [{ engagement: { power: { breadth: 1.2 } } }, 'engagement.power.breadth', /<= 1/],
    [{ engagement: { power: { l28: 10, leaveBelowL28: 12 } } }, 'engagement.power.leaveBelowL28', /not be above/],
    [{ engagement: { bands: { red: 80, yellow: 60 } } }, 'engagement.bands.yellow', /not be below/],
    [{ engagement: { intensityTarget: 0 } }, 'engagement.intensityTarget', /> 0/],
    [{ engagement: { atRiskDays: 40 } }, 'engagement.atRiskDays', /dormantDays/],
    [{ engagement: { power: { leaveBelowL28: 21 } } }, 'engagement.power.leaveBelowL28', /not be above engagement.power.l28 \(20\)/],
    [{ engagement: { bands: { red: 80 } } }, 'engagement.bands.yellow', /not be below/],
    [{ features: { 'a.b': { weight: -2 } } }, 'features.a.b.weight', />= 0/],
    [{ features: { 'a.b': 'yes' } }, 'features.a.b', /object/],
    [{ features, activation: [{ event: 'invoice.snet' }] }, 'activation.0.event', /"invoice.snet", which is not in features/],
    [{ features, activation: [{ event: 'invoice.sent', count: 0 }] }, 'activation.0.count', />= 1/],
    [{ features, milestones: [{ id: 'm', title: 'M', event: 'nope' }] }, 'milestones.0.event', /not in features/],
    [{ features, milestones: [{ id: 'm', title: 'M' }] }, 'milestones.0', /exactly one of/],
    [
      {
        features,
        milestones: [
          { id: 'm', title: 'M', streak: 3 },
          { id: 'm', title: 'N', streak: 4 },
        ],
      },
      'milestones.1.id',
      /repeats/,
    ],
    [{ features, funnels: [{ id: 'f', start: 'x.opened', done: 'x.done' }] }, 'funnels.0.done', /not in features/],
    [{ features, funnels: [{ id: 'f', start: 'x.opened', done: 'invoice.sent', withinDays: -1 }] }, 'funnels.0.withinDays', />= 1/],
    [{ features, widgets: { checklist: { items: [{ id: 'c', label: 'C', event: 'typo.x' }] } } }, 'widgets.checklist.items.0.event', /not in features/],
    [
      { features, widgets: { checklist: { items: [{ id: 'c', label: 'C', milestone: 'nope' }] } } },
      'widgets.checklist.items.0.milestone',
      /not a configured milestone/,
    ],
    [{ features, widgets: { nudges: { items: [{ feature: 'typo', target: '#x', text: 't' }] } } }, 'widgets.nudges.items.0.feature', /not in features/],
    [{ retentionDays: 0 }, 'retentionDays', />= 1/],
    [{ locale: 'de' }, 'locale', /one of/],
  ])('%j -> problem at %s', (config, path, message) => {
    const problems = validateConfig(config);
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.find((p) => p.path === path)!.message).toMatch(message);
  });

  it('assertConfig throws one error naming the first field and counting the rest', () => {
    let error: (Error & { code?: string; problems?: unknown[] }) | undefined;
    try {
      assertConfig({ engagement: { weights: { breadth: -1 }, activeMinutes: -1 } });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error?.message).toBe('Invalid Habitual config: engagement.activeMinutes must be a finite number >= 0 (got -1) (and 1 more problem).');
    expect(error?.code).toBe('config-invalid');
    expect(error?.problems).toHaveLength(2);
  });
});

describe('config problems name the field precisely', () => {
  it('holds ids unique within one list: variant ids per experiment, not across experiments', () => {
    const experiment = (id: string, variants: string[]) => ({ id, items: ['x'], variants: variants.map((v) => ({ id: v })) });
    expect(validateConfig({ experiments: [experiment('e1', ['a', 'b']), experiment('e2', ['a', 'b'])] })).toEqual([]);
    expect(validateConfig({ experiments: [experiment('e1', ['a', 'a'])] })).toEqual([
      { path: 'experiments.0.variants.1.id', message: 'repeats the variant id "a"' },
    ]);
  });

  it('points at the checklist item field, by index', () => {
    const problems = validateConfig({
      features: { 'invoice.sent': {} },
      widgets: {
        checklist: {
          items: [
            { id: 'a', label: 'A', event: 'invoice.sent' },
            { id: 'b', label: 'B', event: 'invoice.snet' },
          ],
        },
      },
    });
    expect(problems).toEqual([
      { path: 'widgets.checklist.items.1.event', message: 'names "invoice.snet", which is not in features; add it to features or fix the name' },
    ]);
  });

  it('names a missing required field', () => {
    expect(validateConfig({ widgets: { checklist: { items: [{ id: 'a', event: 'x.y' }] } } })).toEqual([
      { path: 'widgets.checklist.items.0.label', message: 'is missing: it must be a non-empty string' },
    ]);
  });

  it('takes widget parts as a parameter and checks them after core', () => {
    const part = [
      { path: 'widgets.digest', kind: 'object' as const },
      { path: 'widgets.digest.enabled', kind: 'boolean' as const },
    ];
    expect(validateConfig({ widgets: { digest: { enabled: 'yes' } } })).toEqual([]);
    expect(validateConfig({ widgets: { digest: { enabled: 'yes' } } }, part)).toEqual([
      { path: 'widgets.digest.enabled', message: 'must be true or false (got "yes")' },
    ]);
  });
});
