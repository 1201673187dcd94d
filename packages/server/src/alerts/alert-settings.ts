import * as v from 'valibot';
import type { Db } from '../db/database';

/** Where an app's alerts go, and which. Stored in `apps.alerts`. */
export interface AlertSettings {
  /**
   * Where alerts go: the app's Slack or Discord webhook (set under Settings, as for shares),
   * a generic webhook (`webhookUrl`, signed), or nowhere. @default 'off'
   */
  target: 'off' | 'slack' | 'discord' | 'webhook';
  /** The generic webhook: each POST carries `X-Habitual-Signature` (see `signWebhook`). */
  webhookUrl?: string;
  /** An account's score falls into the red band (from yellow or green). @default true */
  enteredRed: boolean;
  /** An account's score is 15 or more points below its best of the last 7 days. @default true */
  dropped: boolean;
  /** A user who was engaged, a power user or at risk goes dormant. @default true */
  keyUserDormant: boolean;
  /** A morning digest of the accounts whose band or score changed since the day before. */
  digest: {
    /** @default false */
    enabled: boolean;
    /** The hour (UTC, 0-23) from which the day's digest goes out. @default 8 */
    hourUtc: number;
  };
}

const DEFAULT_ALERTS: AlertSettings = { target: 'off', enteredRed: true, dropped: true, keyUserDormant: true, digest: { enabled: false, hourUtc: 8 } };

const bool = (name: string) => v.boolean(`${name} must be true or false`);

/** `PUT /v1/admin/alerts` body: every field, as the Settings page sends them. */
export const AlertSettingsBody = v.pipe(
  v.object({
    target: v.picklist(['off', 'slack', 'discord', 'webhook'], 'target must be "off", "slack", "discord" or "webhook"'),
    webhookUrl: v.optional(
      v.pipe(
        v.string('webhookUrl must be a URL'),
        v.url('webhookUrl must be a URL'),
        v.maxLength(2_000, 'webhookUrl must be at most 2000 characters'),
        // Plain http only to this machine (a local receiver); anything else over https.
        v.check((u) => {
          const url = new URL(u);
          return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
        }, 'webhookUrl must be https (plain http only for localhost)'),
      ),
    ),
    enteredRed: bool('enteredRed'),
    dropped: bool('dropped'),
    keyUserDormant: bool('keyUserDormant'),
    digest: v.object(
      {
        enabled: bool('digest.enabled'),
        hourUtc: v.pipe(
          v.number('digest.hourUtc must be a number'),
          v.integer('digest.hourUtc must be a whole hour'),
          v.minValue(0, 'digest.hourUtc must be 0-23'),
          v.maxValue(23, 'digest.hourUtc must be 0-23'),
        ),
      },
      'digest must be an object with enabled and hourUtc',
    ),
  }),
  v.check((s) => s.target !== 'webhook' || !!s.webhookUrl, 'webhookUrl is required when target is "webhook"'),
);

/** An app's alert settings, defaults filled in. */
export async function readAlertSettings(db: Db, appId: string): Promise<AlertSettings> {
  const [row] = await db.query<{ alerts: Partial<AlertSettings> }>('SELECT alerts FROM apps WHERE id = $1', [appId]);
  const stored = row?.alerts ?? {};
  return { ...DEFAULT_ALERTS, ...stored, digest: { ...DEFAULT_ALERTS.digest, ...stored.digest } };
}

export async function saveAlertSettings(db: Db, appId: string, settings: AlertSettings): Promise<void> {
  await db.query('UPDATE apps SET alerts = $2 WHERE id = $1', [appId, JSON.stringify(settings)]);
}
