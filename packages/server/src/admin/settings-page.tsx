import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from './api';
import { AlertsSettings } from './alerts-settings';

interface AppView {
  id: string;
  name: string;
  writeKey: string;
  origins: string[];
  verifyIdentity: boolean;
  webhooks: { slack: boolean; discord: boolean };
}

/** App settings: allowed origins, identity verification, share webhooks (write-only), alerts. */
export function SettingsPage() {
  const [app, setApp] = useState<AppView | null>(null);
  const [origins, setOrigins] = useState('');
  const [verify, setVerify] = useState(false);
  const [slack, setSlack] = useState('');
  const [discord, setDiscord] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string }>();
  const show = (a: AppView) => {
    setApp(a);
    setOrigins(a.origins.join('\n'));
    setVerify(a.verifyIdentity);
  };
  useEffect(() => {
    api<AppView>('/v1/admin/app').then(show, (e: ApiError) => setMessage({ kind: 'error', text: e.error }));
  }, []);
  async function save() {
    try {
      const body = {
        origins: origins.split(/\s+/).filter(Boolean),
        verifyIdentity: verify,
        webhooks: { ...(slack ? { slack } : {}), ...(discord ? { discord } : {}) },
      };
      show(await api<AppView>('/v1/admin/app', { method: 'PUT', body }));
      setSlack('');
      setDiscord('');
      setMessage({ kind: 'ok', text: 'Saved.' });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as ApiError).error });
    }
  }
  if (!app) return message ? <p class="error">{message.text}</p> : <p class="muted">Loading…</p>;
  return (
    <section>
      <h1>
        {app.name} <span class="muted">({app.id})</span>
      </h1>
      <p>
        Write key (public, goes in the page): <code>{app.writeKey}</code>
      </p>
      <fieldset>
        <label>
          Allowed origins, one per line (<code>*</code> for any)
          <textarea value={origins} onInput={(e) => setOrigins((e.target as HTMLTextAreaElement).value)} />
        </label>
        <label>
          <input type="checkbox" checked={verify} onChange={(e) => setVerify((e.target as HTMLInputElement).checked)} /> Require identity verification
          (user.hash signs user, account and expiry with the app secret; README, "Identity")
        </label>
        <label>
          Slack webhook {app.webhooks.slack ? '(set)' : '(not set)'}{' '}
          <input value={slack} placeholder="https://hooks.slack.com/services/…" onInput={(e) => setSlack((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Discord webhook {app.webhooks.discord ? '(set)' : '(not set)'}{' '}
          <input value={discord} placeholder="https://discord.com/api/webhooks/…" onInput={(e) => setDiscord((e.target as HTMLInputElement).value)} />
        </label>
      </fieldset>
      <button type="button" class="primary" onClick={save}>
        Save
      </button>
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'muted'} role="status">
          {message.text}
        </p>
      )}
      <AlertsSettings />
    </section>
  );
}
