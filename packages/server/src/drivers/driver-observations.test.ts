import { describe, expect, it } from 'vitest';
import { addDays, type DayRollup } from '@habitual/core';
import { observeUsers, type DriverUser } from './driver-observations';

const config = { features: { 'invoice.sent': { value: 'invoices' } } };
const daily = (from: string, to: string): DayRollup[] => {
  const out: DayRollup[] = [];
  for (let d = from; d <= to; d = addDays(d, 1))
    out.push({ v: 1, day: d, tz: 'UTC', rev: 1, activeMs: 0, features: { 'invoice.sent': { n: 1, value: 1 } }, firsts: {} });
  return out;
};
const user = (id: string, ...spans: Array<[string, string]>): DriverUser => ({
  id,
  accountId: `acct_${id}`,
  tz: 'UTC',
  days: spans.flatMap(([a, b]) => daily(a, b)),
});
const users = [
  user('a', ['2026-03-01', '2026-06-10']), // silent 20 days by today: not churned (yet)
  user('b', ['2026-03-01', '2026-05-10']), // 30 silent days end on 06-09, within 30 days of 05-31
  user('c', ['2026-03-01', '2026-04-20']), // gone before 05-31: not a customer then
  user('d', ['2026-02-01', '2026-02-10'], ['2026-04-11', '2026-06-30']), // back after a long silence
  user('e', ['2026-06-01', '2026-06-30']), // arrived after the observation date
];
const base = { users, config, today: '2026-06-30', horizonDays: 30, inferChurnDays: 30, dates: 1, spacingDays: 14 };
const none = { accounts: new Map(), users: new Map() };

describe('observeUsers', () => {
  it('without outcomes, infers churn from inferChurnDays of silence', async () => {
    const o = await observeUsers({ ...base, outcomes: none });
    expect(o.labels).toBe('inferred');
    expect(o.dates).toEqual(['2026-05-31']);
    expect(o.rows.map((r) => [users[r.user].id, r.stayed])).toEqual([
      ['a', 1],
      ['b', 0],
      ['d', 1],
    ]);
  });

  it('churns on the day the silence reaches inferChurnDays', async () => {
    // At 45 days c is still a customer on 05-31 (silent since 04-21) and churns on 06-04.
    const o = await observeUsers({ ...base, outcomes: none, inferChurnDays: 45 });
    expect(o.rows.map((r) => [users[r.user].id, r.stayed])).toEqual([
      ['a', 1],
      ['b', 0],
      ['c', 0],
      ['d', 1],
    ]);
  });

  it('with outcomes, uses them: a user outcome first, else the account', async () => {
    const outcomes = {
      accounts: new Map([['acct_a', { status: 'churned' as const, churnedAt: '2026-06-20', renewedAt: null }]]),
      users: new Map([['c', { status: 'active' as const, churnedAt: null, renewedAt: null }]]),
    };
    const o = await observeUsers({ ...base, outcomes });
    expect(o.labels).toBe('recorded');
    expect(o.rows.map((r) => [users[r.user].id, r.stayed])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 1],
      ['d', 1],
    ]);
  });

  it('gives each row the inputs the device computes, tenure last', async () => {
    const o = await observeUsers({ ...base, outcomes: none });
    const a = o.rows[0];
    expect(o.names).toEqual(['invoice.sent', 'frequency', 'breadth', 'intensity', 'momentum', 'activation', 'volume', 'tenure']);
    expect(a.x[0]).toBeCloseTo(Math.log1p(28));
    expect(a.x[1]).toBe(1);
    expect(a.x[7]).toBeCloseTo(Math.log1p(91));
  });
});
