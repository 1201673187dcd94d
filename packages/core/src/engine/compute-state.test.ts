import { describe, expect, it } from 'vitest';
import type { HabitualConfig } from '../config/types';
import { computeState } from './compute-state';
import { addDays } from './day-keys';
import { CONFIG, noon, onDays, range, roll } from './test-days';

const T = '2024-06-19'; // a Wednesday
const at = (rollups: Parameters<typeof computeState>[0], config: HabitualConfig = CONFIG, today = T, prev?: Parameters<typeof computeState>[4]) =>
  computeState(rollups, config, noon(today), 'UTC', prev);

describe('qualified days', () => {
  it.each([
    ['a core value event', roll(T, { 'invoice.sent': 1 }), true],
    ['5 minutes of active time', roll(T, {}, 5), true],
    ['4.9 minutes of active time', roll(T, {}, 4.9), false],
    ['a non-core key feature alone (a core one is configured)', roll(T, { 'customer.created': 4 }), false],
    ['an unconfigured event', roll(T, { 'page.viewed': 40 }), false],
    ['a count of zero', roll(T, { 'invoice.sent': [0, 0] }), false],
    ['nothing', roll(T), false],
  ])('%s -> %s', (_, r, want) => {
    expect(at([r]).qualifiedDays).toEqual(want ? [T] : []);
  });

  it('counts any key feature when no core value event is configured', () => {
    const cfg: HabitualConfig = { features: { 'a.done': { key: true }, 'b.seen': {} } };
    expect(at([roll(T, { 'a.done': 1 })], cfg).qualifiedDays).toEqual([T]);
    expect(at([roll(T, { 'b.seen': 1 })], cfg).qualifiedDays).toEqual([]);
  });

  it('core: false keeps a value feature from qualifying a day', () => {
    const cfg: HabitualConfig = { features: { 'x.y': { value: 'rows', core: false }, 'a.b': { core: true } } };
    expect(at([roll(T, { 'x.y': 3 })], cfg).qualifiedDays).toEqual([]);
  });

  it('honours a configured activeMinutes', () => {
    const cfg: HabitualConfig = { ...CONFIG, engagement: { activeMinutes: 10 } };
    expect(at([roll(T, {}, 9)], cfg).qualifiedDays).toEqual([]);
    expect(at([roll(T, {}, 10)], cfg).qualifiedDays).toEqual([T]);
  });
});

describe('L7 and L28', () => {
  it.each([
    [[0], 1, 1],
    [[6], 1, 1],
    [[7], 0, 1],
    [[27], 0, 1],
    [[28], 0, 0],
    [range(0, 40), 7, 28],
    [range(1, 40), 6, 27],
  ])('qualified %j days ago -> L7 %i, L28 %i', (offsets, l7, l28) => {
    const s = at(onDays(T, offsets));
    expect([s.l7, s.l28]).toEqual([l7, l28]);
  });
});

describe('breadth and intensity', () => {
  const cfg: HabitualConfig = {
    features: { 'a.x': { key: true, weight: 3 }, 'b.x': { key: true }, 'v.x': { value: 'units' } },
    engagement: { intensityTarget: 10 },
  };
  it.each([
    [{ 'a.x': 1 }, 0, 0.75],
    [{ 'b.x': 1 }, 0, 0.25],
    [{ 'a.x': 1, 'b.x': 1 }, 0, 1],
    [{ 'a.x': 1 }, 27, 0.75],
    [{ 'a.x': 1 }, 28, 0],
  ])('used %j %i days ago -> breadth %f', (features, ago, want) => {
    expect(at(onDays(T, [ago], features), cfg).breadth).toBeCloseTo(want);
  });

  it.each([
    [[[1, 4]], 4, 0.4],
    [[[2, 0]], 2, 0.2], // uses without a numeric value count one unit each
    [
      [
        [1, 4],
        [1, 30],
      ],
      34,
      1,
    ],
  ])('value uses %j -> %i units, intensity %f', (uses, units, intensity) => {
    const rollups = (uses as Array<[number, number]>).map((u, i) => roll(addDays(T, -i), { 'v.x': u }));
    const s = at(rollups, cfg);
    expect(s.valueUnits28).toBe(units);
    expect(s.intensity).toBeCloseTo(intensity);
  });

  it('leaves value older than 28 days out', () => {
    expect(at([roll(addDays(T, -28), { 'v.x': [1, 5] }), roll(T, { 'v.x': [1, 2] })], cfg).valueUnits28).toBe(2);
  });
});

