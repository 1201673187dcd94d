import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_ORDER, type AccountSort } from '../accounts/account-sorts';
import type { AccountListItem } from '../state/list-account-states';
import { api, downloadFile, type ApiError } from './api';
import { number, percent, trendChange } from './format';
import { Sparkline } from './sparkline';
import { Term } from './term';
import { MEASURES, STAGES, stagesInWords } from './words';

/** An account's (or user's) score as a coloured chip; "no data yet" when nothing was stored. */
export function BandChip({ score, band, noData }: { score: number | null; band: string; noData?: boolean }) {
  if (noData) return <span class="band none">no data yet</span>;
  return (
    <span class={`band ${band}`} title={`${band} band`}>
      {score}
      <span class="visually-hidden"> ({band})</span>
    </span>
  );
}

type Sort = AccountSort;
const SORTS: Array<[Sort, string]> = [
  ['score', 'Score'],
  ['trend', 'Trend'],
  ['name', 'Name'],
  ['mrr', 'Price / month'],
  ['users', 'Users'],
  ['updated', 'Last update'],
  ['depth', 'Depth'],
  ['breadth', 'Breadth'],
  ['reach', 'Reach'],
  ['valuePerDollar', 'Value per $'],
];

export interface AccountsPageProps {
  /** Accounts per page. @default 50 */
  pageSize?: number;
}

/**
 * Accounts a page at a time, most at risk first (accounts without data yet last): search by
 * name or id, sort by any measure, filter by band, plan and stage, export what is shown as CSV.
 */
