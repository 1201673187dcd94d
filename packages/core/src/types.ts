import type { HabitualConfig } from './config/types';
import type { DayRollup } from './rollup/day-rollup';
import type { EngagementState, ReachedMilestone, Stage } from './engine/types';

export type ConsentState = 'granted' | 'pending' | 'denied';

export interface HabitualUser {
  id: string;
  accountId?: string;
  /**
   * Signed by the host's backend when the app verifies identities: hex HMAC-SHA256, with the
   * app secret, of `habitual-identity-v2\n<id>\n<accountId or empty>\n<hashExpires or empty>`
   * (see the README, "Identity").
   */
  hash?: string;
  /** Epoch seconds after which the collector refuses `hash`; signed with it. Omit for a hash that does not expire. */
  hashExpires?: number;
  /** What targeting's `when.traits` matches first (`{ plan: 'team', role: 'admin' }`). */
  traits?: Record<string, unknown>;
  /** The account's traits: `when.traits` falls back to them for a name the user lacks. */
  accountTraits?: Record<string, unknown>;
}

export interface InitOptions {
  appId: string;
  writeKey: string;
  /** Collector URL; without one nothing leaves the device. */
  endpoint?: string;
  user?: HabitualUser;
  config?: HabitualConfig;
  /** Start with consent `pending` (kept in memory only) until `consent('granted')`. @default false */
  requireConsent?: boolean;
  /** Console warnings for dropped calls. @default false */
  debug?: boolean;
  onError?: (error: HabitualError) => void;
  /**
   * Where the widgets' shell (`habitual-widgets.js`) is loaded from; each widget's own chunk
   * (`habitual-widget-<id>.js`) is fetched from next to it, so serve them together, and keep
   * the file name and no query string (the chunks import the shell by its name).
   * @default next to habitual.js
   */
  widgetsUrl?: string;
  /**
   * The clock, for demos and tests that travel in time (the demo's `?now=2026-12-01`).
   * Every day key and "today" comes from it. @default Date.now
   */
  now?: () => number;
  /**
   * Replacement widget texts per locale, merged over the built-in catalogs:
   * `{ fi: { checklist: 'Aloitus' } }`. Keys: the `messages.ts` files of packages/widgets/src/host
   * and of each widget's folder.
   */
  messages?: Record<string, Record<string, string>>;
  sync?: {
    /**
     * Stored days are sent at most this often while the page is in use, and always when the
     * page is hidden, comes back online, or on `flush({ sync: true })`. @default 300000
     */
    intervalMs?: number;
  };
}

export interface TrackProps {
  /** Value units this use delivered (e.g. 3 invoices). Must be finite. */
  value?: number;
  [key: string]: unknown;
}

/** What the device keeps about its user besides the day rollups. */
export interface Profile {
  v: 1;
  userId?: string;
  accountId?: string;
  deviceId: string;
  firstSeen: string;
  /** Milestone id -> local day reached (each once, ever). */
  milestones: Record<string, string>;
  /** Last lifecycle stage seen, for hysteresis and `on('stage')`. */
  stage?: Stage;
  /** Free-form widget state (checklist, reminders, dismissals), one key per widget. */
  widgets: Record<string, unknown>;
}

export interface ExportedData {
  profile: Profile;
  days: DayRollup[];
}

/** `load-failed`: a file loaded later (the engine, the widgets or one widget's view) did not arrive; `target-missing`: a nudge's target never appeared (`selector` names it). */
export type HabitualErrorCode =
  | 'storage-unavailable'
  | 'storage-corrupt'
  | 'sync-rejected'
  | 'sync-failed'
  | 'config-invalid'
  | 'bad-call'
  | 'load-failed'
  | 'target-missing';

export interface HabitualError {
  code: HabitualErrorCode;
  message: string;
  cause?: unknown;
  /** `target-missing`: the CSS selector of a nudge target that never appeared on the page. */
  selector?: string;
}

export interface DigestMetric {
  label: string;
  value: number;
  /** Optional daily series for a sparkline, oldest first. */
  series?: number[];
  format?: 'number' | 'currency' | 'percent';
  currency?: string;
}

export type DigestProvider = () => DigestMetric[] | Promise<DigestMetric[]>;