describe('momentum', () => {
  it('is null without enough history', () => {
    expect(at(onDays(T, range(0, 10))).momentum).toBeNull();
  });
  it('is 1 for a steady user', () => {
    expect(at(onDays(T, range(0, 80))).momentum).toBeCloseTo(1);
  });
  it('falls under half for a user fading out', () => {
    const m = at(onDays(T, range(12, 60))).momentum!;
    expect(m).toBeLessThan(0.5);
  });
  it('rises above 1 for a user picking up', () => {
    const m = at(onDays(T, [...range(0, 10), 30, 40, 50])).momentum!;
    expect(m).toBeGreaterThan(1);
  });
  it('does not count an unfinished today as a miss', () => {
    const done = at(onDays(T, range(0, 60))).momentum!;
    const notYet = at(onDays(T, range(1, 60))).momentum!;
    expect(notYet).toBeCloseTo(done);
  });
});

describe('streak', () => {
  const cfg = (period: 'day' | 'weekday' | 'week', more: object = {}): HabitualConfig => ({ ...CONFIG, engagement: { streak: { period, ...more } } });
  it.each([
    ['day: 5 in a row', 'day', range(0, 4), { current: 5, longest: 5, lifetime: 5, freezes: 0, todayDone: true }],
    ['day: grace, today still open', 'day', range(1, 5), { current: 5, todayDone: false }],
    ['day: a miss without freezes breaks', 'day', [0, 2, 3], { current: 1, longest: 2, lifetime: 3 }],
    ['day: 7 days earn a freeze that spends itself on a miss', 'day', [0, ...range(2, 8)], { current: 8, freezes: 0, freezesUsed: 1 }],
    ['day: freezes cap at 2', 'day', range(0, 29), { current: 30, freezes: 2 }],
    [
      'day: two freezes bridge two misses (and 8 more days earn one back)',
      'day',
      [...range(0, 3), ...range(6, 30)],
      { current: 29, freezes: 1, freezesUsed: 2 },
    ],
    [
      'day: a miss longer than the freezes breaks (and spends them)',
      'day',
      [...range(0, 3), ...range(7, 30)],
      { current: 4, longest: 24, freezes: 0, freezesUsed: 2 },
    ],
    ['day: yesterday missed, today open, freeze covers', 'day', range(2, 8), { current: 7, freezes: 0, freezesUsed: 1 }],
    // 2024-06-19 is a Wednesday: 0 Wed, 1 Tue, 2 Mon, 3 Sun, 4 Sat, 5 Fri, 6 Thu
    ['weekday: the weekend neither breaks nor counts', 'weekday', [0, 1, 2, 5, 6], { current: 5, lifetime: 5 }],
    ['weekday: weekend use does not count', 'weekday', [0, 1, 2, 3, 4, 5], { current: 4, lifetime: 4 }],
    ['weekday: a missed Friday breaks', 'weekday', [0, 1, 2, 6], { current: 3, longest: 3 }],
    ['week: one qualified day a week keeps it', 'week', [0, 7, 14, 21], { current: 4, lifetime: 4 }],
    ['week: several days in a week count once', 'week', [0, 1, 2, 7], { current: 2, lifetime: 2 }],
    ['week: this week still open', 'week', [7, 14], { current: 2, todayDone: false }],
    ['week: a missed week breaks', 'week', [0, 14], { current: 1 }],
  ] as const)('%s', (_, period, offsets, want) => {
    expect(at(onDays(T, offsets), cfg(period)).streak).toMatchObject({ period, ...want });
  });

  it('weekday grace on a weekend: Friday done, Saturday open', () => {
    const sat = '2024-06-22';
    const s = at(onDays(sat, [1, 2, 3, 4, 5]), cfg('weekday'), sat);
    expect(s.streak).toMatchObject({ current: 5, todayDone: false, freezesUsed: 0 });
  });

  it('a freeze earned every freezeEvery periods', () => {
    expect(at(onDays(T, range(0, 2)), cfg('day', { freezeEvery: 3, maxFreezes: 5 })).streak.freezes).toBe(1);
    expect(at(onDays(T, range(0, 8)), cfg('day', { freezeEvery: 3, maxFreezes: 5 })).streak.freezes).toBe(3);
  });
});

