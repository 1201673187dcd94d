import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HabitualConfig } from '../config/types';
import type { DayRollup } from '../rollup/day-rollup';
import { computeState } from './compute-state';
import { createEngine } from './create-engine';
import { dayIndex, dayKey } from './day-keys';
import { mergeDeviceRollups } from './merge-device-rollups';
import { CONFIG, noon, roll } from './test-days';

const TODAY = '2024-06-19';
const T = dayIndex(TODAY);
const NAMES = ['customer.created', 'invoice.sent', 'import.completed', 'report.viewed', 'import.opened', 'page.viewed'];

const dayArb = fc.record({
  ago: fc.integer({ min: 0, max: 150 }),
  features: fc.dictionary(fc.constantFrom(...NAMES), fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 9 })), { maxKeys: 4 }),
  activeMin: fc.constantFrom(0, 0, 2, 5, 12),
});
const toRollup = (d: { ago: number; features: Record<string, [number, number]>; activeMin: number }): DayRollup => ({
  ...roll(dayKey(T - d.ago), d.features, d.activeMin, Object.fromEntries(Object.keys(d.features).map((k, i) => [k, noon(dayKey(T - d.ago)) + i * 1000]))),
});
/** Distinct days, as one device would store them. */
const historyArb = fc.uniqueArray(dayArb, { selector: (d) => d.ago, maxLength: 90 }).map((ds) => ds.map(toRollup));
const configArb = fc
  .constantFrom<'day' | 'weekday' | 'week'>('day', 'weekday', 'week')
  .map((period): HabitualConfig => ({ ...CONFIG, engagement: { streak: { period } } }));
const prevArb = fc.option(fc.constantFrom('power', 'engaged', 'at_risk', 'new') as fc.Arbitrary<'power' | 'engaged' | 'at_risk' | 'new'>, { nil: undefined });

const state = (rollups: DayRollup[], config: HabitualConfig = CONFIG, stage?: 'power' | 'engaged' | 'at_risk' | 'new') =>
  computeState(rollups, config, noon(TODAY), 'UTC', { stage });

describe('engine invariants', () => {
  it('score in 0..100, contributions sum to the score, band matches', () => {
    fc.assert(
      fc.property(historyArb, configArb, prevArb, (rollups, config, prev) => {
        const s = state(rollups, config, prev);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        expect(Math.abs(s.parts.reduce((a, p) => a + p.contribution, 0) - s.score)).toBeLessThan(1e-9);
        expect(s.l7).toBeLessThanOrEqual(s.l28);
        expect(s.l28).toBeLessThanOrEqual(28);
        expect(s.streak.current).toBeLessThanOrEqual(s.streak.longest);
        expect(s.streak.freezes).toBeLessThanOrEqual(2);
        expect(s.breadth).toBeGreaterThanOrEqual(0);
        expect(s.breadth).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a qualified day never lowers L28 or the streak', () => {
    fc.assert(
      fc.property(historyArb, configArb, fc.integer({ min: 0, max: 150 }), (rollups, config, ago) => {
        const before = state(rollups, config);
        const after = state([...rollups, roll(dayKey(T - ago), { 'invoice.sent': 1 })], config);
        expect(after.l28).toBeGreaterThanOrEqual(before.l28);
        expect(after.l7).toBeGreaterThanOrEqual(before.l7);
        expect(after.streak.current).toBeGreaterThanOrEqual(before.streak.current);
        expect(after.streak.longest).toBeGreaterThanOrEqual(before.streak.longest);
        expect(after.streak.lifetime).toBeGreaterThanOrEqual(before.streak.lifetime);
        expect(after.qualifiedDays.length).toBeGreaterThanOrEqual(before.qualifiedDays.length);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order rollups are given in', () => {
    fc.assert(
      fc.property(
        historyArb.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))),
        configArb,
        ([rollups, shuffled], config) => {
          expect(state(shuffled, config)).toEqual(state(rollups, config));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("merging two devices' rollups is idempotent, and equals giving the devices' records separately", () => {
    fc.assert(
      fc.property(historyArb, historyArb, (a, b) => {
        const devices = [
          { deviceId: 'a', days: a },
          { deviceId: 'b', days: b },
        ];
        const merged = mergeDeviceRollups(devices);
        expect(mergeDeviceRollups([...devices, ...devices])).toEqual(merged);
        expect(mergeDeviceRollups([devices[1], devices[0], devices[1]])).toEqual(merged);
        const s = state(merged);
        expect(state(mergeDeviceRollups([...devices, devices[0]]))).toEqual(s);
        expect(state([...a, ...b])).toEqual(s);
      }),
      { numRuns: 150 },
    );
  });

  it('the incremental engine agrees with computeState, event by event', () => {
    const event = fc.record({
      ago: fc.integer({ min: 0, max: 3 }),
      name: fc.constantFrom(...NAMES),
      value: fc.integer({ min: 0, max: 5 }),
      active: fc.constantFrom(0, 0, 90_000),
    });
    fc.assert(
      fc.property(historyArb, fc.array(event, { maxLength: 25 }), configArb, (rollups, events, config) => {
        const e = createEngine({ config, timeZone: 'UTC' });
        e.load(rollups);
        const stored = new Map(rollups.map((r) => [r.day, structuredClone(r)]));
        e.state(noon(TODAY));
        for (const ev of events) {
          const day = dayKey(T - ev.ago);
          const at = noon(day) + ev.value;
          e.add(day, ev.name, ev.value, at);
          if (ev.active) e.addActive(day, ev.active);
          const r = stored.get(day) ?? roll(day);
          const f = (r.features[ev.name] ??= { n: 0, value: 0 });
          f.n += 1;
          f.value += ev.value;
          r.firsts[ev.name] = Math.min(r.firsts[ev.name] ?? Infinity, at);
          r.activeMs += ev.active;
          stored.set(day, r);
          const got = e.state(noon(TODAY));
          const want = computeState([...stored.values()], config, noon(TODAY), 'UTC', { stage: undefined });
          // Milestones are once, ever: the engine keeps the day it first saw one reached.
          const ids = (x: typeof got) => x.milestones.map((m) => m.id).sort();
          expect(ids(got)).toEqual(ids(want));
          const rest = (x: typeof got) => ({ ...x, milestones: [], newMilestones: [], stage: undefined });
          expect(rest(got)).toEqual(rest(want));
        }
      }),
      { numRuns: 100 },
    );
  });
});
