import * as v from 'valibot';
import type { Hono } from 'hono';
import type { CollectorContext } from '../collector-context';
import { adminApp } from '../http/admin-app';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';
import { dayKey } from '@habitual/core';
import { currentConfig } from '../config/config-store';
import { findAccount, saveAccount, unsetAccount } from './account-store';
import { applyOutcome, hasOutcome, OUTCOME_FIELDS } from './outcome';
import { loadAccountUsers } from './load-account-users';
import { parseAccountListQuery } from './account-list-query';
import { accountsCsvHeader, accountsCsvRows } from './accounts-csv';

/** Accounts per read while exporting. */
const EXPORT_PAGE = 500;
import { listAccountStates } from '../state/list-account-states';
import { readAccountState } from '../state/read-account-state';
import { computeAccountStateSteps } from '../state/compute-account-state';
import { runSliced } from '../state/run-sliced';
import { stateHorizonDays } from '../state/state-horizon';
import { MAX_HISTORY_DAYS, readAccountHistory } from '../state/read-account-history';
import { backfillHistory } from '../state/backfill-history';

const AccountBody = v.object({
  name: v.optional(v.pipe(v.string('name must be a string'), v.maxLength(200, 'name must be at most 200 characters'))),
  plan: v.optional(v.pipe(v.string('plan must be a string'), v.maxLength(100, 'plan must be at most 100 characters'))),
  pricePerMonth: v.optional(
    v.pipe(v.number('pricePerMonth must be a number'), v.finite('pricePerMonth must be finite'), v.minValue(0, 'pricePerMonth must be 0 or more')),
  ),
  paidSeats: v.optional(
    v.pipe(
      v.number('paidSeats must be a number'),
      v.integer('paidSeats must be a whole number'),
      v.minValue(0, 'paidSeats must be 0 or more'),
      v.maxValue(1_000_000, 'paidSeats must be at most 1000000'),
    ),
  ),
  ...OUTCOME_FIELDS,
});

const BackfillBody = v.object({
  days: v.pipe(
    v.number('days must be a number'),
    v.integer('days must be a whole number'),
    v.minValue(1, 'days must be 1 or more'),
    v.maxValue(120, 'days must be at most 120'),
  ),
});

const ACCOUNT_ID = /^[\w.:@-]{1,200}$/;

/**
 * `PUT /v1/accounts/:id` (plan, price, paid seats, and the outcome: `status`, `churnedAt`,
 * `renewedAt`, `mrr`; the host's backend with the app secret),
 * `GET /v1/accounts` (one page of the kept scorecards: see `parseAccountListQuery`) and
 * `GET /v1/accounts/:id/scorecard` (one account with its users) and
 * `GET /v1/accounts/:id/history?days=90` (its daily scores). They read the kept state tables,
 * from the read pool when there is one. `POST /v1/admin/history/backfill` `{ days }` fills the
 * score history of days before the collector kept it, from the stored rollups.
 */