describe('activation', () => {
  it('reaches steps in order within the counts', () => {
    const s = at([
      roll(addDays(T, -5), { 'invoice.sent': 1, 'customer.created': 1 }),
      roll(addDays(T, -3), { 'customer.created': 1 }),
      roll(addDays(T, -1), { 'customer.created': 1 }),
    ]);
    expect(s.activation).toEqual({
      done: 2,
      total: 2,
      complete: true,
      steps: [
        { event: 'customer.created', count: 3, reachedOn: addDays(T, -1) },
        // met five days ago, but a later step counts from the day its predecessor did
        { event: 'invoice.sent', count: 1, reachedOn: addDays(T, -1) },
      ],
    });
  });
  it('stops at the first open step', () => {
    const s = at([roll(T, { 'invoice.sent': 1 })]);
    expect(s.activation.done).toBe(0);
    expect(s.activation.steps[1].reachedOn).toBeUndefined();
  });
});

describe('stuck funnel', () => {
  const h = (hh: number, day = T) => noon(day) - 12 * 3_600_000 + hh * 3_600_000;
  it.each([
    ['started 2 days ago, never done', [roll(addDays(T, -2), { 'import.opened': 1 }, 0, { 'import.opened': h(9, addDays(T, -2)) })], addDays(T, -2)],
    ['started yesterday: still in its window', [roll(addDays(T, -1), { 'import.opened': 1 }, 0, { 'import.opened': h(9, addDays(T, -1)) })], undefined],
    [
      'started, done later the same day',
      [
        roll(addDays(T, -3), { 'import.opened': 1, 'import.completed': 1 }, 0, {
          'import.opened': h(9, addDays(T, -3)),
          'import.completed': h(10, addDays(T, -3)),
        }),
      ],
      undefined,
    ],
    [
      'done in the morning, started again after',
      [
        roll(addDays(T, -3), { 'import.opened': 1, 'import.completed': 1 }, 0, {
          'import.opened': h(11, addDays(T, -3)),
          'import.completed': h(8, addDays(T, -3)),
        }),
      ],
      addDays(T, -3),
    ],
    [
      'started, done the next day',
      [
        roll(addDays(T, -4), { 'import.opened': 1 }, 0, { 'import.opened': h(9) }),
        roll(addDays(T, -3), { 'import.completed': 1 }, 0, { 'import.completed': h(9) }),
      ],
      undefined,
    ],
  ])('%s', (_, rollups, since) => {
    const s = at(rollups);
    if (since === undefined) expect(s.stuck).toBeUndefined();
    else {
      expect(s.stuck).toEqual({ funnel: 'import', since, help: { text: 'Importing from a spreadsheet?', href: '/help/import' } });
      expect(s.next).toMatchObject({ kind: 'stuck', id: 'import', help: { href: '/help/import' } });
    }
  });
});

