import type { Hono } from 'hono';
import type { DayRollup } from '@habitual/core';
import type { CollectorContext } from '../collector-context';
import { browserApp, spendRequest } from '../http/browser-app';
import { checkIdentity } from '../http/check-identity';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import type { IncomingMessage } from 'node:http';
import { readJsonBody } from '../http/read-body';
import { storeAttention } from '../attention/store-attention';
import { SummariesBody, daysProblem, emptyBatchProblem } from './summaries-schema';
import { anonymousUserId, storeSummaries } from './store-summaries';

export function summariesRoute(app: Hono, ctx: CollectorContext) {
  app.post('/v1/summaries', async (c) => {
    const body = parseOr400(
      SummariesBody,
      await readJsonBody(c.req.raw, { maxBytes: ctx.maxBodyBytes }, (c.env as { incoming?: IncomingMessage } | undefined)?.incoming),
    );
    const { identity } = body;
    const target = await browserApp(c, ctx, body.appId, body.writeKey);
    checkIdentity(target, identity, ctx.now());
    const problem = emptyBatchProblem(body) ?? daysProblem(body.days);
    if (problem) fail(400, problem);
    spendRequest(c, ctx, target);
    const days = body.days as DayRollup[];
    const stored = !days.length
      ? 0
      : await storeSummaries(
          ctx.db,
          target.id,
          { userId: identity.userId ?? anonymousUserId(identity.deviceId), accountId: identity.accountId, deviceId: identity.deviceId, name: identity.name },
          days,
        );
    // Only a signed-in user has a record to share between devices, and only a device that
    // sent its own (a widget is on) has a use for it: a batch without one reads nothing more.
    const attention = identity.userId && body.attention ? await storeAttention(ctx.db, target.id, identity.userId, body.attention, ctx.now()) : undefined;
    return c.json({ acks: days.map((d) => ({ day: d.day, rev: d.rev })), stored, ...(attention ? { attention } : {}) });
  });
}
