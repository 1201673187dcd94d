import * as v from 'valibot';
import type { Hono } from 'hono';
import { dayKey } from '@habitual/core';
import type { CollectorContext } from '../collector-context';
import { adminApp } from '../http/admin-app';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';
import { writeAccount } from './account-store';
import { applyOutcome, hasOutcome, OUTCOME_FIELDS } from './outcome';
import { writeUserOutcome } from './outcome-store';
import { parseOutcomesCsv } from './outcomes-csv';

const USER_ID = /^[\w.:@-]{1,200}$/;
const UserBody = v.object(OUTCOME_FIELDS);
const CsvBody = v.object({ csv: v.string('csv must be the text of the CSV file') });

const todayOf = (ctx: CollectorContext) => dayKey(Math.floor(ctx.now() / 86_400_000));

/**
 * `PUT /v1/users/:id` (a user's own outcome: `status`, `churnedAt`, `renewedAt`, `mrr`) and
 * `POST /v1/outcomes` (`{ csv }`: the dashboard's bulk upload, every line or none).
 */
export function outcomesRoute(app: Hono, ctx: CollectorContext) {
  app.put('/v1/users/:id', async (c) => {
    const target = await adminApp(c, ctx);
    const id = c.req.param('id');
    if (!USER_ID.test(id)) fail(400, 'The user id in the path must be 1-200 letters, digits or ._:@-.');
    const body = parseOr400(UserBody, await readJsonBody(c.req.raw, { maxBytes: 8_192 }));
    if (!hasOutcome(body) && body.mrr === undefined) fail(400, 'status is missing: send status, churnedAt, renewedAt or mrr.');
    const outcome = await ctx.db.transaction((tx) => writeUserOutcome(tx, target.id, id, body, todayOf(ctx)));
    return c.json({ outcome });
  });

  app.post('/v1/outcomes', async (c) => {
    const target = await adminApp(c, ctx);
    const { csv } = parseOr400(CsvBody, await readJsonBody(c.req.raw, { maxBytes: 4_194_304, maxDecodedBytes: 8_388_608 }));
    const lines = parseOutcomesCsv(csv);
    const today = todayOf(ctx);
    await ctx.db.transaction(async (tx) => {
      for (const l of lines) {
        const at = `csv line ${l.line}: `;
        if (l.kind === 'user') await writeUserOutcome(tx, target.id, l.id, l, today, at);
        else await writeAccount(tx, target.id, l.id, { mrr: l.mrr, outcome: hasOutcome(l) ? (had) => applyOutcome(had, l, today, at) : undefined });
      }
    });
    return c.json({ stored: lines.length, accounts: lines.filter((l) => l.kind === 'account').length, users: lines.filter((l) => l.kind === 'user').length });
  });
}
