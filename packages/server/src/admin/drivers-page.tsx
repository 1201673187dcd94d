import { useEffect, useState } from 'preact/hooks';
import type { HabitualConfig } from '@habitual/core';
import type { DriversReport } from '../drivers/compute-drivers';
import { api, type ApiError } from './api';
import { number, percent } from './format';

type Report = DriversReport & { app: string; configVersion: number; today: string };
type Message = { kind: 'error' | 'ok'; text: string; rollback?: number };

/** A value and its interval on a scale from `-span` to `span`, as a bar around a zero line. */
function Interval({ value, ci, span, label }: { value: number; ci: [number, number]; span: number; label: string }) {
  const at = (x: number) => `${50 + (Math.max(-span, Math.min(span, x)) / span) * 50}%`;
  const good = ci[0] > 0;
  const bad = ci[1] < 0;
  return (
    <svg width="160" height="14" role="img" aria-label={label} data-interval>
      <title>{label}</title>
      <line x1="50%" x2="50%" y1="0" y2="14" stroke="#c9ced8" />
      <line x1={at(ci[0])} x2={at(ci[1])} y1="7" y2="7" stroke={good ? '#2e7d32' : bad ? '#c62828' : '#5b6475'} stroke-width="4" />
      <circle cx={at(value)} cy="7" r="4" fill="#1d2330" />
    </svg>
  );
}

const signed = (x: number, digits = 2) => `${x > 0 ? '+' : ''}${x.toFixed(digits)}`;

/**
 * Which features predict retention (GET /v1/drivers): features ranked by their effect in the
 * model with intervals, retention of users vs non-users, the model's held-out quality next to
 * the current score and L28, and "Use these weights" (a config version, rolled back like any
 * other). Also the outcomes CSV upload and the churn inference setting.
 */
