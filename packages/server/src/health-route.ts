import type { Hono } from 'hono';
import type { CollectorContext } from './collector-context';

/** `GET /health`: 200 when the database answers, 503 otherwise (for load balancers). */
export function healthRoute(app: Hono, ctx: CollectorContext) {
  app.get('/health', async (c) => {
    try {
      await ctx.db.query('SELECT 1');
      return c.json({ ok: true, db: ctx.db.kind });
    } catch {
      return c.json({ ok: false, error: 'The database does not answer.' }, 503);
    }
  });
}
