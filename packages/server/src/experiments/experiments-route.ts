import type { Hono } from 'hono';
import type { CollectorContext } from '../collector-context';
import { currentConfig } from '../config/config-store';
import { adminApp } from '../http/admin-app';
import { fail } from '../http/fail';
import { experimentReport } from './experiment-report';

/**
 * `GET /v1/experiments/:id?app=` (admin): per arm (variants and the holdout) the users, their
 * outcomes over the 28 days from their first day in it, the difference to the baseline with
 * 95% intervals, and a plain verdict (see `experimentReport`). A widget's own holdout is
 * experiment `widget-<id>`.
 */
export function experimentsRoute(app: Hono, ctx: CollectorContext) {
  app.get('/v1/experiments/:id', async (c) => {
    const target = await adminApp(c, ctx);
    const id = c.req.param('id');
    if (!/^[\w-]{1,60}$/.test(id)) fail(400, 'The experiment id in the path must be 1-60 letters, digits, _ or -.');
    const { config } = await currentConfig(ctx.readDb, target.id);
    const report = await experimentReport(ctx.readDb, target.id, id, config, ctx.now());
    if (!report) fail(404, `Experiment "${id}" is neither in app "${target.id}"'s config nor counted by any user; check the id.`);
    return c.json({ app: target.id, ...report });
  });
}
