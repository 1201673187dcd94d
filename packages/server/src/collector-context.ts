import type { HabitualConfig } from '@habitual/core';
import type { Db } from './db/database';
import type { RateDecision } from './http/rate-limit';
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
  /** Rate limit by key (write key plus device, or admin token). */
  rateLimit: (key: string) => RateDecision;
  /** Rate limit of a whole write key, over all its devices (so made-up device ids do not escape the limit). */
  appRateLimit: (writeKey: string) => RateDecision;
  /** Origins any app allows (for preflights and for errors sent before the app is known). */
  knownOrigins: () => Promise<string[]>;
  /** Problems of a widget config, `{ path, message }`; empty when it is valid. */
  validateConfig: (config: unknown) => Array<{ path: string; message: string }>;
  maxBodyBytes: number;
}

export type { HabitualConfig };
