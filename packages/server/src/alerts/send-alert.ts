import type { App } from '../apps/app-store';
import { postWebhook, type WebhookResult } from '../share/post-webhook';
import type { AlertSettings } from './alert-settings';
import { alertBody } from './alert-message';
import { signWebhook } from './sign-webhook';

export interface SendDeps {
  fetch: typeof fetch;
  now: number;
  timeoutMs: number;
}

/**
 * Sends one event to where the app's alerts go: its Slack or Discord webhook, or the generic
 * webhook with `X-Habitual-Signature` (the app secret signs it) and `X-Habitual-Event`.
 */
export async function sendAlert(
  app: App,
  settings: AlertSettings,
  event: { type: string; title: string; text: string; color?: number; data?: unknown },
  deps: SendDeps,
): Promise<WebhookResult> {
  const target = settings.target;
  if (target === 'off') return { ok: false, error: 'Alerts are off for this app.' };
  const url = target === 'webhook' ? settings.webhookUrl : app.webhooks[target];
  if (!url) return { ok: false, error: `App "${app.id}" has no ${target} webhook; set one under Settings.` };
  const body = alertBody(target, { ...event, app: app.id, at: deps.now });
  const headers = target === 'webhook' ? { 'x-habitual-event': event.type, 'x-habitual-signature': signWebhook(body, app.secret, deps.now) } : undefined;
  return postWebhook(deps.fetch, url, body, { name: target, timeoutMs: deps.timeoutMs, headers });
}
