import type { Hono } from 'hono';
import type { CollectorContext } from './collector-context';

/**
 * `GET /health`: 200 when the database takes a write, 503 otherwise (for load balancers).
 * A read alone would pass while a full disk or a read-only folder refuses every summary;
 * the probe is one upserted row, and the next call after the fault clears answers 200 again.
 */
export function healthRoute(app: Hono, ctx: CollectorContext) {
  app.get('/health', async (c) => {
    try {
      await ctx.db.query(`INSERT INTO settings (key, value) VALUES ('health_probe', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
        new Date(ctx.now()).toISOString(),
      ]);
      return c.json({ ok: true, db: ctx.db.kind });
    } catch {
      return c.json({ ok: false, db: ctx.db.kind, error: 'The database does not take writes (down, read-only or full); summaries cannot be stored.' }, 503);
    }
  });
}
