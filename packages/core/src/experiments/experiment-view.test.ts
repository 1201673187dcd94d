import { describe, expect, it } from 'vitest';
import type { ExperimentSpec, HabitualConfig } from '../config/types';
import { validateConfig } from '../config/validate-config';
import { assignVariant, HOLDOUT } from './assign-variant';
import { bucketOf } from './bucket-of';
import { experimentView } from './experiment-view';

const cadence: ExperimentSpec = {
  id: 'reminder-cadence',
  widget: 'reminders',
  variants: [
    { id: 'daily', weight: 1, config: { maxPerWeek: 7 } },
    { id: 'weekly', weight: 3, config: { maxPerWeek: 1 } },
  ],
  holdout: 0.1,
};
const users = Array.from({ length: 20_000 }, (_, i) => `u_${i}`);

describe('assignment', () => {
  it('is a stable function of user and experiment: same arm on every device and reload', () => {
    expect(bucketOf('u_42', 'a')).toBe(bucketOf('u_42', 'a'));
    expect(bucketOf('u_42', 'a')).not.toBe(bucketOf('u_42', 'b'));
    for (const u of users.slice(0, 50)) expect(assignVariant(cadence, u)).toBe(assignVariant({ ...cadence }, u));
  });

  it('splits by holdout share and weights, and independently across experiments', () => {
    const n: Record<string, number> = {};
    for (const u of users) n[assignVariant(cadence, u)] = (n[assignVariant(cadence, u)] ?? 0) + 1;
    // 10% held out, then 1:3 — within 4 standard errors of the expected shares.
    expect(Math.abs(n[HOLDOUT] / users.length - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(n.daily / users.length - 0.225)).toBeLessThan(0.013);
    expect(Math.abs(n.weekly / users.length - 0.675)).toBeLessThan(0.014);
    // Held out of one experiment says nothing about another.
    const other: ExperimentSpec = { id: 'digest-time', widget: 'digest', variants: [{ id: 'x' }], holdout: 0.1 };
    const both = users.filter((u) => assignVariant(cadence, u) === HOLDOUT && assignVariant(other, u) === HOLDOUT).length;
    expect(Math.abs(both / users.length - 0.01)).toBeLessThan(0.003);
  });
});

describe('experimentView', () => {
  const config: HabitualConfig = {
    widgets: { reminders: { enabled: true, maxPerWeek: 2 }, nudges: { enabled: true, items: [{ feature: 'a.b', target: '#a', text: 'A' }] } },
    experiments: [cadence, { id: 'nudge-copy', items: ['a.b'], variants: [{ id: 'short', config: { text: 'Short' } }], holdout: 0.5 }],
  };
  const inArm = (exp: ExperimentSpec, arm: string) => users.find((u) => assignVariant(exp, u) === arm)!;

  it("lays the variant's config over the widget's, and holds the holdout out, counting each arm once", () => {
    const weekly = inArm(cadence, 'weekly');
    const counted: string[] = [];
    const view = experimentView(
      config,
      weekly,
      () => 0,
      (name) => counted.push(name),
    );
    expect(view.config.widgets?.reminders).toEqual({ enabled: true, maxPerWeek: 1 });
    expect(config.widgets?.reminders?.maxPerWeek).toBe(2); // the config itself is left alone
    expect([view.held('reminders'), view.held('reminders')]).toEqual([false, false]);
    expect(counted).toEqual(['hb:exp.reminder-cadence.weekly']);

    const held = inArm(cadence, HOLDOUT);
    const out = experimentView(
      config,
      held,
      () => 0,
      (name) => counted.push(name),
    );
    expect(out.held('reminders')).toBe(true);
    expect(out.held('nudges')).toBe(false);
    expect(counted.at(-1)).toBe('hb:exp.reminder-cadence.holdout');
  });

  it("applies an items experiment to those items, and a widget's own holdout as experiment widget-<id>", () => {
    const nudgeExp = config.experiments![1];
    const shortUser = inArm(nudgeExp, 'short');
    expect(
      experimentView(
        config,
        shortUser,
        () => 0,
        () => {},
      ).config.widgets?.nudges?.items?.[0].text,
    ).toBe('Short');
    expect(
      experimentView(
        config,
        inArm(nudgeExp, HOLDOUT),
        () => 0,
        () => {},
      ).heldItem('a.b'),
    ).toBe(true);

    const own = { id: 'widget-nudges', variants: [{ id: 'on' }], holdout: 0.05 };
    const counted: string[] = [];
    const heldOut = experimentView(
      {},
      inArm(own, HOLDOUT),
      () => 0.05,
      (n) => counted.push(n),
    );
    expect(heldOut.held('nudges')).toBe(true);
    expect(counted).toEqual(['hb:exp.widget-nudges.holdout']);
    expect(
      experimentView(
        {},
        inArm(own, 'on'),
        () => 0.05,
        () => {},
      ).held('nudges'),
    ).toBe(false);
    // Until the user (or device) is known, a widget with a holdout stays hidden and nothing is counted.
    expect(
      experimentView(
        {},
        undefined,
        () => 0.05,
        (n) => counted.push(n),
      ).held('nudges'),
    ).toBe(true);
    expect(
      experimentView(
        {},
        undefined,
        () => 0,
        () => {},
      ).held('checklist'),
    ).toBe(false);
    expect(counted).toHaveLength(1);
  });

  it('is checked by the config schema', () => {
    expect(validateConfig(config)).toEqual([]);
    const bad = validateConfig({ experiments: [{ id: 'a b', widget: 'x', items: ['y'], variants: [{ id: 'v', weight: -1 }], holdout: 0.9 }, { id: 'c' }] });
    expect(bad.map((p) => p.path)).toEqual([
      'experiments.0',
      'experiments.1',
      'experiments.0.id',
      'experiments.1.variants',
      'experiments.0.variants.0.weight',
      'experiments.0.holdout',
    ]);
  });
});