describe('next best step', () => {
  const cfg: HabitualConfig = {
    ...CONFIG,
    widgets: {
      checklist: {
        items: [
          { id: 'c1', label: 'Add a customer', event: 'customer.created', count: 1 },
          { id: 'm1', label: 'Send one', milestone: 'first-invoice' },
        ],
      },
    },
  };
  it.each([
    ['first open checklist item', [roll(T, {})], { kind: 'checklist', id: 'c1' }],
    ['then the next one (done by milestone)', [roll(T, { 'customer.created': 1 })], { kind: 'checklist', id: 'm1' }],
    ['then the next activation step', [roll(T, { 'customer.created': 1, 'invoice.sent': 1 })], { kind: 'activation', id: 'customer.created' }],
    [
      'then the unused key feature',
      [roll(T, { 'customer.created': 3, 'invoice.sent': 1, 'import.completed': 1 })],
      { kind: 'feature', id: 'report.viewed', label: 'View reports' },
    ],
    ['nothing when every key feature is in use', [roll(T, { 'customer.created': 3, 'invoice.sent': 1, 'import.completed': 1, 'report.viewed': 1 })], undefined],
  ])('%s', (_, rollups, want) => {
    const s = at(rollups, cfg);
    if (want === undefined) expect(s.next).toBeUndefined();
    else expect(s.next).toMatchObject(want);
  });
});

describe('milestones', () => {
  it('reaches event, streak and active-day milestones on the right day', () => {
    const s = at(onDays(T, range(0, 9)));
    expect(s.milestones).toEqual([
      { id: 'first-invoice', title: 'First invoice sent', day: addDays(T, -9) },
      { id: 'streak-5', title: 'Five in a row', day: addDays(T, -5) },
      { id: 'active-10', title: 'Ten active days', day: T },
    ]);
    expect(s.newMilestones).toHaveLength(3);
  });
  it('never reports one already reached as new, and keeps its recorded day', () => {
    const s = at(onDays(T, range(0, 9)), CONFIG, T, { milestones: { 'first-invoice': '2020-01-01', gone: '2021-01-01' } });
    expect(s.newMilestones.map((m) => m.id)).toEqual(['streak-5', 'active-10']);
    expect(s.milestones.slice(0, 2)).toEqual([
      { id: 'first-invoice', title: 'First invoice sent', day: '2020-01-01' },
      { id: 'gone', title: 'gone', day: '2021-01-01' },
    ]);
  });
});

describe('days and time zones', () => {
  it.each([
    // New York spring forward: 2024-03-10 has 23 hours. 23:30 local is 03:30Z the next day.
    ['America/New_York', Date.UTC(2024, 2, 11, 3, 30), '2024-03-10'],
    ['America/New_York', Date.UTC(2024, 2, 10, 5, 30), '2024-03-10'],
    // fall back: 2024-11-03 has 25 hours; 23:30 EST is 04:30Z on the 4th
    ['America/New_York', Date.UTC(2024, 10, 4, 4, 30), '2024-11-03'],
    ['America/New_York', Date.UTC(2024, 10, 4, 5, 30), '2024-11-04'],
    // Helsinki spring forward 2024-03-31 (23 h), fall back 2024-10-27 (25 h)
    ['Europe/Helsinki', Date.UTC(2024, 2, 31, 20, 59), '2024-03-31'],
    ['Europe/Helsinki', Date.UTC(2024, 2, 31, 21, 0), '2024-04-01'],
    ['Europe/Helsinki', Date.UTC(2024, 9, 27, 21, 59), '2024-10-27'],
    ['Europe/Helsinki', Date.UTC(2024, 9, 27, 22, 0), '2024-10-28'],
  ])('%s at %i is local day %s', (tz, now, day) => {
    expect(computeState([], CONFIG, now, tz).today).toBe(day);
  });

  it('a day streak runs through 23 h and 25 h days', () => {
    const days = ['2024-03-09', '2024-03-10', '2024-03-11', '2024-11-02', '2024-11-03', '2024-11-04'];
    const spring = computeState(
      days.slice(0, 3).map((d) => roll(d, { 'invoice.sent': 1 })),
      CONFIG,
      Date.UTC(2024, 2, 12, 3, 30),
      'America/New_York',
    );
    expect(spring).toMatchObject({ today: '2024-03-11', streak: { current: 3, todayDone: true } });
    const fall = computeState(
      days.slice(3).map((d) => roll(d, { 'invoice.sent': 1 })),
      CONFIG,
      Date.UTC(2024, 10, 5, 4, 59),
      'America/New_York',
    );
    expect(fall).toMatchObject({ today: '2024-11-04', streak: { current: 3, todayDone: true } });
  });

  it('a user who flies west keeps the day already recorded ahead', () => {
    // Recorded in Tokyo on the 11th; now in Los Angeles where it is still the 10th.
    const rollups = [
      roll('2024-06-09', { 'invoice.sent': 1 }),
      roll('2024-06-10', { 'invoice.sent': 1 }),
      { ...roll('2024-06-11', { 'invoice.sent': 1 }), tz: 'Asia/Tokyo' },
    ];
    const s = computeState(rollups, CONFIG, Date.UTC(2024, 5, 11, 2), 'America/Los_Angeles');
    expect(s).toMatchObject({ today: '2024-06-11', l7: 3, streak: { current: 3, todayDone: true } });
  });

  it('a user who moves east keeps a streak across the zone change', () => {
    const rollups = [
      { ...roll('2024-06-08', { 'invoice.sent': 1 }), tz: 'America/New_York' },
      { ...roll('2024-06-09', { 'invoice.sent': 1 }), tz: 'America/New_York' },
      { ...roll('2024-06-10', { 'invoice.sent': 1 }), tz: 'Europe/Helsinki' },
    ];
    // 23:30 on the 9th in New York is 06:30 on the 10th in Helsinki.
    const s = computeState(rollups, CONFIG, Date.UTC(2024, 5, 10, 3, 30), 'Europe/Helsinki');
    expect(s).toMatchObject({ today: '2024-06-10', streak: { current: 3, todayDone: true } });
  });
});