export interface HabitualEvents {
  state: EngagementState;
  milestone: ReachedMilestone;
  stage: { from?: Stage; to: Stage };
  error: HabitualError;
  /** The resolved config changed (remote config, `configure()`): widgets mount or unmount. */
  config: HabitualConfig;
  /** A tracked event, after validation (for widgets that react live). */
  track: { name: string; value: number };
  /** `survey(form)` was called. */
  survey: { form: string };
}

export interface HabitualInstance {
  track(name: string, props?: TrackProps): void;
  identify(user: HabitualUser): void;
  consent(state: ConsentState): void;
  on<E extends keyof HabitualEvents>(event: E, fn: (payload: HabitualEvents[E]) => void): () => void;
  /**
   * The engagement state, or null until the keeper has read the stored days. It is computed
   * only for pages that read it (this call, or a `state`, `stage` or `milestone` listener).
   */
  getState(): EngagementState | null;
  exportData(): Promise<ExportedData>;
  /**
   * Resolves once everything tracked so far is stored; with `{ sync: true }`, once it was
   * also sent to the collector (or the send was deferred to a retry).
   */
  flush(options?: { sync?: boolean }): Promise<void>;
  /** Deletes everything kept on this device. */
  forget(): Promise<void>;
  destroy(): Promise<void>;
  /** Registers the host's business metrics for the digest. */
  digest(provider: DigestProvider): void;
  /** Replaces the config (the remote config arrives through here). */
  configure(config: HabitualConfig): void;
  /**
   * Opens survey form `form` (`'exit'`, `'nps'`, `'csat'` or one of `widgets.survey.forms`) at
   * once, outside the attention budget: the user asked (a Cancel button). Needs
   * `widgets.survey.enabled`.
   */
  survey(form: string): void;
}

/**
 * What the widgets read besides the public methods: an internal handle on the instance
 * (`internalOf(instance)`), not part of the host API.
 */
export interface WidgetHost {
  /** The config in force. */
  config(): HabitualConfig;
  /** Undefined until the keeper (habitual-engine.js) has loaded it. */
  profile(): Profile | undefined;
  /** Persists widget state under `profile.widgets[key]`. */
  setWidgetState(key: string, value: unknown): Promise<void>;
  digestProvider(): DigestProvider | undefined;
  /** The instance's clock (epoch ms): `Date.now`, or the `now` option when time travels. */
  now(): number;
  /** The IANA zone the tracker reads local days in: with `now()`, the widgets' "today". */
  timeZone(): string;
  /** The user as last identified (traits for targeting), or undefined when anonymous. */
  user(): HabitualUser | undefined;
  /** The options `init` was called with (widgets read `messages`). */
  options(): Readonly<InitOptions>;
  /** Relays a reward share through the collector (no webhook secret lives in the page). */
  share(message: ShareMessage): Promise<void>;
  /** Reports a widget's error like the instance's own: `onError`, the `error` event, the console in debug mode. */
  report(error: HabitualError): void;
  /**
   * Counts one use of a widget's reserved name (`hb:nudge.<id>.shown`, see
   * `widgetCountName`) into today's rollup, like `track()` but for names no host may track.
   */
  count(name: string): void;
  /** The form `survey()` asked for and no survey view has taken yet (taking clears it). */
  takeSurvey(): string | undefined;
  /**
   * Sends survey answers to `POST /v1/responses` under the user's identity. Rejects without an
   * endpoint or consent `granted`, or with the collector's reason (`status` set when it answered).
   */
  respond(responses: SurveyResponse[]): Promise<void>;
}

/** One survey answer as `POST /v1/responses` carries it. */
export interface SurveyResponse {
  /** Random, made once on the device: re-sending it never stores it twice. */
  id: string;
  form: string;
  kind: 'choice' | 'nps' | 'csat';
  /** Epoch ms when answered. */
  at: number;
  choice?: string;
  score?: number;
  /** Only when the user ticked "share my comment". */
  text?: string;
}

export interface ShareMessage {
  target: 'slack' | 'discord';
  /** The milestone reached (a reward's share)... */
  milestone?: string;
  /** ...or a month in review (the journal's): numbers only, the collector words them. */
  review?: { month: string; activeDays: number; milestones: number; values: Record<string, number> };
  /** How the user is named in the message ("Robin reached…"); without it, "Someone". */
  displayName?: string;
}
