import * as v from 'valibot';
import type { Hono } from 'hono';
import { localText } from '@habitual/core';
import type { CollectorContext } from '../collector-context';
import { currentConfig } from '../config/config-store';
import { browserApp, spendRequest } from '../http/browser-app';
import { refuseIfLimited } from '../http/refuse-if-limited';
import { checkIdentity } from '../http/check-identity';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';
import { countInDatabase } from '../http/count-in-database';
import { id } from '../summaries/summaries-schema';
import { shareMessage } from './share-message';
import { postWebhook } from './post-webhook';

const DAY_MS = 86_400_000;

const ShareBody = v.object({
  appId: id('appId'),
  writeKey: id('writeKey'),
  identity: v.object(
    {
      deviceId: v.pipe(v.string('identity.deviceId must be a string'), v.regex(/^[\w.:-]{1,100}$/, 'identity.deviceId must be 1-100 letters, digits or ._:-')),
      userId: v.optional(id('identity.userId')),
      accountId: v.optional(id('identity.accountId')),
      hash: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/i, 'identity.hash must be 64 hex digits (HMAC-SHA256)'))),
      hashExpires: v.optional(v.pipe(v.number('identity.hashExpires must be a number'), v.integer('identity.hashExpires must be whole epoch seconds'))),
    },
    'identity must be an object with a deviceId',
  ),
  target: v.picklist(['slack', 'discord'], 'target must be "slack" or "discord"'),
  milestone: v.pipe(v.string('milestone must be a string'), v.regex(/^[\w.:-]{1,100}$/, 'milestone must be a milestone id: 1-100 letters, digits or ._:-')),
  // Letters, digits, spaces, apostrophes and hyphens only: no markup, links or mentions.
  displayName: v.optional(
    v.pipe(
      v.string('displayName must be a string'),
      v.maxLength(60, 'displayName must be at most 60 characters'),
      v.regex(/^[\p{L}\p{M}\p{N} '-]*$/u, 'displayName may hold only letters, digits, spaces, apostrophes and hyphens'),
    ),
  ),
  // Older SDKs send the message they built; it is no longer relayed.
  payload: v.optional(v.unknown()),
});

/**
 * `POST /v1/share`: tells the app's Slack or Discord webhook that a user reached a milestone,
 * so no webhook URL ever lives in the page. The collector sends a fixed message (milestone
 * title from the app's config, app name, display name), mentions neutralised; per user
 * (verified, else per address) and per app a day's shares are limited; the webhook gets
 * `shareTimeoutMs` to answer and is never followed through a redirect.
 */
export function shareRoute(app: Hono, ctx: CollectorContext) {
  app.post('/v1/share', async (c) => {
    const body = parseOr400(ShareBody, await readJsonBody(c.req.raw, { maxBytes: 16_384 }));
    const target = await browserApp(c, ctx, body.appId, body.writeKey);
    const verified = checkIdentity(target, body.identity, ctx.now());
    const url = target.webhooks[body.target];
    if (!url) fail(404, `target: app "${target.id}" has no ${body.target} webhook; set one in the dashboard.`);
    spendRequest(c, ctx, target);
    const who = verified ? `user:${body.identity.userId}` : `address:${ctx.address(c)}`;
    const { sharesPerUserPerDay, sharesPerAppPerDay } = ctx.limits;
    refuseIfLimited(
      await countInDatabase(ctx.db, `share:${target.id}:${who}`, sharesPerUserPerDay, DAY_MS, ctx.now()),
      `A user may share ${sharesPerUserPerDay} times a day`,
    );
    refuseIfLimited(
      await countInDatabase(ctx.db, `share:${target.id}`, sharesPerAppPerDay, DAY_MS, ctx.now()),
      `App "${target.id}" may share ${sharesPerAppPerDay} times a day`,
    );
    const { config } = await currentConfig(ctx.db, target.id);
    // Shared to a team channel: the title in English (or its first locale), as the engine names it.
    const title = localText(config.milestones?.find((m) => m.id === body.milestone)?.title) ?? body.milestone;
    const message = shareMessage(body.target, { title, appName: target.name, displayName: body.displayName });
    const sent = await postWebhook(ctx.fetch, url, JSON.stringify(message), { name: body.target, timeoutMs: ctx.shareTimeoutMs });
    if (!sent.ok) fail(502, sent.error);
    return c.json({ ok: true });
  });
}
