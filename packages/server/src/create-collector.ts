import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { CollectorContext } from './collector-context';
import type { Db } from './db/database';
import { listApps } from './apps/app-store';
import { corsHeaders, originAllowed, preflightHeaders } from './http/cors';
import { createRateLimiter, type RateLimitOptions } from './http/rate-limit';
import { summariesRoute } from './summaries/summaries-route';
import { configRoute } from './config/config-route';
import { shareRoute } from './share/share-route';
import { healthRoute } from './health-route';
import { accountsRoute } from './accounts/accounts-route';
import { usersRoute } from './users/users-route';
import { configAdminRoute } from './config/config-admin-route';
import { appAdminRoute } from './apps/app-admin-route';
import { adminPageRoute } from './admin/admin-page-route';
import { validateConfig } from '@habitual/core';
import { createStateRefresher, type StateRefresher } from './state/create-state-refresher';

export interface CollectorOptions {
  db: Db;
  /** Reads of the accounts list and scorecards (a read replica). @default db */
  readDb?: Db;
  /** Keeps the kept engagement states up to date. @default a refresher over `db`, kicked by writes, not started */
  states?: StateRefresher;
  /** @default Date.now */
  now?: () => number;
  /** Outgoing HTTP for share webhooks. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Per write key and device (or admin token). @default { perMinute: 120, burst: 60 } */
  rateLimit?: RateLimitOptions;
  /** Per write key, all devices together. @default { perMinute: 60000, burst: 5000 } */
  appRateLimit?: RateLimitOptions;
  /** Widget config validation. @default core's `validateConfig` */
  validateConfig?: CollectorContext['validateConfig'];
  /** Largest request body on the wire. @default 262144 */
  maxBodyBytes?: number;
  /** Extra routes, registered after the collector's own. */
  routes?: Array<(app: Hono, ctx: CollectorContext) => void>;
}

// The endpoints a page calls from its own origin.
const BROWSER_PATHS = new Set(['/v1/summaries', '/v1/config', '/v1/share']);

/** The collector's HTTP app (Hono): mount it with `@hono/node-server` or call `app.request()` in tests. */
export function createCollector(options: CollectorOptions) {
  const { db, now = Date.now } = options;
  let origins: { at: number; list: Promise<string[]> } | undefined;
  const states = options.states ?? createStateRefresher({ db, now });
  const ctx: CollectorContext = {
    db,
    readDb: options.readDb ?? db,
    states,
    now,
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
    rateLimit: createRateLimiter({ now, ...options.rateLimit }),
    appRateLimit: createRateLimiter({ perMinute: 60_000, burst: 5_000, now, ...options.appRateLimit }),
    // Cached for a few seconds: preflights and errors need it on every browser request.
    knownOrigins: () => {
      if (!origins || now() - origins.at > 5_000) {
        origins = { at: now(), list: listApps(db).then((apps) => apps.flatMap((a) => a.origins)) };
        origins.list.catch(() => (origins = undefined));
      }
      return origins.list;
    },
    validateConfig: options.validateConfig ?? validateConfig,
    maxBodyBytes: options.maxBodyBytes ?? 262_144,
  };
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    console.error('habitual-server:', error);
    return c.json({ error: 'The collector failed on this request; it was not stored. Retry later.' }, 500);
  });
  app.notFound((c) => c.json({ error: `${c.req.method} ${c.req.path} is not an endpoint of this collector.` }, 404));

  // CORS for the browser endpoints. Errors carry the headers too, so a page can read why it
  // was refused instead of seeing an opaque network failure (which it would retry forever).
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    if (!origin || !BROWSER_PATHS.has(c.req.path)) return next();
    const known = originAllowed(origin, await ctx.knownOrigins());
    if (c.req.method === 'OPTIONS') {
      if (!known) return c.json({ error: `Origin ${origin} is not allowed by any app on this collector.` }, 403);
      return c.body(null, 204, preflightHeaders(origin));
    }
    await next();
    if (known) for (const [k, v] of Object.entries(corsHeaders(origin))) c.res.headers.set(k, v);
  });

  // A write that succeeded may have queued state work: run the refresher soon.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'OPTIONS' && c.res.status < 300) states.kick();
  });

  healthRoute(app, ctx);
  summariesRoute(app, ctx);
  configRoute(app, ctx);
  shareRoute(app, ctx);
  accountsRoute(app, ctx);
  usersRoute(app, ctx);
  configAdminRoute(app, ctx);
  appAdminRoute(app, ctx);
  adminPageRoute(app);
  for (const route of options.routes ?? []) route(app, ctx);
  return { app, ctx, states };
}
