import { useEffect, useState } from 'preact/hooks';
import type { AccountListItem } from '../state/list-account-states';
import { api, type ApiError } from './api';
import { number, percent, trendChange } from './format';
import { Sparkline } from './sparkline';

export function BandChip({ score, band }: { score: number; band: string }) {
  return (
    <span class={`band ${band}`} title={`${band} band`}>
      {score}
    </span>
  );
}

type Sort = 'score' | 'trend' | 'name' | 'mrr' | 'users' | 'updated';
const SORTS: Array<[Sort, string]> = [
  ['score', 'Score'],
  ['trend', 'Trend'],
  ['name', 'Name'],
  ['mrr', 'Price / month'],
  ['users', 'Users'],
  ['updated', 'Last update'],
];
// The order a sort opens in: most at risk, then the most of something, first.
const FIRST_ORDER: Record<Sort, 'asc' | 'desc'> = { score: 'asc', trend: 'asc', name: 'asc', mrr: 'desc', users: 'desc', updated: 'desc' };

export interface AccountsPageProps {
  /** Accounts per page. @default 50 */
  pageSize?: number;
}

/**
 * Accounts a page at a time, most at risk first: search by name or id, sort by any column the
 * list offers, filter by band, and page with the list's cursors.
 */
export function AccountsPage({ pageSize = 50 }: AccountsPageProps) {
  const [q, setQ] = useState('');
  const [band, setBand] = useState('');
  const [sort, setSort] = useState<Sort>('score');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  // Cursors of the pages before this one (first page: none), to step back.
  const [cursors, setCursors] = useState<string[]>([]);
  const [page, setPage] = useState<{ accounts: AccountListItem[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<string>();
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    const params = new URLSearchParams({ limit: String(pageSize), sort, order });
    if (q.trim()) params.set('q', q.trim());
    if (band) params.set('band', band);
    if (cursor) params.set('cursor', cursor);
    let current = true;
    api<{ accounts: AccountListItem[]; nextCursor: string | null }>(`/v1/accounts?${params}`).then(
      (r) => current && (setPage(r), setError(undefined)),
      (e: ApiError) => current && setError(e.error),
    );
    return () => void (current = false);
  }, [q, band, sort, order, cursor, pageSize]);

  const restart = () => setCursors([]);
  const sortBy = (next: Sort) => {
    setOrder(next === sort ? (order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[next]);
    setSort(next);
    restart();
  };
  const header = (label: string, by: Sort) => (
    <th aria-sort={sort === by ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" class="link" data-sort={by} onClick={() => sortBy(by)}>
        {label}
        {sort === by ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );

  return (
    <section>
      {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for the browsers admins use; a form with role=search is the same landmark */}
      <form class="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          type="search"
          name="q"
          placeholder="Search name or id"
          aria-label="Search accounts by name or id"
          value={q}
          onInput={(e) => (setQ((e.target as HTMLInputElement).value), restart())}
        />{' '}
        <select name="band" aria-label="Band" value={band} onChange={(e) => (setBand((e.target as HTMLSelectElement).value), restart())}>
          <option value="">All bands</option>
          <option value="red">Red</option>
          <option value="yellow">Yellow</option>
          <option value="green">Green</option>
          <option value="error">Errors</option>
        </select>{' '}
        <select name="sort" aria-label="Sort by" value={sort} onChange={(e) => sortBy((e.target as HTMLSelectElement).value as Sort)}>
          {SORTS.map(([value, label]) => (
            <option key={value} value={value}>
              Sort: {label}
            </option>
          ))}
        </select>
      </form>
      {error ? (
        <p class="error">{error}</p>
      ) : !page ? (
        <p class="muted">Loading accounts…</p>
      ) : page.accounts.length === 0 && !cursor ? (
        <p class="muted">
          {q || band
            ? 'No account matches.'
            : 'No accounts yet: they appear once users with an account id send summaries, or the backend sets them with PUT /v1/accounts/:id.'}
        </p>
      ) : (
        <>
          <table data-testid="accounts">
            <thead>
              <tr>
                {header('Account', 'name')}
                {header('Score', 'score')}
                {header('Trend (28 d)', 'trend')}
                <th>Depth</th>
                <th>Breadth</th>
                <th>Reach</th>
                <th>Value / $</th>
                <th>Stages</th>
              </tr>
            </thead>
            <tbody>
              {page.accounts.map((c) => (
                <tr key={c.account.id} class={'error' in c ? 'failed' : undefined}>
                  <td>
                    <a href={`#/accounts/${encodeURIComponent(c.account.id)}`}>{c.account.name || c.account.id}</a>
                    <div class="muted">{c.account.plan ? `${c.account.plan}, ${c.account.paidSeats} seats` : 'no plan set'}</div>
                  </td>
                  {'error' in c ? (
                    <td colSpan={7} class="error" data-testid="account-error">
                      Could not score this account: {c.error}
                    </td>
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
                      <td>{number(c.valuePerDollar)}</td>
                      <td class="muted">
                        {Object.entries(c.stages)
                          .map(([s, n]) => `${s} ${n}`)
                          .join(', ')}
                      </td>
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
