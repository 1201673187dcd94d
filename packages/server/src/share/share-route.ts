import * as v from 'valibot';
import type { Hono } from 'hono';
import { localText, type HabitualConfig } from '@habitual/core';
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
import { DeviceIdentity, displayName } from '../http/identity-schema';
import { shareMessage } from './share-message';
import { reviewMessage, type ReviewFacts } from './review-message';
import { postWebhook } from './post-webhook';

const DAY_MS = 86_400_000;

const count = (field: string, max: number) =>
  v.pipe(
    v.number(`${field} must be a number`),
    v.integer(`${field} must be a whole number`),
    v.minValue(0, `${field} must be at least 0`),
    v.maxValue(max, `${field} must be at most ${max}`),
  );

// A month in review: numbers only (and feature names the collector looks up); it words them itself.
const ReviewBody = v.object(
  {
    month: v.pipe(v.string('review.month must be a string'), v.regex(/^(20\d\d|21\d\d)-(0[1-9]|1[0-2])$/, 'review.month must be YYYY-MM')),
    activeDays: count('review.activeDays', 31),
    milestones: count('review.milestones', 1000),
    values: v.optional(
      v.pipe(
        v.record(
          v.pipe(v.string(), v.regex(/^[\w.:-]{1,100}$/, 'review.values keys must be feature names')),
          v.pipe(
            v.number('review.values must hold numbers'),
            v.finite('review.values must be finite'),
            v.minValue(0, 'review.values must be at least 0'),
            v.maxValue(1e12, 'review.values must be at most 1e12'),
          ),
        ),
        v.check((r) => Object.keys(r).length <= 20, 'review.values may name at most 20 features'),
      ),
    ),
  },
  'review must be an object with month, activeDays and milestones',
);

const ShareBody = v.object({
  appId: id('appId'),
  writeKey: id('writeKey'),
  identity: DeviceIdentity,
  target: v.picklist(['slack', 'discord'], 'target must be "slack" or "discord"'),
  milestone: v.optional(
    v.pipe(v.string('milestone must be a string'), v.regex(/^[\w.:-]{1,100}$/, 'milestone must be a milestone id: 1-100 letters, digits or ._:-')),
  ),
  review: v.optional(ReviewBody),
  displayName: v.optional(displayName('displayName')),
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
    if (!body.milestone === !body.review) fail(400, 'milestone or review is required (one of them): what is being shared.');
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
    const message = body.review
      ? reviewMessage(body.target, reviewFacts(body.review, config, target.name))
      : milestoneMessage(body.target, body.milestone!, config, target.name, body.displayName);
    const sent = await postWebhook(ctx.fetch, url, JSON.stringify(message), { name: body.target, timeoutMs: ctx.shareTimeoutMs });
    if (!sent.ok) fail(502, sent.error);
    return c.json({ ok: true });
  });
}

// Shared to a team channel: the title in English (or its first locale), as the engine names it.
function milestoneMessage(target: 'slack' | 'discord', milestone: string, config: HabitualConfig, appName: string, displayName?: string) {
  const title = localText(config.milestones?.find((m) => m.id === milestone)?.title) ?? milestone;
  return shareMessage(target, { title, appName, displayName });
}

// Units in the app's own words (English); a name that is no value feature of the app's config is left out.
function reviewFacts(review: v.InferOutput<typeof ReviewBody>, config: HabitualConfig, appName: string): ReviewFacts {
  const values = Object.entries(review.values ?? {}).flatMap(([name, units]) => {
    const unit = localText(config.features?.[name]?.value, 'en', Math.round(units));
    return unit ? [{ units, unit }] : [];
  });
  return { month: review.month, activeDays: review.activeDays, milestones: review.milestones, values, appName };
}