export function AccountsPage({ pageSize = 50 }: AccountsPageProps) {
  const [q, setQ] = useState('');
  const [band, setBand] = useState('');
  const [plan, setPlan] = useState('');
  const [stage, setStage] = useState('');
  const [sort, setSort] = useState<Sort>('score');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  // Cursors of the pages before this one (first page: none), to step back.
  const [cursors, setCursors] = useState<string[]>([]);
  const [page, setPage] = useState<{ accounts: AccountListItem[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<string>();
  const cursor = cursors[cursors.length - 1];

  const filters = () => {
    const params = new URLSearchParams({ sort, order });
    if (q.trim()) params.set('q', q.trim());
    if (band) params.set('band', band);
    if (plan.trim()) params.set('plan', plan.trim());
    if (stage) params.set('stage', stage);
    return params;
  };

  useEffect(() => {
    const params = filters();
    params.set('limit', String(pageSize));
    if (cursor) params.set('cursor', cursor);
    let current = true;
    api<{ accounts: AccountListItem[]; nextCursor: string | null }>(`/v1/accounts?${params}`).then(
      (r) => current && (setPage(r), setError(undefined)),
      (e: ApiError) => current && setError(e.error),
    );
    return () => void (current = false);
  }, [q, band, plan, stage, sort, order, cursor, pageSize]);

  const restart = () => setCursors([]);
  const sortBy = (next: Sort) => {
    setOrder(next === sort ? (order === 'asc' ? 'desc' : 'asc') : DEFAULT_ORDER[next]);
    setSort(next);
    restart();
  };
  const header = (label: string, by: Sort, explain?: string) => {
    const button = (describedBy?: string) => (
      <button type="button" class="link" data-sort={by} aria-describedby={describedBy} onClick={() => sortBy(by)}>
        {label}
        {sort === by ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    );
    return (
      <th scope="col" aria-sort={sort === by ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
        {explain ? <Term explain={explain}>{button}</Term> : button()}
      </th>
    );
  };
  const value = (e: Event) => (e.target as HTMLInputElement).value;

  return (
    <section>
      <h1>Accounts</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for the browsers admins use; a form with role=search is the same landmark */}
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          type="search"
          name="q"
          placeholder="Search name or id"
          aria-label="Search accounts by name or id"
          value={q}
          onInput={(e) => (setQ(value(e)), restart())}
        />
        <select name="band" aria-label="Band" value={band} onChange={(e) => (setBand(value(e)), restart())}>
          <option value="">All bands</option>
          <option value="red">Red</option>
          <option value="yellow">Yellow</option>
          <option value="green">Green</option>
          <option value="none">No data yet</option>
          <option value="error">Errors</option>
        </select>
        <input name="plan" placeholder="Plan" aria-label="Plan (exact name)" size={10} value={plan} onInput={(e) => (setPlan(value(e)), restart())} />
        <select name="stage" aria-label="Has a user in stage" value={stage} onChange={(e) => (setStage(value(e)), restart())}>
          <option value="">Any stage</option>
          {Object.entries(STAGES).map(([id, s]) => (
            <option key={id} value={id}>
              Has a user: {s.label}
            </option>
          ))}
        </select>
        <select name="sort" aria-label="Sort by" value={sort} onChange={(e) => sortBy(value(e) as Sort)}>
          {SORTS.map(([v, label]) => (
            <option key={v} value={v}>
              Sort: {label}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="export"
          onClick={() => downloadFile(`/v1/accounts.csv?${filters()}`, 'accounts.csv').catch((e: ApiError) => setError(e.error))}
        >
          Export CSV
        </button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : !page ? (
        <p class="muted">Loading accounts…</p>
      ) : page.accounts.length === 0 && !cursor ? (
        <p class="muted">
          {q || band || plan || stage
            ? 'No account matches.'
            : 'No accounts yet: they appear once users with an account id send summaries, or the backend sets them with PUT /v1/accounts/:id.'}
        </p>
      ) : (
        <>
          <table data-testid="accounts">
            <thead>
              <tr>
                {header('Account', 'name')}
                {header('Score', 'score', 'Account health, 0-100: red up to 50, yellow to 75, green above. Hover a measure for what it counts.')}
                {header('Trend (28 d)', 'trend', MEASURES.trend.explain)}
                {header(MEASURES.depth.label, 'depth', MEASURES.depth.explain)}
                {header(MEASURES.breadth.label, 'breadth', MEASURES.breadth.explain)}
                {header(MEASURES.reach.label, 'reach', MEASURES.reach.explain)}
                {header(MEASURES.valuePerDollar.label, 'valuePerDollar', MEASURES.valuePerDollar.explain)}
                <th scope="col">Stages</th>
              </tr>
            </thead>
            <tbody>
              {page.accounts.map((c) => (
                <tr key={c.account.id} class={'error' in c ? 'failed' : undefined}>
                  <td>
                    <a href={`#/accounts/${encodeURIComponent(c.account.id)}`}>{c.account.name || c.account.id}</a>
                    {c.account.name && <div class="id muted">{c.account.id}</div>}
                    <div class="muted small">{c.account.plan ? `${c.account.plan}, ${c.account.paidSeats} seats` : 'no plan set'}</div>
                  </td>
                  {'error' in c ? (
                    <td colSpan={7} class="error" data-testid="account-error">
                      Could not score this account: {c.error}
                    </td>
                  ) : c.noData ? (
                    <>
                      <td>
                        <BandChip score={null} band="none" noData />
                      </td>
                      <td colSpan={6} class="muted">
                        Nothing stored yet: {c.users ? `${c.users} users, no day sent` : 'no user has sent a day'}.
                      </td>
                    </>
                  ) : (
                    <>
                      <td>
                        <BandChip score={c.score} band={c.band} />
                      </td>
                      <td>
                        <Sparkline values={c.trend.series} /> <span class="muted">{trendChange(c.trend)}</span>
                      </td>
                      <td>
                        {c.depth.meeting}/{c.depth.seats}
                      </td>
                      <td>{percent(c.breadth)}</td>
                      <td>{number(c.reach)}</td>
                      <td>{c.valuePerDollar === null ? <span class="muted">no price</span> : number(c.valuePerDollar)}</td>
                      <td class="muted">{stagesInWords(c.stages)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <nav class="pages" aria-label="Pages">
            <button type="button" disabled={!cursors.length} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous
            </button>{' '}
            <span class="muted">Page {cursors.length + 1}</span>{' '}
            <button type="button" disabled={!page.nextCursor} onClick={() => page.nextCursor && setCursors([...cursors, page.nextCursor])}>
              Next
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
