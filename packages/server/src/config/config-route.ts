import type { Hono } from 'hono';
import type { CollectorContext } from '../collector-context';
import { browserApp, spendRequest } from '../http/browser-app';
import { fail } from '../http/fail';
import { currentConfig } from './config-store';

/** `GET /v1/config?appId=&key=`: the widget config in force, `ETag` + `If-None-Match` -> 304. */
export function configRoute(app: Hono, ctx: CollectorContext) {
  app.get('/v1/config', async (c) => {
    const appId = c.req.query('appId');
    const keyField = c.req.query('key') !== undefined ? 'key' : 'x-habitual-key';
    const key = keyField === 'key' ? c.req.query('key') : c.req.header('x-habitual-key');
    if (!appId) fail(400, 'appId query parameter is missing.');
    if (!key) fail(400, 'key query parameter (the write key) is missing.');
    const target = await browserApp(c, ctx, appId, key, keyField);
    spendRequest(c, ctx, target);
    const { version, config, etag } = await currentConfig(ctx.db, target.id);
    c.header('etag', etag);
    // Pages revalidate every time; a 304 costs a few bytes.
    c.header('cache-control', 'no-cache');
    const match = c.req.header('if-none-match');
    if (match?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
    return c.json({ version, config });
  });
}
