import type { Context } from 'hono';
import type { App } from '../apps/app-store';
import { findApp } from '../apps/app-store';
import type { CollectorContext } from '../collector-context';
import { originAllowed } from './cors';
import { fail } from './fail';
import { sameSecret } from './identity';

/**
 * The app a browser request speaks for, after checking the write key, the page's origin and
 * the rate limit of `limitKey`. Answers 404/401/403/429 otherwise; a wrong key is reported
 * under `keyField`, the name the request used for it.
 */
export async function browserApp(c: Context, ctx: CollectorContext, appId: string, writeKey: string, limitKey: string, keyField = 'writeKey'): Promise<App> {
  const app = await findApp(ctx.db, appId);
  if (!app) fail(404, `appId "${appId}" is not an app on this collector.`);
  if (!sameSecret(writeKey, app.writeKey)) fail(401, `${keyField} is not the write key of app "${appId}".`);
  const origin = c.req.header('origin');
  if (origin && !originAllowed(origin, app.origins)) {
    fail(403, `Origin ${origin} is not allowed for app "${appId}"; add it to the app's origins.`);
  }
  for (const decision of [ctx.rateLimit(`${app.writeKey}:${limitKey}`), ctx.appRateLimit(app.writeKey)]) {
    if (!decision.ok) {
      fail(429, `Too many requests for this write key; retry in ${decision.retryAfterS} s.`, { 'retry-after': String(decision.retryAfterS) });
    }
  }
  return app;
}
