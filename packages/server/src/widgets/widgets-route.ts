import type { Hono } from 'hono';
import type { CollectorContext } from '../collector-context';
import { adminApp } from '../http/admin-app';
import { parseDayRange } from './day-range-query';
import { loadWidgetCounts } from './widget-counts';
import { widgetsReport } from './widgets-report';

/**
 * `GET /v1/widgets?app=&from=&to=` (admin): per widget and item, the users reached and the
 * funnel (shown, clicked, completed, dismissed, with the rates of the users shown), in all and
 * by day, from the widgets' own counts in the stored day rollups (`hb:` names). `from`/`to` are
 * `YYYY-MM-DD`, both included, at most 400 days apart; by default the last 28 days.
 */
export function widgetsRoute(app: Hono, ctx: CollectorContext) {
  app.get('/v1/widgets', async (c) => {
    const target = await adminApp(c, ctx);
    const { from, to } = parseDayRange((name) => c.req.query(name), ctx.now());
    const rows = await loadWidgetCounts(ctx.readDb, target.id, from, to);
    return c.json({ app: target.id, from, to, widgets: widgetsReport(rows) });
  });
}
