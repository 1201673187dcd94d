import * as v from 'valibot';
import type { Hono } from 'hono';
import type { CollectorContext } from '../collector-context';
import { browserApp } from '../http/browser-app';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';

const ShareBody = v.object({
  appId: v.pipe(v.string('appId must be a string'), v.minLength(1, 'appId must not be empty')),
  writeKey: v.pipe(v.string('writeKey must be a string'), v.minLength(1, 'writeKey must not be empty')),
  identity: v.object(
    { deviceId: v.pipe(v.string(), v.regex(/^[\w.:-]{1,100}$/, 'identity.deviceId must be 1-100 letters, digits or ._:-')) },
    'identity must be an object with a deviceId',
  ),
  target: v.picklist(['slack', 'discord'], 'target must be "slack" or "discord"'),
  milestone: v.pipe(
    v.string('milestone must be a string'),
    v.minLength(1, 'milestone must not be empty'),
    v.maxLength(200, 'milestone must be at most 200 characters'),
  ),
  // Valibot's record takes an array (as {}), so arrays are refused before it.
  payload: v.pipe(
    v.unknown(),
    v.check((x) => !Array.isArray(x), 'payload must be a JSON object (Slack blocks or a Discord embed), not an array'),
    v.record(v.string(), v.unknown(), 'payload must be a JSON object (Slack blocks or a Discord embed)'),
  ),
});

/**
 * `POST /v1/share`: relays a reward share to the app's Slack or Discord webhook, so no
 * webhook URL ever lives in the page.
 */
export function shareRoute(app: Hono, ctx: CollectorContext) {
  app.post('/v1/share', async (c) => {
    const body = parseOr400(ShareBody, await readJsonBody(c.req.raw, { maxBytes: 16_384 }));
    const target = await browserApp(c, ctx, body.appId, body.writeKey, `share:${body.identity.deviceId}`);
    const url = target.webhooks[body.target];
    if (!url) fail(404, `target: app "${target.id}" has no ${body.target} webhook; set one in the dashboard.`);
    let res: Response;
    try {
      res = await ctx.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body.payload) });
    } catch {
      return fail(502, `The ${body.target} webhook could not be reached.`);
    }
    if (!res.ok) fail(502, `The ${body.target} webhook answered ${res.status}.`);
    return c.json({ ok: true });
  });
}
