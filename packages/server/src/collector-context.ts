import type { Context } from 'hono';
import type { Db } from './db/database';
import type { RateLimiter } from './http/rate-limit';
import type { SharedWindows } from './http/shared-windows';
import type { StateRefresher } from './state/create-state-refresher';

/** What every route gets: storage and the outside world, passed in so tests swap them. */
export interface CollectorContext {
  db: Db;
  /** Where dashboard reads (the accounts list, scorecards) go: a read replica, or `db`. */
  readDb: Db;
  /** Keeps the engagement state tables up to date; writes kick it. */
  states: StateRefresher;
  now: () => number;
  /** Outgoing HTTP (share webhooks). */
  fetch: typeof fetch;
  /** The caller's address, which limits are keyed by (the socket's, or X-Forwarded-For behind `trustProxy` proxies). */
  address: (c: Context) => string;
  limits: {
    /** Valid requests per app and address (`<app>:<address>`), and admin requests (`admin:<address>`). */
    address: RateLimiter;
    /** Valid browser requests of one app over all addresses. */
    app: RateLimiter;
    /** Refused (4xx) browser requests per address: their own bucket, so they cannot drain `app`. */
    invalid: RateLimiter;
    /** Failed admin logins per address. */
    adminFailures: RateLimiter;
    /** Shares relayed per day: per user (verified, else per address) and per app. */
    sharesPerUserPerDay: number;
    sharesPerAppPerDay: number;
    /** Counters shared with the other collectors on this database, when shared. */
    shared?: SharedWindows;
  };
  /** Longest wait for a share webhook. */
  shareTimeoutMs: number;
  /** Origins any app allows (for preflights and for errors sent before the app is known). */
  knownOrigins: () => Promise<string[]>;
  /** Problems of a widget config, `{ path, message }`; empty when it is valid. */
  validateConfig: (config: unknown) => Array<{ path: string; message: string }>;
  maxBodyBytes: number;
}
