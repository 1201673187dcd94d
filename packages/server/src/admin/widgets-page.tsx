import { addDays, dayIndex, todayKey } from '@habitual/core';
import { useEffect, useState } from 'preact/hooks';
import { widgetsCsv } from '../widgets/widgets-csv';
import type { WidgetReport } from '../widgets/widgets-report';
import { api, type ApiError } from './api';
import { number, percent } from './format';
import { Sparkline } from './sparkline';

/** A widget's shown counts for every day of the range, zero where none (the chart's series). */
export function shownSeries(w: WidgetReport, from: string, to: string): number[] {
  const byDay = new Map(w.days.map((d) => [d.day, d.shown]));
  return Array.from({ length: dayIndex(to) - dayIndex(from) + 1 }, (_, k) => byDay.get(addDays(from, k)) ?? 0);
}

function download(name: string, text: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** What each widget did (`GET /v1/widgets`): users reached, the funnel and its rates, shown per day; CSV export. */
export function WidgetsPage() {
  const [to, setTo] = useState(() => todayKey(Date.now(), 'UTC'));
  const [from, setFrom] = useState(() => addDays(todayKey(Date.now(), 'UTC'), -27));
  const [report, setReport] = useState<{ from: string; to: string; widgets: WidgetReport[] } | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setError(undefined);
    api<{ from: string; to: string; widgets: WidgetReport[] }>(`/v1/widgets?from=${from}&to=${to}`).then(setReport, (e: ApiError) => setError(e.error));
  }, [from, to]);
  const dateInput = (label: string, value: string, set: (v: string) => void) => (
    <label style={{ display: 'inline-block', marginRight: '12px' }}>
      {label} <input type="date" value={value} onChange={(e) => (e.target as HTMLInputElement).value && set((e.target as HTMLInputElement).value)} />
    </label>
  );
  return (
    <section>
      <h1>Widgets</h1>
      <form class="toolbar" onSubmit={(e) => e.preventDefault()}>
        {dateInput('From', from, setFrom)}
        {dateInput('To', to, setTo)}
        <button
          type="button"
          data-testid="csv"
          disabled={!report}
          onClick={() => report && download(`widgets-${report.from}-${report.to}.csv`, widgetsCsv(report.widgets))}
        >
          Export CSV
        </button>
      </form>
      {error && <p class="error">{error}</p>}
      {!report && !error && <p class="muted">Loading…</p>}
      {report && !report.widgets.length && <p class="muted">No widget has counted anything in this range yet.</p>}
      {report && report.widgets.length > 0 && (
        <table data-testid="widgets">
          <thead>
            <tr>
              <th>Widget / item</th>
              <th>Users reached</th>
              <th>Shown</th>
              <th>Clicked</th>
              <th>Completed</th>
              <th>Dismissed</th>
              <th title="Of the users shown: clicked, completed, dismissed">Rates</th>
              <th>Shown per day</th>
            </tr>
          </thead>
          <tbody>
            {report.widgets.flatMap((w) => [
              <tr key={w.widget} data-widget={w.widget}>
                <td>
                  <strong>{w.widget}</strong>
                </td>
                <Numbers f={w} />
                <td>
                  <Sparkline values={shownSeries(w, report.from, report.to)} label="Shown per day" />
                </td>
              </tr>,
              ...w.items.map((i) => (
                <tr key={`${w.widget}:${i.item}`} data-item={i.item}>
                  <td class="muted">↳ {i.item}</td>
                  <Numbers f={i} />
                  <td />
                </tr>
              )),
            ])}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Numbers({ f }: { f: Pick<WidgetReport, 'usersReached' | 'shown' | 'clicked' | 'completed' | 'dismissed' | 'rates'> }) {
  return (
    <>
      <td>{number(f.usersReached)}</td>
      <td>{number(f.shown)}</td>
      <td>{number(f.clicked)}</td>
      <td>{number(f.completed)}</td>
      <td>{number(f.dismissed)}</td>
      <td class="muted">
        {percent(f.rates.clicked)} · {percent(f.rates.completed)} · {percent(f.rates.dismissed)}
      </td>
    </>
  );
}
