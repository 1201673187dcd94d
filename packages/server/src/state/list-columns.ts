import type { KeptAccount } from './compute-account-state';

/** No score yet sorts after every score (ascending: below the accounts at risk). */
const NO_DATA_SCORE = 101;

/**
 * The sort keys `account_states` keeps for one account, never null so a keyset page is exact:
 * an error sorts first (score -1), an account with no data yet after every score (its band
 * `none`), a measure without a value (or no trend yet) below every value.
 */
export function listColumns(kept: KeptAccount) {
  const card = kept.card;
  const raw = (id: string) => card?.parts.find((p) => p.id === id)?.raw ?? -1;
  return {
    score: !card ? -1 : card.noData ? NO_DATA_SCORE : card.score,
    band: !card ? 'error' : card.noData ? 'none' : card.band,
    trend: card?.trend.change ?? -1e9,
    depth: raw('depth'),
    breadth: card ? card.breadth : -1,
    reach: card ? card.reach : -1,
    value_per_dollar: card?.valuePerDollar ?? -1,
  };
}
