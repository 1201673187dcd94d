import type { Context } from 'hono';
import type { App } from '../apps/app-store';
import { readAdminLogin } from '../apps/admin-token';
import type { CollectorContext } from '../collector-context';
import { refuseIfLimited } from './refuse-if-limited';
import { fail } from './fail';

/**
 * The app an admin request manages. `Authorization: Bearer <admin token>` manages any app
 * (`?app=` picks one, else the first); `Bearer <app secret>` (the host's backend) manages its own.
 * Limited per caller address; failed logins spend a bucket of their own per address, so
 * guessing a token is slow whatever tokens are tried.
 */
export async function adminApp(c: Context, ctx: CollectorContext): Promise<App> {
  const address = ctx.address(c);
  refuseIfLimited(ctx.limits.adminFailures.peek(address), 'Too many failed logins from this address');
  refuseIfLimited(ctx.limits.address.take(`admin:${address}`));
  const refuse = (message: string): never => {
    ctx.limits.adminFailures.take(address);
    return fail(401, message);
  };
  const auth = c.req.header('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  if (!token) return refuse('Authorization header is missing; send "Bearer <admin token or app secret>".');
  const wanted = c.req.query('app');
  const login = await readAdminLogin(ctx.db, token, wanted || undefined);
  if (login.admin) {
    if (!login.named) fail(404, wanted ? `app query parameter: there is no app "${wanted}".` : 'There is no app yet.');
    return login.named;
  }
  const app = login.bySecret;
  if (!app) return refuse('Authorization is neither the admin token nor an app secret.');
  if (wanted && wanted !== app.id) fail(403, `app query parameter: this secret belongs to app "${app.id}", not "${wanted}".`);
  return app;
}
