import { useEffect, useState } from 'preact/hooks';
import type { AlertSettings } from '../alerts/alert-settings';
import { api, type ApiError } from './api';

interface AlertsView {
  settings: AlertSettings;
  webhooks: { slack: boolean; discord: boolean };
  recent: Array<{ key: string; kind: string; title: string; createdAt: string; sentAt: string | null; attempts: number; error: string | null }>;
}

const TARGETS: Array<[AlertSettings['target'], string]> = [
  ['off', 'Off'],
  ['slack', 'Slack (the webhook above)'],
  ['discord', 'Discord (the webhook above)'],
  ['webhook', 'Generic webhook, signed'],
];

/** The alerts part of Settings: where alerts go, which ones, the morning digest, a test, recent deliveries. */
export function AlertsSettings() {
  const [view, setView] = useState<AlertsView>();
  const [draft, setDraft] = useState<AlertSettings>();
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string }>();
  const load = () =>
    api<AlertsView>('/v1/admin/alerts').then(
      (v) => (setView(v), setDraft(v.settings)),
      (e: ApiError) => setMessage({ kind: 'error', text: e.error }),
    );
  useEffect(() => void load(), []);
  if (!view || !draft) return message ? <p class="error">{message.text}</p> : <p class="muted">Loading alerts…</p>;
  const set = (patch: Partial<AlertSettings>) => setDraft({ ...draft, ...patch });
  const dirty = JSON.stringify(draft) !== JSON.stringify(view.settings);
  async function save() {
    try {
      await api('/v1/admin/alerts', { method: 'PUT', body: draft });
      setMessage({ kind: 'ok', text: 'Alert settings saved.' });
      await load();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as ApiError).error });
    }
  }
  async function test() {
    try {
      await api('/v1/admin/alerts/test', { method: 'POST' });
      setMessage({ kind: 'ok', text: 'Test alert sent: check that it arrived.' });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as ApiError).error });
    }
  }
  const check = (key: 'enteredRed' | 'dropped' | 'keyUserDormant', label: string) => (
    <label>
      <input type="checkbox" name={key} checked={draft[key]} onChange={(e) => set({ [key]: (e.target as HTMLInputElement).checked })} /> {label}
    </label>
  );
  return (
    <section data-testid="alerts">
      <h2>Alerts</h2>
      <fieldset>
        <legend>Where alerts go</legend>
        <label>
          Send to{' '}
          <select name="alert-target" value={draft.target} onChange={(e) => set({ target: (e.target as HTMLSelectElement).value as AlertSettings['target'] })}>
            {TARGETS.map(([value, label]) => (
              <option key={value} value={value} disabled={(value === 'slack' || value === 'discord') && !view.webhooks[value]}>
                {label}
                {(value === 'slack' || value === 'discord') && !view.webhooks[value] ? ' – set its webhook first' : ''}
              </option>
            ))}
          </select>
        </label>
        {draft.target === 'webhook' && (
          <label>
            Webhook URL (https; each POST carries X-Habitual-Signature: t=…,v1=HMAC-SHA256 of "t.body" with the app secret){' '}
            <input
              name="webhookUrl"
              size={50}
              value={draft.webhookUrl ?? ''}
              placeholder="https://example.com/habitual-alerts"
              onInput={(e) => set({ webhookUrl: (e.target as HTMLInputElement).value || undefined })}
            />
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>Tell me when</legend>
        {check('enteredRed', 'an account enters the red band')}
        {check('dropped', 'an account drops 15 or more points below its best of the last 7 days')}
        {check('keyUserDormant', 'a key user (engaged, power user or at risk) goes dormant')}
        <label>
          <input
            type="checkbox"
            name="digest"
            checked={draft.digest.enabled}
            onChange={(e) => set({ digest: { ...draft.digest, enabled: (e.target as HTMLInputElement).checked } })}
          />{' '}
          a morning digest of the accounts that changed the day before, from{' '}
          <input
            type="number"
            name="hourUtc"
            min={0}
            max={23}
            aria-label="Digest hour (UTC)"
            value={draft.digest.hourUtc}
            onInput={(e) => set({ digest: { ...draft.digest, hourUtc: Number((e.target as HTMLInputElement).value) } })}
          />
          :00 UTC
        </label>
      </fieldset>
      <p>
        <button type="button" class="primary" disabled={!dirty} onClick={save}>
          Save alert settings
        </button>{' '}
        <button type="button" disabled={dirty || view.settings.target === 'off'} onClick={test}>
          Send a test alert
        </button>
      </p>
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'muted'} role="status">
          {message.text}
        </p>
      )}
      <h3>Recent alerts</h3>
      {view.recent.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">Decided</th>
              <th scope="col">Delivery</th>
            </tr>
          </thead>
          <tbody>
            {view.recent.map((r) => (
              <tr key={r.key}>
                <td>{r.title}</td>
                <td>{new Date(r.createdAt).toLocaleString()}</td>
                <td class={r.sentAt ? undefined : 'error'}>
                  {r.sentAt ? `sent ${new Date(r.sentAt).toLocaleString()}` : `not sent yet (${r.attempts} tries): ${r.error ?? 'waiting'}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No alert yet.</p>
      )}
    </section>
  );
}
