import { describe, expect, it } from 'vitest';
import { computeState, mergeDeviceRollups } from '@habitual/core';
import { day } from '../testing/fixtures';
import { accountScorecard } from './account-scorecard';
import type { UserRollups } from './scorecard-inputs';

const NOW = Date.UTC(2025, 2, 31, 12);
const config = { features: { 'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' } } };
const account = { id: 'acme', name: '', plan: '', pricePerMonth: 10, paidSeats: 1, updatedAt: new Date(NOW).toISOString() };
/** One user active on the days `ago` (0 = 2025-03-31) with one invoice each. */
const userActive = (id: string, ago: number[]): UserRollups => ({
  id,
  tz: 'UTC',
  perDevice: [
    {
      deviceId: `d_${id}`,
      days: ago.map((n) => ({ ...day(new Date(Date.UTC(2025, 2, 31 - n)).toISOString().slice(0, 10), 1, { 'invoice.sent': { n: 1, value: 1 } }), tz: 'UTC' })),
    },
  ],
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const trendPart = (card: ReturnType<typeof accountScorecard>) => card.parts.find((p) => p.id === 'trend')!;

describe('account trend', () => {
  it('has no data for a brand-new account (nothing in the 14 days before), so it drops out of the score', () => {
    const card = accountScorecard(account, [userActive('u_1', range(0, 9))], config, NOW);
    expect(card.trend.series.slice(14).reduce((a, b) => a + b)).toBe(10);
    expect(card.trend.change).toBeNull();
    expect(trendPart(card)).toMatchObject({ raw: null, value: null, contribution: 0, gap: 0 });
    // The other measures share the whole score: their weights without trend's are the denominator.
    const others = card.parts.filter((p) => p.value !== null);
    const denominator = others.reduce((a, p) => a + p.weight, 0);
    expect(denominator).toBe(85);
    expect(card.score).toBe(Math.round(others.reduce((a, p) => a + (p.weight * p.value!) / denominator, 0)));
  });

  it('has no data without any activity in 28 days', () => {
    const card = accountScorecard(account, [userActive('u_1', [40])], config, NOW);
    expect(card.trend.change).toBeNull();
    expect(trendPart(card).raw).toBeNull();
  });

  it('compares the last 14 days with the 14 before when the earlier window has activity', () => {
    const growing = accountScorecard(account, [userActive('u_1', [...range(0, 5), ...range(14, 18)])], config, NOW);
    expect(growing.trend.change).toBeCloseTo(0.2);
    expect(trendPart(growing).value).toBeCloseTo(100);
    const gone = accountScorecard(account, [userActive('u_1', range(14, 20))], config, NOW);
    expect(gone.trend.change).toBe(-1);
    expect(trendPart(gone).value).toBe(0);
  });
});

describe('account drivers measure', () => {
  const learned = { ...config, engagement: { drivers: { weights: { 'invoice.sent': 1 }, bias: -2 } } };
  const users = [userActive('u_1', range(0, 27)), userActive('u_2', [3])];

  it('is the users mean drivers measure under a learned model, the numbers their devices show', () => {
    const card = accountScorecard(account, users, learned, NOW, true);
    const drivers = card.parts.find((p) => p.id === 'drivers')!;
    // u_1: 28 invoices, 100 / (1 + e^-(log 29 - 2)); u_2: one, 100 / (1 + e^-(log 2 - 2)).
    const chance = (n: number) => 100 / (1 + Math.exp(-(Math.log1p(n) - 2)));
    expect(drivers.raw).toBeCloseTo((chance(28) + chance(1)) / 2, 6);
    expect(drivers.weight).toBe(50);
    expect(drivers.contribution).toBeGreaterThan(0);
  });

  it('has no data without a model, so account scores stay as they were', () => {
    const card = accountScorecard(account, users, config, NOW);
    expect(card.parts.find((p) => p.id === 'drivers')).toMatchObject({ raw: null, value: null, contribution: 0 });
  });
});

describe('the account as one user', () => {
  // The card reads each user's last days only (their scorecard inputs); the account's breadth,
  // reach and today must still be those of core's engine over every day of every user.
  const features = {
    'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
    'customer.created': { label: 'Add a customer', key: true, weight: 3 },
    'report.viewed': { label: 'View a report', value: 'reports' },
  };
  const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'UTC', 'America/Los_Angeles'];
  const names = ['invoice.sent', 'customer.created', 'report.viewed', 'other'];

  it('has the breadth, reach and today of the engine over all the days, in every zone', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let round = 0; round < 200; round++) {
      const users: UserRollups[] = Array.from({ length: 1 + (round % 4) }, (_, u) => ({
        id: `u_${u}`,
        tz: zones[(round + u) % zones.length],
        perDevice: [0, 1].map((dv) => ({
          deviceId: `d_${dv}`,
          // Days from 40 back to 2 ahead (a traveller's "tomorrow"), sparse.
          days: range(-2, 40)
            .filter(() => rnd() < 0.4)
            .map((ago) => ({
              ...day(new Date(NOW - ago * 86_400_000).toISOString().slice(0, 10), 1, {}),
              features: Object.fromEntries(
                names.filter(() => rnd() < 0.5).map((f) => [f, { n: Math.floor(rnd() * 3), value: [0, 1.5, 0.1, 4][Math.floor(rnd() * 4)] }]),
              ),
            })),
        })),
      }));
      const now = NOW + Math.floor(rnd() * 24) * 3_600_000;
      const card = accountScorecard(account, users, { features }, now);
      const whole = computeState(
        users.flatMap((u) => mergeDeviceRollups(u.perDevice)),
        { features },
        now,
        users[0].tz,
      );
      expect({ breadth: card.breadth, reach: card.reach, today: card.trend.days[27] }, `round ${round}`).toEqual({
        breadth: whole.breadth,
        reach: whole.valueUnits28,
        today: whole.today,
      });
    }
  });
});
