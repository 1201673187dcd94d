// The accounts list's sorts, shared by its query (the collector) and the dashboard's table:
// no imports, so the dashboard bundle takes just these words.

export const ACCOUNT_SORTS = ['score', 'trend', 'name', 'mrr', 'users', 'updated', 'depth', 'breadth', 'reach', 'valuePerDollar'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** The order a sort opens in: most at risk (the least of a measure), or the most of an amount or recency, first. */
export const DEFAULT_ORDER: Record<AccountSort, 'asc' | 'desc'> = {
  score: 'asc',
  trend: 'asc',
  name: 'asc',
  mrr: 'desc',
  users: 'desc',
  updated: 'desc',
  depth: 'asc',
  breadth: 'asc',
  reach: 'asc',
  valuePerDollar: 'asc',
};