describe('lifecycle stage', () => {
  const activated = { 'customer.created': 3, 'invoice.sent': 1 };
  const allKeys = { ...activated, 'import.completed': 1, 'report.viewed': 1 };
  const days = (offsets: number[], first: Record<string, number> = activated, rest: Record<string, number> = { 'invoice.sent': 1 }) => {
    const sorted = [...offsets].sort((a, b) => b - a);
    return onDays(T, sorted.slice(0, 1), first).concat(onDays(T, sorted.slice(1), rest));
  };
  const power = range(0, 27).filter((i) => i % 7 < 5); // L7 5, L28 20
  const cases: Array<[string, string, ReturnType<typeof roll>[], Parameters<typeof computeState>[4]?]> = [
    ['no data', 'new', []],
    ['first qualified day 3 days ago', 'new', days([3, 0], { 'customer.created': 1 })],
    ['in onboarding, progressing', 'activating', [roll(addDays(T, -8), { 'customer.created': 1 }, 6), roll(addDays(T, -2), { 'customer.created': 1 }, 6)]],
    [
      'in onboarding, a use towards the open step is progress',
      'activating',
      [roll(addDays(T, -8), { 'customer.created': 1 }, 6), roll(addDays(T, -4), {}, 6), roll(addDays(T, -2), { 'customer.created': 1 })],
    ],
    [
      'in onboarding, no progress for 5 days',
      'stuck',
      [roll(addDays(T, -9), { 'customer.created': 1 }, 6), roll(addDays(T, -5), { 'customer.created': 1 }, 6), roll(T, {}, 6)],
    ],
    [
      'past the onboarding window without activating',
      'stuck',
      [
        roll(addDays(T, -33), { 'customer.created': 1 }, 6),
        ...onDays(
          T,
          range(0, 10).map((i) => i * 3),
          {},
        ).map((r) => ({ ...r, activeMs: 600_000 })),
        roll(addDays(T, -2), { 'customer.created': 1 }),
      ],
    ],
    ['activated, but only a few days', 'activating', days([9, 6, 3, 0])],
    ['activated, 8 of the last 28 days', 'engaged', days(range(0, 7).map((i) => i * 3))],
    ['power: L7 5, L28 20, breadth 1', 'power', days(power, allKeys, allKeys)],
    ['power criteria but narrow breadth', 'engaged', days(power)],
    ['hysteresis: was power, L28 17 stays power', 'power', days(power.slice(0, -3), allKeys, allKeys), { stage: 'power' }],
    ['without the previous stage, L28 17 is engaged', 'engaged', days(power.slice(0, -3), allKeys, allKeys)],
    ['hysteresis: was power, L28 15 leaves', 'engaged', days(power.slice(0, -5), allKeys, allKeys), { stage: 'power' }],
    ['engaged, then 7 days away', 'at_risk', days(range(7, 40))],
    ['engaged, then 29 days away', 'at_risk', days(range(29, 60))],
    ['engaged, then 30 days away', 'dormant', days(range(30, 60))],
    ['never engaged, 7 days away', 'stuck', days([7, 8], { 'customer.created': 1 })],
    ['never engaged, 30 days away', 'dormant', days([30, 35], { 'customer.created': 1 })],
    ['engaged, momentum fading below half', 'at_risk', days([...range(24, 60), 18, 12, 6, 0])],
    ['back after 10 days', 'reactivated', days([...range(10, 40), 0])],
    ['still onboarding, back after 10 days', 'stuck', [roll(addDays(T, -12), { 'customer.created': 1 }, 6), roll(T, {}, 6)]],
    ['back after 40 days (resurrected)', 'resurrected', days([...range(40, 70), 1, 0])],
    ['back 8 days ago: the comeback label has passed', 'engaged', days([...range(50, 80), ...range(0, 8)])],
  ];
  it.each(cases)('%s -> %s', (_, want, rollups, prev) => {
    expect(at(rollups, CONFIG, T, prev).stage).toBe(want);
  });
});

