import type { ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ResponseRow, ResponsesReport } from '../responses/read-responses';
import { api, downloadFile, type ApiError } from './api';
import { AnswersTable } from './answers-table';
import { Chart } from './chart';
import { number, percent } from './format';

type Answer = ResponsesReport & { answers: ResponseRow[] };

/**
 * What surveys told (`GET /v1/responses`): a form's reasons by count, by plan and by account,
 * NPS per week, and the answers with a search over their comments; CSV export.
 */
export function ResponsesPage() {
  const [form, setForm] = useState('exit');
  const [days, setDays] = useState('365');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [data, setData] = useState<Answer | null>(null);
  const [error, setError] = useState<string>();
  const query = () => `form=${encodeURIComponent(form)}&days=${days}${search ? `&q=${encodeURIComponent(search)}` : ''}`;
  useEffect(() => {
    setError(undefined);
    api<Answer>(`/v1/responses?${query()}`).then(setData, (e: ApiError) => setError(e.error));
  }, [form, days, search]);
  const total = data?.reasons.reduce((s, r) => s + r.n, 0) ?? 0;
  return (
    <section>
      <h1>Responses</h1>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <label>
          Form{' '}
          <select value={form} onChange={(e) => setForm((e.target as HTMLSelectElement).value)}>
            {[...new Set(['exit', ...(data?.forms ?? [])])].map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
        <label>
          Last{' '}
          <select value={days} onChange={(e) => setDays((e.target as HTMLSelectElement).value)}>
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="365">365 days</option>
          </select>
        </label>
        <label>
          Comments containing <input type="search" name="q" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Search</button>
        <button
          type="button"
          data-testid="responses-csv"
          onClick={() => downloadFile(`/v1/responses.csv?${query()}`, 'responses.csv').catch((e: ApiError) => setError(e.error))}
        >
          Export CSV
        </button>
      </form>
      {error && <p class="error">{error}</p>}
      {!data && !error && <p class="muted">Loading…</p>}
      {data && (
        <>
          <h2>Reasons ({form})</h2>
          {data.reasons.length ? (
            <table data-testid="reasons">
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Share</th>
                </tr>
              </thead>
              <tbody>
                {data.reasons.map((r) => (
                  <tr key={r.choice} data-reason={r.choice}>
                    <td>{r.choice}</td>
                    <td>{number(r.n)}</td>
                    <td>{percent(r.n / total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">No answers to this form in the range yet.</p>
          )}
          {data.byPlan.length > 0 && (
            <>
              <h2>By plan</h2>
              <Breakdown rows={data.byPlan.map((r) => ({ key: `${r.plan}:${r.choice}`, who: r.plan || 'no plan', choice: r.choice, n: r.n }))} label="Plan" />
            </>
          )}
          {data.byAccount.length > 0 && (
            <>
              <h2>By account</h2>
              <Breakdown
                rows={data.byAccount.map((r) => ({
                  key: `${r.accountId}:${r.choice}`,
                  who: <a href={`#/accounts/${encodeURIComponent(r.accountId)}`}>{r.name || r.accountId}</a>,
                  choice: r.choice,
                  n: r.n,
                }))}
                label="Account"
              />
            </>
          )}
          <h2>NPS per week</h2>
          {data.nps.length ? (
            <Chart
              title="Net promoter score per week (promoters 9-10 minus detractors 0-6, in points)"
              x={data.nps.map((w) => w.week)}
              series={[{ label: 'NPS', values: data.nps.map((w) => w.nps), color: '--chart-line' }]}
            />
          ) : (
            <p class="muted">No NPS answers in the range yet.</p>
          )}
          {data.csat.length > 0 && (
            <p class="muted" data-testid="csat">
              CSAT: {data.csat.map((w) => `${w.week} ${number(w.mean)} (${w.n})`).join(' · ')}
            </p>
          )}
          <h2>Answers</h2>
          {data.answers.length ? <AnswersTable answers={data.answers} /> : <p class="muted">No answers{search ? ` with "${search}" in the comment` : ''}.</p>}
        </>
      )}
    </section>
  );
}

function Breakdown({ rows, label }: { rows: Array<{ key: string; who: ComponentChild; choice: string; n: number }>; label: string }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col">Reason</th>
          <th scope="col">Answers</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.who}</td>
            <td>{r.choice}</td>
            <td>{number(r.n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
