import { useEffect, useState } from 'preact/hooks';
import type { AccountListItem } from '../state/list-account-states';
import type { KeptUserSummary } from '../state/read-account-state';
import { api, type ApiError } from './api';
import { BandChip } from './accounts-page';
import { number, percent, trendChange } from './format';
import { Sparkline } from './sparkline';

/** One account: its measures and every user's stage, score and stuck step. */
export function AccountPage({ id }: { id: string }) {
  const [card, setCard] = useState<(AccountListItem & { usersDetail: KeptUserSummary[] }) | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<AccountListItem & { usersDetail: KeptUserSummary[] }>(`/v1/accounts/${encodeURIComponent(id)}/scorecard`).then(setCard, (e: ApiError) =>
      setError(e.error),
    );
  }, [id]);
  if (error) return <p class="error">{error}</p>;
  if (!card) return <p class="muted">Loading…</p>;
  if ('error' in card) {
    return (
      <section>
        <h2>{card.account.name || card.account.id}</h2>
        <p class="error" data-testid="account-error">
          Could not score this account: {card.error}
        </p>
        <UsersTable users={card.usersDetail} />
      </section>
    );
  }
  return (
    <section>
      <h2>
        {card.account.name || card.account.id} <BandChip score={card.score} band={card.band} />
      </h2>
      <p class="muted">
        {card.account.plan || 'no plan'} · {card.account.paidSeats} paid seats · {number(card.account.pricePerMonth)} / month · trend{' '}
        <Sparkline values={card.trend.series} /> {trendChange(card.trend)}
      </p>
      <table>
        <thead>
          <tr>
            <th>Measure</th>
            <th>Raw</th>
            <th>Score</th>
            <th>Weight</th>
            <th>Adds</th>
            <th>Gap</th>
          </tr>
        </thead>
        <tbody>
          {card.parts.map((p) => (
            <tr key={p.id}>
              <td>{p.id}</td>
              <td>
                {p.id === 'depth'
                  ? `${card.depth.meeting}/${card.depth.seats} at L28 ≥ ${card.depth.bar}`
                  : p.id === 'breadth'
                    ? percent(p.raw)
                    : p.id === 'trend'
                      ? trendChange(card.trend)
                      : number(p.raw)}
              </td>
              <td>{p.value === null ? 'no data' : Math.round(p.value)}</td>
              <td>{p.weight}</td>
              <td>{number(p.contribution)}</td>
              <td>{number(p.gap)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <UsersTable users={card.usersDetail} />
    </section>
  );
}

function UsersTable({ users }: { users: KeptUserSummary[] }) {
  return (
    <>
      <h3>Users</h3>
      <table data-testid="users">
        <thead>
          <tr>
            <th>User</th>
            <th>Stage</th>
            <th>Score</th>
            <th>L7</th>
            <th>L28</th>
            <th>Last active</th>
            <th>Stuck on</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) =>
            'error' in u ? (
              <tr key={u.id}>
                <td>{u.id}</td>
                <td colSpan={6} class="error">
                  {u.error}
                </td>
              </tr>
            ) : (
              <tr key={u.id}>
                <td>{u.id}</td>
                <td>{u.stage}</td>
                <td>
                  <BandChip score={u.score} band={u.band} />
                </td>
                <td>{u.l7}</td>
                <td>{u.l28}</td>
                <td>{u.lastActive ?? '–'}</td>
                <td>{u.stuck ? `${u.stuck.funnel} since ${u.stuck.since}` : ''}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </>
  );
}
