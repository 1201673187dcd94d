import type { Comparison, HabitualConfig } from '@habitual/core';
import { holdoutOf, isEnabled, WIDGETS } from '@habitual/widgets/registry';
import { useEffect, useState } from 'preact/hooks';
import type { ArmReport, ExperimentReport } from '../experiments/experiment-report';
import { api, type ApiError } from './api';
import { number, percent } from './format';

/** The experiments of a config and the widgets it holds users out of (`widget-<id>`), in that order. */
export function experimentIds(config: HabitualConfig): Array<{ id: string; widget?: string }> {
  return [
    ...(config.experiments ?? []).map((e) => ({ id: e.id })),
    ...WIDGETS.filter((w) => isEnabled(config, w.id) && holdoutOf(config, w.id) > 0).map((w) => ({ id: `widget-${w.id}`, widget: w.label })),
  ];
}

const signed = (x: number, digits = 1) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(digits)}`;

/** A 95% interval drawn to scale around zero: the line is the interval, the dot the estimate. */
function IntervalBar({ c, unit = '' }: { c: Comparison; unit?: string }) {
  const width = 240;
  const half = Math.max(Math.abs(c.low), Math.abs(c.high), 1e-9) * 1.15;
  const x = (v: number) => ((v + half) / (2 * half)) * width;
  const colour = c.verdict === 'better' ? '#2e7d32' : c.verdict === 'worse' ? '#c62828' : '#5b6475';
  return (
    <svg
      width={width}
      height={22}
      viewBox={`0 0 ${width} 22`}
      role="img"
      aria-label={`${signed(c.diff, 2)}${unit}, 95% interval ${signed(c.low, 2)} to ${signed(c.high, 2)}`}
      data-interval
    >
      <line x1={x(0)} x2={x(0)} y1={2} y2={20} stroke="#c9ced8" stroke-width="1" />
      <line x1={x(c.low)} x2={x(c.high)} y1={11} y2={11} stroke={colour} stroke-width="3" stroke-linecap="round" />
      <circle cx={x(c.diff)} cy={11} r={4.5} fill="#fff" stroke={colour} stroke-width="2" />
    </svg>
  );
}

/** "+1.2 qualified days (95%: +0.4 to +2.0): better" and, before the sample is there, what it needs. */
function effectLine(c: Comparison | null, arm: ArmReport, base: ArmReport | undefined, unit: string, share = false) {
  if (!c) return 'not enough users yet';
  const f = (v: number) => (share ? `${signed(v * 100, 0)} pts` : signed(v));
  const need =
    c.verdict === 'not enough users yet' && c.minimumSample
      ? ` (needs ${c.minimumSample} measured users an arm; has ${Math.min(arm.measured, base?.measured ?? 0)})`
      : '';
  return `${f(c.diff)}${unit} (95%: ${f(c.low)} to ${f(c.high)}): ${c.verdict}${need}`;
}

function ExperimentCard({ id, widget }: { id: string; widget?: string }) {
  const [report, setReport] = useState<ExperimentReport | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<ExperimentReport>(`/v1/experiments/${encodeURIComponent(id)}`).then(setReport, (e: ApiError) =>
      setError(e.status === 404 ? 'No user has been counted in it yet.' : e.error),
    );
  }, [id]);
  const base = report?.arms.find((a) => a.arm === report.baseline);
  return (
    <fieldset data-experiment={id}>
      <legend>
        <strong>{widget ? `${widget}: holdout` : id}</strong>{' '}
        <span class="muted">{report?.spec && 'widget' in report.spec && report.spec.widget ? `on ${report.spec.widget}` : ''}</span>
      </legend>
      {error && <p class="muted">{error}</p>}
      {report && (
        <table>
          <thead>
            <tr>
              <th>Arm</th>
              <th>Users (measured)</th>
              <th>Qualified days / 28</th>
              <th>Active at day 28</th>
              <th>Activated</th>
              <th>At risk or dormant</th>
              <th>Against {report.baseline}: qualified days, 95% interval</th>
            </tr>
          </thead>
          <tbody>
            {report.arms.map((a) => (
              <tr key={a.arm} data-arm={a.arm}>
                <td>{a.arm === report.baseline ? <em>{a.arm} (baseline)</em> : a.arm}</td>
                <td>
                  {number(a.users)} ({number(a.measured)})
                </td>
                <td>{number(a.qualifiedDays.mean)}</td>
                <td>{percent(a.activeAtDay28.share)}</td>
                <td>{percent(a.activated.share)}</td>
                <td>{percent(a.reachedAtRiskOrDormant.share)}</td>
                <td>
                  {a.vsBaseline?.qualifiedDays && <IntervalBar c={a.vsBaseline.qualifiedDays} unit=" days" />}
                  {a.vsBaseline && (
                    <div class="muted" data-verdict={a.verdict}>
                      {effectLine(a.vsBaseline.qualifiedDays, a, base, ' days')}
                      <br />
                      Active at day 28: {effectLine(a.vsBaseline.activeAtDay28, a, base, '', true)}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}

/** Each experiment and each widget's holdout (`GET /v1/experiments/:id`): arms, outcomes, intervals drawn, verdicts. */
export function ExperimentsPage() {
  const [ids, setIds] = useState<Array<{ id: string; widget?: string }> | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<{ config: HabitualConfig }>('/v1/admin/config').then(
      (v) => setIds(experimentIds(v.config)),
      (e: ApiError) => setError(e.error),
    );
  }, []);
  if (error) return <p class="error">{error}</p>;
  if (!ids) return <p class="muted">Loading…</p>;
  const widgets = ids.filter((x) => x.widget);
  return (
    <section>
      <h1>Experiments</h1>
      <p class="muted">
        Outcomes over the 28 days from each user's first day in their arm; an effect is called only once both arms have the users its interval needs.
      </p>
      {!ids.length && <p class="muted">No experiment is configured and no switched-on widget holds users out.</p>}
      {ids
        .filter((x) => !x.widget)
        .map((x) => (
          <ExperimentCard key={x.id} id={x.id} />
        ))}
      {widgets.length > 0 && <h2>Effect on retention, per widget (its holdout)</h2>}
      {widgets.map((x) => (
        <ExperimentCard key={x.id} id={x.id} widget={x.widget} />
      ))}
    </section>
  );
}
