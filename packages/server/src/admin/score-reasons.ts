import type { AccountScorecard } from '../accounts/account-scorecard';
import { number, percent, trendChange } from './format';

/** One measure of an account's score in words: what it found, and how many points it costs. */
export interface Reason {
  id: string;
  text: string;
  /** Points of the score this measure leaves on the table (its gap). */
  costs: number;
}

/**
 * Why an account scores what it does, in sentences, the measure that costs most first. A
 * measure without data says so instead of counting.
 */
export function scoreReasons(card: Omit<AccountScorecard, 'usersDetail'>): Reason[] {
  const say: Record<string, () => string> = {
    depth: () =>
      `${card.depth.meeting} of ${card.depth.seats} ${card.depth.seats === 1 ? 'seat is' : 'seats are'} in real use (active on ${card.depth.bar} or more of the last 28 days).`,
    breadth: () => `${percent(card.breadth)} of the key features were used by someone in the last 28 days.`,
    reach: () => `${number(card.reach)} value units delivered in the last 28 days.`,
    valuePerDollar: () =>
      card.valuePerDollar === null
        ? 'No price is set for this account, so value per dollar is not counted.'
        : `${number(card.valuePerDollar)} value units per unit of monthly price.`,
    trend: () =>
      card.trend.change === null
        ? card.trend.series.some((n) => n > 0)
          ? 'Too new for a trend: nothing to compare with in the 14 days before.'
          : 'No activity in the last 28 days, so no trend.'
        : `Active users per day ${card.trend.change >= 0 ? 'up' : 'down'} ${trendChange(card.trend).replace(/^[+-]/, '')} against the 14 days before.`,
  };
  return card.parts
    .map((p) => ({ id: p.id, text: say[p.id]?.() ?? `${p.id}: ${number(p.raw)}`, costs: p.value === null ? 0 : Math.round(p.gap) }))
    .sort((a, b) => b.costs - a.costs);
}