describe('score', () => {
  it('explains itself: parts sum to the score, weights from the config', () => {
    const s = at(onDays(T, range(0, 30), { 'invoice.sent': [1, 1], 'customer.created': 1 }));
    expect(s.parts.map((p) => [p.measure, p.weight])).toEqual([
      ['frequency', 30],
      ['breadth', 25],
      ['intensity', 20],
      ['momentum', 15],
      ['activation', 10],
      ['volume', 10],
      ['drivers', 100],
    ]);
    expect(s.parts.reduce((a, p) => a + p.contribution, 0)).toBeCloseTo(s.score);
    // frequency 100, breadth 50, intensity 100 (28 units >= 20), momentum 100, activation
    // 100, volume 56 (56 uses of the 100 target); drivers has no model here.
    expect(s.parts.find((p) => p.measure === 'drivers')?.value).toBeNull();
    expect(s.score).toBeCloseTo(((30 + 12.5 + 20 + 15 + 10 + 10 * 0.56) * 100) / 110);
    expect(s.parts[1].gap).toBeCloseTo((12.5 * 100) / 110);
    expect(s.band).toBe('green');
  });
  it('drops measures without data', () => {
    const cfg: HabitualConfig = { features: { 'a.x': { core: true } } };
    const s = at(onDays(T, range(0, 9), { 'a.x': 1 }), cfg);
    // only frequency (10 of a 20-day target) and volume (10 of 100 uses) have data
    expect(s.parts.filter((p) => p.value !== null).map((p) => p.measure)).toEqual(['frequency', 'volume']);
    expect(s.score).toBeCloseTo((30 * 50 + 10 * 10) / 40);
    expect(s.band).toBe('red');
  });
  it('is 0 and red without any data', () => {
    expect(at([])).toMatchObject({ score: 0, band: 'red', stage: 'new', qualifiedDays: [] });
  });
});

describe('input handling', () => {
  it('sums records of several devices for the same day, without touching them', () => {
    const a = roll(T, { 'invoice.sent': [1, 2] }, 2);
    const b = roll(T, { 'invoice.sent': [2, 3] }, 3);
    const before = JSON.stringify([a, b]);
    const s = at([b, a]);
    expect(s.totals['invoice.sent']).toEqual({ n: 3, value: 5 });
    expect(s.qualifiedDays).toEqual([T]);
    expect(JSON.stringify([a, b])).toBe(before);
  });
  it('throws one clear error on a bad config', () => {
    expect(() => at([], { engagement: { weights: { breadth: -1 } } })).toThrow(/engagement\.weights\.breadth/);
  });
});
