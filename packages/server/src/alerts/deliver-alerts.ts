import type { Db } from '../db/database';
import { findApp } from '../apps/app-store';
import { readAlertSettings } from './alert-settings';
import { alertText } from './alert-message';
import type { AlertFacts } from './queue-alerts';
import { sendAlert, type SendDeps } from './send-alert';

/** Tries per alert before it stays undelivered (with its last error shown under Settings). */
const MAX_ATTEMPTS = 6;
/** How long a claimed alert is held before another collector may send it. */
const LEASE_MS = 60_000;

interface Claimed {
  app_id: string;
  key: string;
  kind: string;
  facts: AlertFacts;
  attempts: number;
  user_name: string | null;
}

/**
 * Sends the alerts that are due from the outbox: claims a few (a lease, so collectors sharing
 * the database never send one twice at once), posts each outside any transaction, and marks it
 * sent, or due again after a backoff (1, 2, 4… minutes) with the reason. Returns how many went.
 */
export async function deliverAlerts(db: Db, deps: SendDeps & { batch?: number }): Promise<number> {
  const claimed = await db.query<Claimed>(
    `UPDATE alert_outbox o SET next_at = to_timestamp($2::float8 / 1000), attempts = o.attempts + 1
     FROM (SELECT app_id, key FROM alert_outbox WHERE sent_at IS NULL AND next_at <= to_timestamp($1::float8 / 1000) AND attempts < $4
           ORDER BY next_at LIMIT $3 FOR UPDATE SKIP LOCKED) c
     WHERE o.app_id = c.app_id AND o.key = c.key
     RETURNING o.app_id, o.key, o.kind, o.facts, o.attempts, (SELECT u.name FROM users u WHERE u.app_id = o.app_id AND u.id = o.user_id) AS user_name`,
    [deps.now, deps.now + LEASE_MS, deps.batch ?? 20, MAX_ATTEMPTS],
  );
  let sent = 0;
  for (const alert of claimed) {
    const app = await findApp(db, alert.app_id);
    if (!app) continue;
    const settings = await readAlertSettings(db, app.id);
    const { title, text, color } = alertText(alert.facts, app.name, alert.user_name ?? undefined);
    const result = await sendAlert(app, settings, { type: `alert.${alert.kind}`, title, text, color, data: alert.facts }, deps);
    if (result.ok) sent++;
    await db.query(
      result.ok
        ? 'UPDATE alert_outbox SET sent_at = to_timestamp($3::float8 / 1000), error = NULL WHERE app_id = $1 AND key = $2'
        : 'UPDATE alert_outbox SET next_at = to_timestamp($3::float8 / 1000), error = $4 WHERE app_id = $1 AND key = $2',
      result.ok ? [alert.app_id, alert.key, deps.now] : [alert.app_id, alert.key, deps.now + 60_000 * 2 ** (alert.attempts - 1), result.error],
    );
  }
  return sent;
}
