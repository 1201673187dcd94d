import type { Hono } from 'hono';
import type { CollectorContext } from '../collector-context';
import { adminApp } from '../http/admin-app';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';
import { AlertSettingsBody, readAlertSettings, saveAlertSettings } from './alert-settings';
import { alertText } from './alert-message';
import type { AlertFacts } from './queue-alerts';
import { sendAlert } from './send-alert';

interface OutboxRow {
  key: string;
  kind: string;
  facts: AlertFacts;
  created_at: Date | string;
  sent_at: Date | string | null;
  attempts: number;
  error: string | null;
}

/**
 * `GET /v1/admin/alerts` (settings, and the last 20 alerts with how their delivery went),
 * `PUT /v1/admin/alerts` (settings) and `POST /v1/admin/alerts/test` (sends a test message to
 * where alerts go now, answering 502 with the reason when it does not arrive).
 */
export function alertsRoute(app: Hono, ctx: CollectorContext) {
  app.get('/v1/admin/alerts', async (c) => {
    const target = await adminApp(c, ctx);
    const [settings, recent] = await Promise.all([
      readAlertSettings(ctx.db, target.id),
      ctx.db.query<OutboxRow>(
        'SELECT key, kind, facts, created_at, sent_at, attempts, error FROM alert_outbox WHERE app_id = $1 ORDER BY created_at DESC, key LIMIT 20',
        [target.id],
      ),
    ]);
    return c.json({
      settings,
      webhooks: { slack: !!target.webhooks.slack, discord: !!target.webhooks.discord },
      recent: recent.map((r) => ({
        key: r.key,
        kind: r.kind,
        title: alertText(r.facts, target.name).title,
        createdAt: new Date(r.created_at).toISOString(),
        sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
        attempts: r.attempts,
        error: r.error,
      })),
    });
  });

  app.put('/v1/admin/alerts', async (c) => {
    const target = await adminApp(c, ctx);
    const settings = parseOr400(AlertSettingsBody, await readJsonBody(c.req.raw, { maxBytes: 8_192 }));
    if ((settings.target === 'slack' || settings.target === 'discord') && !target.webhooks[settings.target])
      fail(400, `target: app "${target.id}" has no ${settings.target} webhook yet; set it under Settings first.`);
    await saveAlertSettings(ctx.db, target.id, settings);
    return c.json({ settings: await readAlertSettings(ctx.db, target.id) });
  });

  app.post('/v1/admin/alerts/test', async (c) => {
    const target = await adminApp(c, ctx);
    const settings = await readAlertSettings(ctx.db, target.id);
    if (settings.target === 'off') fail(400, 'target: alerts are off; choose where they go and save first.');
    const result = await sendAlert(
      target,
      settings,
      { type: 'test', title: `Test alert from ${target.name}`, text: 'Alerts from Habitual arrive here.' },
      { fetch: ctx.fetch, now: ctx.now(), timeoutMs: ctx.shareTimeoutMs },
    );
    if (!result.ok) fail(502, result.error);
    return c.json({ ok: true });
  });
}
