import { addDays, todayKey } from '@habitual/core';
import type { Db } from '../db/database';
import { findApp } from '../apps/app-store';
import { readAlertSettings } from './alert-settings';
import { sendAlert, type SendDeps } from './send-alert';

/** Accounts one digest names at most (the biggest moves). */
const DIGEST_ACCOUNTS = 15;

interface Changed {
  account_id: string;
  name: string | null;
  score: number | null;
  band: string;
  was_score: number | null;
  was_band: string;
}

const shown = (score: number | null, band: string) => (band === 'none' ? 'no data' : band === 'error' ? 'error' : `${score} (${band})`);

/**
 * The morning digest, once a UTC day per app from its `digest.hourUtc` on (the `settings`
 * row is the claim, however many collectors run it): the accounts whose band changed, or whose
 * score moved 5 or more points, between the day before yesterday and yesterday, biggest moves
 * first. No message on a day nothing changed. Returns the digests sent.
 */
export async function sendDigests(db: Db, deps: SendDeps): Promise<number> {
  const today = todayKey(deps.now, 'UTC');
  const hour = new Date(deps.now).getUTCHours();
  const apps = await db.query<{ id: string }>(
    `SELECT id FROM apps WHERE alerts -> 'digest' ->> 'enabled' = 'true' AND alerts ->> 'target' <> 'off' ORDER BY id`,
  );
  let sent = 0;
  for (const { id } of apps) {
    const settings = await readAlertSettings(db, id);
    if (hour < settings.digest.hourUtc) continue;
    const claimed = await db.query(
      `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2 WHERE settings.value < $2 RETURNING key`,
      [`digest_sent_on:${id}`, today],
    );
    if (!claimed.length) continue;
    const [yesterday, before] = [addDays(today, -1), addDays(today, -2)];
    const changed = await db.query<Changed>(
      `SELECT t.account_id, s.name, t.score, t.band, y.score AS was_score, y.band AS was_band
       FROM account_scores t JOIN account_scores y ON y.app_id = t.app_id AND y.account_id = t.account_id AND y.day = $3
       LEFT JOIN account_states s ON s.app_id = t.app_id AND s.account_id = t.account_id
       WHERE t.app_id = $1 AND t.day = $2 AND (t.band <> y.band OR abs(COALESCE(t.score, 0) - COALESCE(y.score, 0)) >= 5)
       ORDER BY abs(COALESCE(t.score, 0) - COALESCE(y.score, 0)) DESC, t.account_id LIMIT $4`,
      [id, yesterday, before, DIGEST_ACCOUNTS],
    );
    if (!changed.length) continue;
    const app = await findApp(db, id);
    if (!app) continue;
    const lines = changed.map((c) => `${c.name || c.account_id}: ${shown(c.was_score, c.was_band)} → ${shown(c.score, c.band)}`);
    const result = await sendAlert(
      app,
      settings,
      {
        type: 'digest',
        title: `${app.name}: ${changed.length} ${changed.length === 1 ? 'account' : 'accounts'} changed on ${yesterday}`,
        text: lines.join('\n'),
        data: {
          day: yesterday,
          accounts: changed.map((c) => ({ id: c.account_id, name: c.name ?? '', score: c.score, band: c.band, was: { score: c.was_score, band: c.was_band } })),
        },
      },
      deps,
    );
    if (result.ok) sent++;
    // A failed digest gives its day back, so the next pass tries again.
    else await db.query('UPDATE settings SET value = $2 WHERE key = $1', [`digest_sent_on:${id}`, yesterday]);
  }
  return sent;
}
