import { useEffect, useState } from 'preact/hooks';
import type { AccountScorecard } from '../accounts/account-scorecard';
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

/** Every account, most at risk first, with its score, band, trend and each measure. */
export function AccountsPage() {
  const [cards, setCards] = useState<AccountScorecard[] | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<{ accounts: AccountScorecard[] }>('/v1/accounts').then(
      (r) => setCards(r.accounts),
      (e: ApiError) => setError(e.error),
    );
  }, []);
  if (error) return <p class="error">{error}</p>;
  if (!cards) return <p class="muted">Loading accounts…</p>;
  if (cards.length === 0)
    return <p class="muted">No accounts yet: they appear once users with an account id send summaries, or the backend sets them with PUT /v1/accounts/:id.</p>;
  return (
    <table data-testid="accounts">
      <thead>
        <tr>
          <th>Account</th>
          <th>Score</th>
          <th>Trend (28 d)</th>
          <th>Depth</th>
          <th>Breadth</th>
          <th>Reach</th>
          <th>Value / $</th>
          <th>Stages</th>
        </tr>
      </thead>
      <tbody>
        {cards.map((c) => (
          <tr key={c.account.id}>
            <td>
              <a href={`#/accounts/${encodeURIComponent(c.account.id)}`}>{c.account.name || c.account.id}</a>
              <div class="muted">{c.account.plan ? `${c.account.plan}, ${c.account.paidSeats} seats` : 'no plan set'}</div>
            </td>
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}
