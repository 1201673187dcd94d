import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { CollectorContext } from './collector-context';
import type { Db } from './db/database';
import { listApps } from './apps/app-store';
import { corsHeaders, originAllowed, preflightHeaders } from './http/cors';
import { createRateLimiter, type RateLimitOptions } from './http/rate-limit';
import { createSharedWindows } from './http/shared-windows';
import { clientAddress } from './http/client-address';
import { securityHeaders } from './http/security-headers';
import { logError } from './http/log-error';
import { textProblem } from './http/json-problem';
import { summariesRoute } from './summaries/summaries-route';
import { configRoute } from './config/config-route';
import { shareRoute } from './share/share-route';
import { teamNotesRoute } from './team-notes/team-notes-route';
import { responsesRoute } from './responses/responses-route';
import { healthRoute } from './health-route';
import { accountsRoute } from './accounts/accounts-route';
import { outcomesRoute } from './accounts/outcomes-route';
import { driversRoute } from './drivers/drivers-route';
import { usersRoute } from './users/users-route';
import { configAdminRoute } from './config/config-admin-route';
import { validateAppConfig } from './config/validate-app-config';
import { appAdminRoute } from './apps/app-admin-route';
import { overviewRoute } from './overview/overview-route';
import { alertsRoute } from './alerts/alerts-route';
import { deliverAlerts } from './alerts/deliver-alerts';
import { sendDigests } from './alerts/send-digests';
import { adminPageRoute } from './admin/admin-page-route';
import { widgetsRoute } from './widgets/widgets-route';
import { experimentsRoute } from './experiments/experiments-route';
import { teamRoute } from './team/team-route';
import { createStateRefresher, type StateRefresher } from './state/create-state-refresher';

export interface CollectorOptions {
  db: Db;
  /** Reads of the accounts list and scorecards (a read replica). @default db */
  readDb?: Db;
  /** Keeps the kept engagement states up to date. @default a refresher over `db`, kicked by writes, not started */
  states?: StateRefresher;
  /** @default Date.now */
  now?: () => number;
  /** Outgoing HTTP for share webhooks and alerts. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Valid requests per app and caller address (and admin requests per address). Many
   * devices can share an address (an office behind NAT), hence the room.
   * @default { perMinute: 600, burst: 300 }
   */
  rateLimit?: RateLimitOptions;
  /** Valid browser requests per app, all addresses together. @default { perMinute: 60000, burst: 5000 } */
  appRateLimit?: RateLimitOptions;
  /** Refused (4xx) browser requests per address, a bucket apart from the valid ones. @default { perMinute: 60, burst: 60 } */
  invalidRateLimit?: RateLimitOptions;
  /** Failed admin logins per address. @default { perMinute: 5, burst: 10 } */
  adminFailureRateLimit?: RateLimitOptions;
  /** Shares relayed per user (verified; else per address) per day. @default 20 */
  sharesPerUserPerDay?: number;
  /** Shares relayed per app per day. @default 500 */
  sharesPerAppPerDay?: number;
  /** Longest wait for a share or alert webhook, in ms. @default 5000 */
  shareTimeoutMs?: number;
  /**
   * Proxies in front of the collector (`TRUST_PROXY`): 0 keys limits by the socket's
   * address; n by the n-th address from the right of X-Forwarded-For. @default 0
   */
  trustProxy?: number;
  /**
   * Hold rate limits over every collector on the database (table `rate_windows`, synced
   * once a second). @default true on PostgreSQL, false on PGlite (one process)
   */
  sharedRateLimits?: boolean;
  /** Config validation. @default core's `validateConfig` with every widget's fields (`validateAppConfig`) */
  validateConfig?: CollectorContext['validateConfig'];
  /** Largest request body on the wire. @default 262144 */
  maxBodyBytes?: number;
  /** Where lines about failed requests go (never with query parameters or ids). @default console.error */
  logError?: (line: string) => void;
  /** Extra routes, registered after the collector's own. */
  routes?: Array<(app: Hono, ctx: CollectorContext) => void>;
}

// The endpoints a page calls from its own origin.
const BROWSER_PATHS = new Set(['/v1/summaries', '/v1/config', '/v1/share', '/v1/team/notes', '/v1/team', '/v1/team/me', '/v1/responses']);

