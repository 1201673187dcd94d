import type { Context } from 'hono';
import { findApp, findAppBySecret, listApps, type App } from '../apps/app-store';
import { isAdminToken } from '../apps/admin-token';
import type { CollectorContext } from '../collector-context';
import { fail } from './fail';

/**
 * The app an admin request manages. `Authorization: Bearer <admin token>` manages any app
 * (`?app=` picks one, else the first); `Bearer <app secret>` (the host's backend) manages its own.
 */
export async function adminApp(c: Context, ctx: CollectorContext): Promise<App> {
  const auth = c.req.header('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  if (!token) fail(401, 'Authorization header is missing; send "Bearer <admin token or app secret>".');
  const decision = ctx.rateLimit(`admin:${token.slice(0, 12)}`);
  if (!decision.ok) fail(429, `Too many requests; retry in ${decision.retryAfterS} s.`, { 'retry-after': String(decision.retryAfterS) });
  const wanted = c.req.query('app');
  if (await isAdminToken(ctx.db, token)) {
    const app = wanted ? await findApp(ctx.db, wanted) : (await listApps(ctx.db))[0];
    if (!app) fail(404, wanted ? `app query parameter: there is no app "${wanted}".` : 'There is no app yet.');
    return app;
  }
  const app = await findAppBySecret(ctx.db, token);
  if (!app) fail(401, 'Authorization is neither the admin token nor an app secret.');
  if (wanted && wanted !== app.id) fail(403, `app query parameter: this secret belongs to app "${app.id}", not "${wanted}".`);
  return app;
}