export function accountsRoute(app: Hono, ctx: CollectorContext) {
  app.put('/v1/accounts/:id', async (c) => {
    const target = await adminApp(c, ctx);
    const id = c.req.param('id');
    if (!ACCOUNT_ID.test(id)) fail(400, 'The account id in the path must be 1-200 letters, digits or ._:@-.');
    const body = parseOr400(AccountBody, await readJsonBody(c.req.raw, { maxBytes: 8_192 }));
    // Plan fields come together, as they always have; a body of outcome fields alone (the
    // billing system's churn or renewal) changes just those.
    const planGiven = body.name !== undefined || body.plan !== undefined || body.pricePerMonth !== undefined || body.paidSeats !== undefined;
    const outcomeOnly = !planGiven && (hasOutcome(body) || body.mrr !== undefined);
    if (!outcomeOnly) {
      if (body.pricePerMonth === undefined && body.mrr === undefined) fail(400, 'pricePerMonth is missing.');
      if (body.paidSeats === undefined) fail(400, 'paidSeats is missing.');
    }
    if (body.pricePerMonth !== undefined && body.mrr !== undefined && body.mrr !== body.pricePerMonth) {
      fail(400, `mrr (${body.mrr}) differs from pricePerMonth (${body.pricePerMonth}); they are the same number, send one.`);
    }
    const price = body.pricePerMonth ?? body.mrr;
    const today = dayKey(Math.floor(ctx.now() / 86_400_000));
    const account = await saveAccount(ctx.db, target.id, id, {
      plan: outcomeOnly ? undefined : { name: body.name ?? '', plan: body.plan ?? '', pricePerMonth: price as number, paidSeats: body.paidSeats as number },
      mrr: body.mrr,
      outcome: hasOutcome(body) ? (had) => applyOutcome(had, body, today) : undefined,
    });
    return c.json({ account });
  });

  app.get('/v1/accounts', async (c) => {
    const target = await adminApp(c, ctx);
    const query = parseAccountListQuery((name) => c.req.query(name));
    const page = await listAccountStates(ctx.readDb, target.id, query);
    return c.json({ app: target.id, ...page });
  });

  // The whole filtered, sorted list as CSV, read a page at a time.
  app.get('/v1/accounts.csv', async (c) => {
    const target = await adminApp(c, ctx);
    const query = parseAccountListQuery((name) => (name === 'limit' ? String(EXPORT_PAGE) : c.req.query(name)));
    let csv = accountsCsvHeader();
    for (let after = query.after; ; ) {
      const page = await listAccountStates(ctx.readDb, target.id, { ...query, after });
      csv += accountsCsvRows(page.accounts);
      if (!page.nextCursor) break;
      after = parseAccountListQuery((name) => (name === 'cursor' ? page.nextCursor! : name === 'limit' ? String(EXPORT_PAGE) : c.req.query(name))).after;
    }
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${target.id}-accounts.csv"`,
    });
  });
  app.get('/v1/accounts/:id/history', async (c) => {
    const target = await adminApp(c, ctx);
    const text = c.req.query('days') ?? '90';
    const days = Number(text);
    if (!/^\d+$/.test(text) || days < 1 || days > MAX_HISTORY_DAYS) fail(400, `days must be a whole number from 1 to ${MAX_HISTORY_DAYS}; got "${text}".`);
    return c.json({ days: await readAccountHistory(ctx.readDb, target.id, c.req.param('id'), days, ctx.now()) });
  });
  app.post('/v1/admin/history/backfill', async (c) => {
    const target = await adminApp(c, ctx);
    const { days } = parseOr400(BackfillBody, await readJsonBody(c.req.raw, { maxBytes: 1_024 }));
    const { config } = await currentConfig(ctx.db, target.id);
    return c.json({ written: await backfillHistory(ctx.db, target.id, config, days, ctx.now()) });
  });
  app.get('/v1/accounts/:id/scorecard', async (c) => {
    const target = await adminApp(c, ctx);
    const id = c.req.param('id');
    const kept = await readAccountState(ctx.readDb, target.id, id);
    if (kept) return c.json(kept);
    // Not computed yet (its first data arrived a moment ago): compute this one account now.
    const users = await loadAccountUsers(ctx.db, target.id, id);
    const account = (await findAccount(ctx.db, target.id, id)) ?? (users.length ? unsetAccount(id, ctx.now()) : undefined);
    if (!account) fail(404, `Account "${id}" has neither been set nor sent any summaries.`);
    const { config } = await currentConfig(ctx.db, target.id);
    const fresh = await runSliced(computeAccountStateSteps(account, users, config, ctx.now(), stateHorizonDays(config)));
    const usersDetail = fresh.users.map((u) => u.summary ?? { id: u.id, error: u.error });
    return c.json(fresh.card ? { ...fresh.card, usersDetail } : { account, error: fresh.error, score: null, band: 'error', users: users.length, usersDetail });
  });
}
