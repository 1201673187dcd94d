import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bandOf, normalise, scoreMeasures, type MeasureInput, type Normaliser } from './scorecard';

const pct: Normaliser = {
  kind: 'linear',
  points: [
    [0, 0],
    [1, 100],
  ],
};

describe('normalise', () => {
  it.each([
    [-1, 0],
    [0, 0],
    [0.25, 25],
    [1, 100],
    [7, 100],
  ])('linear clamps and interpolates: %s -> %s', (raw, want) => {
    expect(normalise(raw, pct)).toBeCloseTo(want);
  });

  it('piecewise linear with several segments', () => {
    const n: Normaliser = {
      kind: 'linear',
      points: [
        [0, 0],
        [8, 50],
        [20, 100],
      ],
    };
    expect(normalise(4, n)).toBeCloseTo(25);
    expect(normalise(14, n)).toBeCloseTo(75);
  });

  it.each([
    [0, 10],
    [5, 10],
    [6, 60],
    [10, 60],
    [11, 90],
  ])('bands pick the first band with raw <= upTo: %s -> %s', (raw, want) => {
    const n: Normaliser = {
      kind: 'bands',
      bands: [
        { upTo: 5, score: 10 },
        { upTo: 10, score: 60 },
        { upTo: 20, score: 90 },
      ],
    };
    expect(normalise(raw, n)).toBe(want);
  });
});

describe('scoreMeasures', () => {
  it('weights the normalised values and explains each part', () => {
    const r = scoreMeasures([
      { id: 'a', weight: 30, raw: 1, normalise: pct },
      { id: 'b', weight: 10, raw: 0.5, normalise: pct },
    ]);
    expect(r.score).toBeCloseTo((30 * 100 + 10 * 50) / 40);
    expect(r.parts[0].contribution).toBeCloseTo(75);
    expect(r.parts[1].contribution).toBeCloseTo(12.5);
    expect(r.parts[1].gap).toBeCloseTo(12.5);
    expect(r.parts[0].gap).toBe(0);
    expect(r.band).toBe('green');
  });

  it('drops measures without data from the denominator', () => {
    const r = scoreMeasures([
      { id: 'a', weight: 30, raw: 0.6, normalise: pct },
      { id: 'b', weight: 70, raw: null, normalise: pct },
    ]);
    expect(r.score).toBeCloseTo(60);
    expect(r.parts[1]).toMatchObject({ value: null, contribution: 0, gap: 0 });
  });

  it('scores 0 without any data', () => {
    expect(scoreMeasures([{ id: 'a', weight: 1, raw: null, normalise: pct }]).score).toBe(0);
    expect(scoreMeasures([]).score).toBe(0);
  });

  it('rejects a negative weight, naming the measure', () => {
    expect(() => scoreMeasures([{ id: 'depth', weight: -1, raw: 1, normalise: pct }])).toThrow(/depth/);
  });

  it.each([
    [0, 'red'],
    [50, 'red'],
    [50.4, 'red'],
    [51, 'yellow'],
    [75, 'yellow'],
    [76, 'green'],
    [100, 'green'],
  ] as const)('band of %s is %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });

  it('invariants: score in 0..100, contributions sum to the score, contribution + gap = share of weight', () => {
    const measure = fc.record({
      id: fc.string(),
      weight: fc.double({ min: 0, max: 1000, noNaN: true }),
      raw: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }),
      normalise: fc.oneof(
        fc.constant<Normaliser>({
          kind: 'linear',
          points: [
            [0, 0],
            [10, 40],
            [100, 100],
          ],
        }),
        fc.constant<Normaliser>({
          kind: 'bands',
          bands: [
            { upTo: 0, score: 0 },
            { upTo: 50, score: 70 },
            { upTo: 1e9, score: 100 },
          ],
        }),
      ),
    }) as fc.Arbitrary<MeasureInput>;
    fc.assert(
      fc.property(fc.array(measure, { maxLength: 8 }), (ms) => {
        const r = scoreMeasures(ms);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        const sum = r.parts.reduce((s, p) => s + p.contribution, 0);
        expect(Math.abs(sum - r.score)).toBeLessThan(1e-6);
        const total = r.parts.reduce((s, p) => s + p.contribution + p.gap, 0);
        const hasWeight = r.parts.some((p) => p.value !== null && p.weight > 0);
        expect(Math.abs(total - (hasWeight ? 100 : 0))).toBeLessThan(1e-6);
      }),
    );
  });
});
