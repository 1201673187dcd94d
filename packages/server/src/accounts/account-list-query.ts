import type { Stage } from '@habitual/core';
import { fail } from '../http/fail';

import { ACCOUNT_SORTS, DEFAULT_ORDER, type AccountSort } from './account-sorts';

export type { AccountSort } from './account-sorts';
const ACCOUNT_BANDS = ['red', 'yellow', 'green', 'none', 'error'] as const;
// A record, so the compiler asks for a stage core adds.
const STAGE_KEYS: Record<Stage, true> = {
  new: true,
  activating: true,
  stuck: true,
  engaged: true,
  power: true,
  at_risk: true,
  dormant: true,
  reactivated: true,
  resurrected: true,
};
const STAGES = Object.keys(STAGE_KEYS);

export interface AccountListQuery {
  limit: number;
  sort: AccountSort;
  order: 'asc' | 'desc';
  /** Where the page starts: the last row of the page before (sort value, account id). */
  after?: [string | number, string];
  q?: string;
  band?: (typeof ACCOUNT_BANDS)[number];
  plan?: string;
  /** Accounts with at least one user in this stage. */
  stage?: string;
}

/** Largest page. */
const MAX_LIMIT = 500;

/** A cursor names the page's sort so it cannot be replayed against another one. */
export const encodeCursor = (sort: AccountSort, order: string, value: string | number, id: string) =>
  Buffer.from(JSON.stringify([sort, order, value, id])).toString('base64url');

/**
 * `GET /v1/accounts`' query string: `limit` (1-500, default 50), `cursor` (the answer's
 * `nextCursor`), `sort` (score, trend, name, mrr, users, updated, depth, breadth, reach,
 * valuePerDollar), `order` (asc, desc), `q` (part of the name or id), `band` (red, yellow, green,
 * none: no data yet, error), `plan`, `stage` (accounts with a user in it). Answers 400 naming
 * the parameter.
 */
export function parseAccountListQuery(get: (name: string) => string | undefined): AccountListQuery {
  const limitText = get('limit');
  const limit = limitText === undefined ? 50 : Number(limitText);
  if (!/^\d+$/.test(limitText ?? '50') || limit < 1 || limit > MAX_LIMIT) fail(400, `limit must be a whole number from 1 to ${MAX_LIMIT}; got "${limitText}".`);
  const sort = (get('sort') ?? 'score') as AccountSort;
  if (!ACCOUNT_SORTS.includes(sort)) fail(400, `sort must be one of ${ACCOUNT_SORTS.join(', ')}; got "${get('sort')}".`);
  const order = get('order') ?? DEFAULT_ORDER[sort];
  if (order !== 'asc' && order !== 'desc') fail(400, `order must be asc or desc; got "${order}".`);
  const q = get('q');
  if (q !== undefined && q.length > 200) fail(400, 'q must be at most 200 characters.');
  const band = get('band') as AccountListQuery['band'];
  if (band !== undefined && !ACCOUNT_BANDS.includes(band)) fail(400, `band must be one of ${ACCOUNT_BANDS.join(', ')}; got "${band}".`);
  const plan = get('plan');
  if (plan !== undefined && plan.length > 100) fail(400, 'plan must be at most 100 characters.');
  const stage = get('stage');
  if (stage !== undefined && !STAGES.includes(stage)) fail(400, `stage must be one of ${STAGES.join(', ')}; got "${stage}".`);
  const cursor = get('cursor');
  let after: AccountListQuery['after'];
  if (cursor) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const ok =
      Array.isArray(parsed) &&
      parsed.length === 4 &&
      parsed[0] === sort &&
      parsed[1] === order &&
      (typeof parsed[2] === 'string' || typeof parsed[2] === 'number') &&
      typeof parsed[3] === 'string';
    if (!ok) fail(400, 'cursor is not a nextCursor of this list with the same sort and order: start again without it.');
    const [, , value, id] = parsed as [string, string, string | number, string];
    after = [value, id];
  }
  return { limit, sort, order, after, q: q || undefined, band, plan, stage };
}
