import type { Context } from 'hono';
import type { App } from '../apps/app-store';
import { findAppForBrowser } from '../apps/app-store';
import type { CollectorContext } from '../collector-context';
import { originAllowed } from './cors';
import { fail } from './fail';
import { refuseIfLimited } from './refuse-if-limited';
import { sameSecret } from './identity';

/**
 * The app a browser request speaks for, after checking the write key and the page's
 * origin. Answers 404/401/403 otherwise; a wrong key is reported under `keyField`, the name
 * the request used for it. Rate limits are spent by `spendRequest` once the request is known
 * to be valid.
 */
export async function browserApp(c: Context, ctx: CollectorContext, appId: string, writeKey: string, keyField = 'writeKey'): Promise<App> {
  const app = await findAppForBrowser(ctx.db, appId);
  if (!app) fail(404, `appId "${appId}" is not an app on this collector.`);
  if (!sameSecret(writeKey, app.writeKey)) fail(401, `${keyField} is not the write key of app "${appId}".`);
  const origin = c.req.header('origin');
  if (origin && !originAllowed(origin, app.origins)) {
    fail(403, `Origin ${origin} is not allowed for app "${appId}"; add it to the app's origins.`);
  }
  return app;
}

/**
 * Spends one valid request of `app` from the caller's address bucket and from the app-wide
 * bucket (which only valid requests spend: invalid ones have their own, see create-collector).
 */
export function spendRequest(c: Context, ctx: CollectorContext, app: App): void {
  refuseIfLimited(ctx.limits.address.take(`${app.id}:${ctx.address(c)}`), 'Too many requests from this address');
  refuseIfLimited(ctx.limits.app.take(app.id), `Too many requests for app "${app.id}"`);
}
