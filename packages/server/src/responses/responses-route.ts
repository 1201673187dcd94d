import type { Hono } from 'hono';
import type { CollectorContext } from '../collector-context';
import { adminApp } from '../http/admin-app';
import { browserApp, spendRequest } from '../http/browser-app';
import { checkIdentity } from '../http/check-identity';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';
import { anonymousUserId } from '../summaries/store-summaries';
import { listResponses, responsesReport, type ResponsesFilter } from './read-responses';
import { responsesCsv } from './responses-csv';
import { ResponsesBody, responsesProblem } from './responses-schema';
import { storeResponses } from './store-responses';

/** `limit`, `days`: a whole number in [min, max], else 400 naming the parameter. */
function intParam(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(400, `${name} must be a whole number from ${min} to ${max} (got ${value}).`);
  return n;
}

/** The report's filter from the query string (400 naming a bad parameter). */
function filterOf(query: (name: string) => string | undefined): ResponsesFilter {
  const form = query('form') || 'exit';
  if (!/^[\w-]{1,48}$/.test(form)) fail(400, 'form must be 1-48 letters, digits, _ or -.');
  const q = query('q') || undefined;
  if (q && q.length > 200) fail(400, 'q must be at most 200 characters.');
  return { days: intParam(query('days'), 'days', 365, 1, 3650), form, account: query('account') || undefined, q };
}

/**
 * `POST /v1/responses` (a device's survey answers; identity as for summaries, each answer kept
 * once by its id), `GET /v1/responses` (the report and the answers, admin) and
 * `GET /v1/responses.csv` (the answers, admin).
 */
export function responsesRoute(app: Hono, ctx: CollectorContext) {
  app.post('/v1/responses', async (c) => {
    const body = parseOr400(ResponsesBody, await readJsonBody(c.req.raw, { maxBytes: 65_536 }));
    const target = await browserApp(c, ctx, body.appId, body.writeKey);
    const { identity } = body;
    checkIdentity(target, identity, ctx.now());
    const problem = responsesProblem(body.responses, ctx.now());
    if (problem) fail(400, problem);
    spendRequest(c, ctx, target);
    const who = { userId: identity.userId ?? anonymousUserId(identity.deviceId), accountId: identity.accountId };
    const stored = await storeResponses(ctx.db, target.id, who, body.responses, ctx.now());
    return c.json({ ok: true, stored });
  });

  app.get('/v1/responses', async (c) => {
    const target = await adminApp(c, ctx);
    const filter = filterOf((n) => c.req.query(n));
    const limit = intParam(c.req.query('limit'), 'limit', 100, 1, 500);
    const [report, answers] = await Promise.all([
      responsesReport(ctx.readDb, target.id, filter, ctx.now()),
      listResponses(ctx.readDb, target.id, filter, ctx.now(), limit),
    ]);
    return c.json({ ...report, answers });
  });

  app.get('/v1/responses.csv', async (c) => {
    const target = await adminApp(c, ctx);
    const rows = await listResponses(
      ctx.readDb,
      target.id,
      filterOf((n) => c.req.query(n)),
      ctx.now(),
      100_000,
    );
    return c.body(responsesCsv(rows), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${target.id}-responses.csv"`,
    });
  });
}