/** The collector's HTTP app (Hono): mount it with `@hono/node-server` or call `app.request()` in tests. */
export function createCollector(options: CollectorOptions) {
  const { db, now = Date.now } = options;
  let origins: { at: number; list: Promise<string[]> } | undefined;
  const shared = (options.sharedRateLimits ?? db.kind === 'postgres') ? createSharedWindows(db, { now }) : undefined;
  const limiter = (name: string, defaults: RateLimitOptions, given?: RateLimitOptions) =>
    createRateLimiter({ ...defaults, now, ...given }, shared && { windows: shared, name });
  const trustProxy = options.trustProxy ?? 0;
  const outgoing = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const alertDeps = () => ({ fetch: outgoing, now: now(), timeoutMs: options.shareTimeoutMs ?? 5_000 });
  const states =
    options.states ??
    createStateRefresher({
      db,
      now,
      // Alerts go out after each pass of the refresher that decided them; digests on its ticks.
      afterPass: async (scheduled) => {
        await deliverAlerts(db, alertDeps());
        if (scheduled) await sendDigests(db, alertDeps());
      },
    });
  const ctx: CollectorContext = {
    db,
    readDb: options.readDb ?? db,
    states,
    now,
    fetch: outgoing,
    address: (c) => clientAddress(c, trustProxy),
    limits: {
      address: limiter('address', { perMinute: 600, burst: 300 }, options.rateLimit),
      app: limiter('app', { perMinute: 60_000, burst: 5_000 }, options.appRateLimit),
      invalid: limiter('invalid', { perMinute: 60, burst: 60 }, options.invalidRateLimit),
      adminFailures: limiter('admin-failures', { perMinute: 5, burst: 10 }, options.adminFailureRateLimit),
      sharesPerUserPerDay: options.sharesPerUserPerDay ?? 20,
      sharesPerAppPerDay: options.sharesPerAppPerDay ?? 500,
      shared,
    },
    shareTimeoutMs: options.shareTimeoutMs ?? 5_000,
    // Cached for a few seconds: preflights and errors need it on every browser request.
    knownOrigins: () => {
      if (!origins || now() - origins.at > 5_000) {
        origins = { at: now(), list: listApps(db).then((apps) => apps.flatMap((a) => a.origins)) };
        origins.list.catch(() => (origins = undefined));
      }
      return origins.list;
    },
    validateConfig: options.validateConfig ?? validateAppConfig,
    maxBodyBytes: options.maxBodyBytes ?? 262_144,
  };
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    logError(c, error, options.logError);
    return c.json({ error: 'The collector failed on this request; it was not stored. Retry later.' }, 500);
  });
  app.notFound((c) => c.json({ error: `${c.req.method} ${c.req.path} is not an endpoint of this collector.` }, 404));

  app.use('*', securityHeaders);

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

  // Refused requests spend a bucket of their own per address: a flood of cheap invalid
  // requests is slowed there and never drains the app-wide bucket real devices share.
  app.use('*', async (c, next) => {
    if (!BROWSER_PATHS.has(c.req.path) || c.req.method === 'OPTIONS') return next();
    const address = ctx.address(c);
    const bucket = ctx.limits.invalid.peek(address);
    if (!bucket.ok) {
      return c.json({ error: `Too many refused requests from this address; fix the request, then retry in ${bucket.retryAfterS} s.` }, 429, {
        'retry-after': String(bucket.retryAfterS),
      });
    }
    await next();
    if (c.res.status >= 400 && c.res.status < 500 && c.res.status !== 429) ctx.limits.invalid.take(address);
  });

  // Path and query reach SQL as text: NUL or a lone surrogate there would fail in the
  // database (500); answer 400 naming the parameter instead.
  app.use('*', async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.json({ error: 'The path is not valid percent-encoded UTF-8.' }, 400);
    }
    const problem =
      textProblem(path, 'The path') ??
      Object.entries(c.req.queries())
        .flatMap(([k, values]) => [textProblem(k, 'A query parameter name'), ...values.map((v) => textProblem(v, `${k} query parameter`))])
        .find(Boolean);
    if (problem) return c.json({ error: problem }, 400);
    return next();
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
  teamNotesRoute(app, ctx);
  responsesRoute(app, ctx);
  accountsRoute(app, ctx);
  outcomesRoute(app, ctx);
  driversRoute(app, ctx);
  usersRoute(app, ctx);
  configAdminRoute(app, ctx);
  appAdminRoute(app, ctx);
  widgetsRoute(app, ctx);
  experimentsRoute(app, ctx);
  teamRoute(app, ctx);
  overviewRoute(app, ctx);
  alertsRoute(app, ctx);
  adminPageRoute(app);
  for (const route of options.routes ?? []) route(app, ctx);
  return { app, ctx, states };
}
