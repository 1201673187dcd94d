import type { Hono } from 'hono';
import { mergeDeviceRollups } from '@habitual/core';
import type { CollectorContext } from '../collector-context';
import { adminApp } from '../http/admin-app';
import { fail } from '../http/fail';
import { deleteUser, loadUserDays } from '../summaries/store-summaries';

/** `GET /v1/users/:id` (stored rollups per device and merged) and `DELETE /v1/users/:id` (forget-me). */
export function usersRoute(app: Hono, ctx: CollectorContext) {
  app.get('/v1/users/:id', async (c) => {
    const target = await adminApp(c, ctx);
    const id = c.req.param('id');
    const [user] = await ctx.db.query<{ account_id: string | null; tz: string }>('SELECT account_id, tz FROM users WHERE app_id = $1 AND id = $2', [
      target.id,
      id,
    ]);
    if (!user) fail(404, `User "${id}" has sent no summaries to app "${target.id}".`);
    const devices = await loadUserDays(ctx.db, target.id, id);
    return c.json({ id, accountId: user.account_id ?? undefined, tz: user.tz, devices, merged: mergeDeviceRollups(devices) });
  });

  app.delete('/v1/users/:id', async (c) => {
    const target = await adminApp(c, ctx);
    const deleted = await deleteUser(ctx.db, target.id, c.req.param('id'));
    return c.json({ deleted });
  });
}