export function DriversPage() {
  const [horizon, setHorizon] = useState(30);
  const [report, setReport] = useState<Report | null>(null);
  const [message, setMessage] = useState<Message>();
  const [inferDays, setInferDays] = useState('');
  const fail = (e: ApiError) => setMessage({ kind: 'error', text: e.error });
  const load = () => {
    setReport(null);
    api<Report>(`/v1/drivers?horizonDays=${horizon}`).then(setReport, fail);
  };
  useEffect(load, [horizon]);
  useEffect(() => {
    api<{ inferChurnDays: number }>('/v1/drivers/settings').then((s) => setInferDays(String(s.inferChurnDays)), fail);
  }, []);

  async function publish(engagement: Report['suggested']['engagement'], note: string) {
    try {
      const { config, version } = await api<{ config: HabitualConfig; version: number }>('/v1/admin/config');
      const next: HabitualConfig = { ...config, engagement: { ...config.engagement, ...engagement } };
      const saved = await api<{ version: number }>('/v1/admin/config', { method: 'PUT', body: { config: next, note, baseVersion: version } });
      setMessage({ kind: 'ok', text: `Published as config version ${saved.version}.`, rollback: version || undefined });
    } catch (e) {
      fail(e as ApiError);
    }
  }
  async function rollback(version: number) {
    try {
      const saved = await api<{ version: number }>('/v1/admin/config/rollback', { method: 'POST', body: { version } });
      setMessage({ kind: 'ok', text: `Rolled back: version ${version}'s config is in force again as version ${saved.version}.` });
    } catch (e) {
      fail(e as ApiError);
    }
  }
  async function upload(file: File | undefined) {
    if (!file) return;
    try {
      const r = await api<{ stored: number }>('/v1/outcomes', { method: 'POST', body: { csv: await file.text() } });
      setMessage({ kind: 'ok', text: `Stored ${r.stored} outcomes.` });
      load();
    } catch (e) {
      fail(e as ApiError);
    }
  }
  async function saveInfer() {
    try {
      await api('/v1/drivers/settings', { method: 'PUT', body: { inferChurnDays: Number(inferDays) } });
      setMessage({ kind: 'ok', text: 'Saved.' });
      load();
    } catch (e) {
      fail(e as ApiError);
    }
  }

  const m = report?.model;
  const span = report ? Math.max(0.5, ...report.features.map((f) => Math.max(Math.abs(f.effect.ci[0]), Math.abs(f.effect.ci[1])))) : 1;
  return (
    <section>
      <h1>What predicts retention</h1>
      <p>
        <label>
          Churned within{' '}
          <select value={horizon} onChange={(e) => setHorizon(Number((e.target as HTMLSelectElement).value))}>
            {[30, 60, 90].map((d) => (
              <option value={d}>{d} days</option>
            ))}
          </select>{' '}
          of an observation date
        </label>
      </p>
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'muted'} role="status">
          {message.text}{' '}
          {message.rollback && (
            <button type="button" onClick={() => rollback(message.rollback!)}>
              Roll back
            </button>
          )}
        </p>
      )}
      {!report ? (
        <p class="muted">Fitting…</p>
      ) : (
        <>
          <p class="muted" data-sizes>
            {report.sizes.users} users ({report.sizes.accounts} accounts); {report.sizes.observations.train} observations to fit on (
            {report.dates.train.join(', ')}), {report.sizes.observations.test} to test on ({report.dates.test.join(', ')}); {report.sizes.churned.users} users
            churned, by{' '}
            {report.labels === 'recorded' ? 'the outcomes recorded' : `${report.inferChurnDays} days without a qualified day (no outcomes recorded)`}.
          </p>
          {report.refused ? (
            <>
              <p class="error" data-refused>
                {report.refused}
              </p>
              <button type="button" onClick={() => publish({ percentiles: report.percentiles }, 'Drivers: score measures against the population')}>
                Score against this population
              </button>
            </>
          ) : (
            m && (
              <>
                <p data-quality>
                  Held-out AUC <strong>{m.auc.test.toFixed(3)}</strong> (current score {m.baselines.score.toFixed(3)}, qualified days in 28{' '}
                  {m.baselines.l28.toFixed(3)}; training {m.auc.train.toFixed(3)}). Calibration, predicted → observed chance to stay:{' '}
                  {m.calibration.map((b) => `${percent(b.predicted)} → ${percent(b.observed)}`).join(', ')}.
                </p>
                <button
                  type="button"
                  class="primary"
                  onClick={() =>
                    publish(report.suggested.engagement, `Drivers: learned weights (held-out AUC ${m.auc.test.toFixed(3)}, ${report.horizonDays} days)`)
                  }
                >
                  Use these weights
                </button>
                <table data-features>
                  <thead>
                    <tr>
                      <th>Feature</th>
                      <th>Users</th>
                      <th>Stayed: users / others</th>
                      <th>Difference (95%)</th>
                      <th>Effect in the model, log-odds per sd (95%)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.features.map((f) => (
                      <tr key={f.name}>
                        <td>
                          {f.label} <span class="muted">{f.name}</span>
                        </td>
                        <td>{f.users}</td>
                        <td>
                          {percent(f.retention.users.rate)} / {percent(f.retention.nonUsers.rate)}
                        </td>
                        <td>
                          {signed(f.retention.difference.value * 100, 1)} pts ({signed(f.retention.difference.ci[0] * 100, 1)} to{' '}
                          {signed(f.retention.difference.ci[1] * 100, 1)})
                        </td>
                        <td>
                          <Interval
                            value={f.effect.value}
                            ci={f.effect.ci}
                            span={span}
                            label={`${signed(f.effect.value)} (${signed(f.effect.ci[0])} to ${signed(f.effect.ci[1])})`}
                          />{' '}
                          {signed(f.effect.value)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p class="muted">
                  Other inputs:{' '}
                  {report.inputs.map((i) => `${i.name} ${signed(i.effect.value)} (${signed(i.effect.ci[0])} to ${signed(i.effect.ci[1])})`).join('; ')}.
                  Observations of one user on several dates are not independent: intervals count users, not observations. Effects are associations, not proof
                  that a feature causes retention.
                </p>
              </>
            )
          )}
        </>
      )}
      <fieldset>
        <label>
          Outcomes CSV (header <code>account</code> or <code>user</code>, then any of <code>status,churnedAt,renewedAt,mrr</code>){' '}
          <input type="file" accept=".csv,text/csv" onChange={(e) => upload((e.target as HTMLInputElement).files?.[0])} />
        </label>
        <label>
          Without outcomes, a customer has churned after{' '}
          <input type="number" min="0" max="365" value={inferDays} onInput={(e) => setInferDays((e.target as HTMLInputElement).value)} /> days without a
          qualified day (0: never infer){' '}
          <button type="button" onClick={saveInfer}>
            Save
          </button>
        </label>
      </fieldset>
      {m && <p class="muted">{number(m.seconds)} s to fit.</p>}
    </section>
  );
}
