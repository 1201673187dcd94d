import { afterEach, describe, expect, it } from 'vitest';
import { computeState } from '../engine/compute-state';
import { CONFIG, noon, onDays, roll } from '../engine/test-days';
import { memoryKV } from '../store/kv';
import { outgoingDay } from '../sync/outgoing-day';
import { internalOf } from '../tracker/internal';
import { destroyAll, setup } from '../tracker/test-setup';
import { mergeDelta } from './day-rollup';
import { configuredEvents, featurePolicyFor } from './feature-policy';
import { widgetCountName } from './reserved';

afterEach(destroyAll);

const T = '2024-06-19';
const widgetCounts = { 'hb:nudge.invoice_sent.shown': 3, 'hb:nudge.invoice_sent.clicked': 1, 'hb:checklist.shown': 40, 'hb:exp.cadence.daily': 1 };

describe('widget counts (hb:)', () => {
  it('names a surface, an item made name-safe, and an action', () => {
    expect(widgetCountName('checklist', 'shown')).toBe('hb:checklist.shown');
    expect(widgetCountName('nudge', 'clicked', 'invoice.sent')).toBe('hb:nudge.invoice_sent.clicked');
    expect(widgetCountName('nudge', 'shown', '#send .btn')).toBe('hb:nudge._send__btn.shown');
  });

  it('are kept on the device and leave it under their own names, whatever the config names', () => {
    const policy = featurePolicyFor(CONFIG);
    const day = mergeDelta(
      undefined,
      { day: T, tz: 'UTC', activeMs: 0, features: { 'page.viewed': { n: 2, value: 0 }, 'hb:checklist.shown': { n: 1, value: 0 } }, firsts: {} },
      policy,
    );
    expect(Object.keys(day.features).sort()).toEqual(['hb:checklist.shown', 'other']);
    const wire = outgoingDay(day, configuredEvents(CONFIG));
    expect(wire.features['hb:checklist.shown']).toEqual({ n: 1, value: 0 });
    expect(wire.features.other).toEqual({ n: 2, value: 0 });
  });

  it('never count towards any engagement measure, even when a config names one as a feature', () => {
    const base = [...onDays(T, [1, 3, 8, 20]), roll(T, { 'customer.created': 1 })];
    const withCounts = [...onDays(T, [1, 3, 8, 20]), roll(T, { 'customer.created': 1, ...widgetCounts }), roll('2024-06-17', widgetCounts)];
    const named = { ...CONFIG, features: { ...CONFIG.features, 'hb:checklist.shown': { key: true, core: true } } };
    const plain = computeState(base, CONFIG, noon(T), 'UTC');
    for (const config of [CONFIG, named]) {
      const s = computeState(withCounts, config, noon(T), 'UTC');
      expect(s.qualifiedDays).toEqual(plain.qualifiedDays);
      expect([s.score, s.l7, s.l28, s.stage, s.breadth]).toEqual([plain.score, plain.l7, plain.l28, plain.stage, plain.breadth]);
      expect(Object.keys(s.totals).filter((k) => k.startsWith('hb:'))).toEqual([]);
    }
  });

  it("count() records into today's rollup with no request; track() refuses the prefix", async () => {
    const { tracker } = setup({ config: CONFIG }, { openKV: () => memoryKV() });
    const host = internalOf(tracker);
    const heard: string[] = [];
    tracker.on('track', (e) => heard.push(e.name));
    host.count('hb:checklist.shown');
    host.count('hb:checklist.shown');
    tracker.track('hb:checklist.shown');
    await tracker.flush();
    const { days } = await tracker.exportData();
    expect(days.at(-1)!.features['hb:checklist.shown']).toEqual({ n: 2, value: 0 });
    expect(heard).toEqual([]);
  });
});
