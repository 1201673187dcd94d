import type { Hono } from 'hono';
import type { CollectorContext } from '../collector-context';
import { currentConfig } from '../config/config-store';
import { adminApp } from '../http/admin-app';
import { fail } from '../http/fail';
import { growthAccounting } from './growth-accounting';
import { stageMovements } from './stage-movements';
import { usageLast28 } from './usage-last-28';

/** Most weeks of growth accounting one request reads. */
const MAX_WEEKS = 52;

/**
 * `GET /v1/overview?weeks=12`: the whole user base of the app: growth accounting by week, the
 * L28 distribution, key feature adoption (last 28 days) and stage moves of the last 7 days.
 */
export function overviewRoute(app: Hono, ctx: CollectorContext) {
  app.get('/v1/overview', async (c) => {
    const target = await adminApp(c, ctx);
    const text = c.req.query('weeks') ?? '12';
    const weeks = Number(text);
    if (!/^\d+$/.test(text) || weeks < 1 || weeks > MAX_WEEKS) fail(400, `weeks must be a whole number from 1 to ${MAX_WEEKS}; got "${text}".`);
    const { config } = await currentConfig(ctx.readDb, target.id);
    const now = ctx.now();
    const [growth, usage, movements] = await Promise.all([
      growthAccounting(ctx.readDb, target.id, config, weeks, now),
      usageLast28(ctx.readDb, target.id, config, now),
      stageMovements(ctx.readDb, target.id, now),
    ]);
    return c.json({ app: target.id, growth, ...usage, movements });
  });
}
