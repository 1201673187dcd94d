import { useEffect, useState } from 'preact/hooks';
import type { AccountListItem } from '../state/list-account-states';
import type { KeptUserSummary } from '../state/read-account-state';
import type { ScoreDay } from '../state/read-account-history';
import { api, type ApiError } from './api';
import { AccountResponses } from './account-responses';
import { BandChip } from './accounts-page';
import { Chart } from './chart';
import { ConfirmDialog } from './confirm-dialog';
import { number, percent, trendChange } from './format';
import { scoreReasons } from './score-reasons';
import { Sparkline } from './sparkline';
import { Term } from './term';
import { MEASURES, STAGES, stageLabel } from './words';
import type { Stage } from '@habitual/core';

type Card = AccountListItem & { usersDetail: KeptUserSummary[] };

/** One account: why it scores what it does, its score history, its measures, and every user. */
export function AccountPage({ id }: { id: string }) {
  const [card, setCard] = useState<Card | null>(null);
  const [history, setHistory] = useState<ScoreDay[]>();
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const scorecard = () => api<Card>(`/v1/accounts/${encodeURIComponent(id)}/scorecard`);
  const load = () =>
    Promise.all([
      scorecard().then(setCard),
      api<{ days: ScoreDay[] }>(`/v1/accounts/${encodeURIComponent(id)}/history?days=90`).then((h) => setHistory(h.days)),
    ]).catch((e: ApiError) => setError(e.error));
  useEffect(() => void load(), [id]);
  /** Shows the account without a forgotten user at once, then the recomputed card once the collector has it (a second or so). */
  async function forgotten(userId: string, text: string) {
    setMessage(text);
    setCard((c) => c && { ...c, usersDetail: c.usersDetail.filter((u) => u.id !== userId) });
    for (const wait of [500, 1000, 2000, 4000, 8000]) {
      await new Promise((r) => setTimeout(r, wait));
      const next = await scorecard().catch(() => undefined);
      if (next && !next.usersDetail.some((u) => u.id === userId)) return void setCard(next);
    }
  }
  if (error)
    return (
      <section>
        <h1>Account {id}</h1>
        <p class="error">{error}</p>
      </section>
    );
  if (!card)
    return (
      <section>
        <h1>Account {id}</h1>
        <p class="muted">Loading…</p>
      </section>
    );
  const title = (
    <h1>
      {card.account.name || card.account.id} {'error' in card ? null : <BandChip score={card.score} band={card.band} noData={card.noData} />}
    </h1>
  );
  const users = <UsersTable users={card.usersDetail} onForgotten={(userId, text) => void forgotten(userId, text)} />;
  const status = message && (
    <p role="status" class="muted">
      {message}
    </p>
  );
  if ('error' in card) {
    return (
      <section>
        {title}
        <p class="id muted">{card.account.id}</p>
        <p class="error" data-testid="account-error">
          Could not score this account: {card.error}
        </p>
        {status}
        {users}
        <AccountResponses id={id} />
      </section>
    );
  }
  const reasons = scoreReasons(card);
  return (
    <section>
      {title}
      <p class="id muted">{card.account.id}</p>
      <p class="muted" data-testid="account-summary">
        {card.account.plan || 'no plan'} · {card.account.paidSeats} paid seats · {number(card.account.pricePerMonth)} / month · trend{' '}
        <Sparkline values={card.trend.series} /> {trendChange(card.trend)}
      </p>
      {card.noData ? (
        <p data-testid="no-data">No data yet: none of this account's users has sent a day, so there is no score to judge it by.</p>
      ) : (
        <>
          <h2>Why this score</h2>
          <ul data-testid="reasons">
            {reasons.map((r) => (
              <li key={r.id}>
                <strong>{MEASURES[r.id]?.label ?? r.id}:</strong> {r.text}
                {r.costs > 0 && <span class="muted"> Costs {r.costs} points.</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Score history</h2>
      {history && history.length > 1 ? (
        <Chart
          title={`Score per day, last ${history.length} days, over the red, yellow and green bands`}
          x={history.map((d) => d.day)}
          series={[{ label: 'Score', values: history.map((d) => d.score), color: '--chart-line' }]}
          bands
        />
      ) : (
        <p class="muted" data-testid="history-empty">
          {history?.length === 1 ? `Today's score is the first kept: ${history[0].score ?? 'no data'}.` : 'No score kept yet.'} The collector keeps one score a
          day from now on; the chart appears from the second day.
        </p>
      )}
      <h2>Measures</h2>
      <table data-testid="measures">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Found</th>
            <th scope="col">Score</th>
            <th scope="col">Weight</th>
            <th scope="col">Adds</th>
            <th scope="col">Gap</th>
          </tr>
        </thead>
        <tbody>
          {card.parts.map((p) => (
            <tr key={p.id}>
              <td>
                <Term explain={MEASURES[p.id]?.explain ?? p.id}>{MEASURES[p.id]?.label ?? p.id}</Term>
              </td>
              <td>
                {p.id === 'depth'
                  ? `${card.depth.meeting} of ${card.depth.seats} seats at ${card.depth.bar}+ days`
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
      {status}
      {users}
      <AccountResponses id={id} />
    </section>
  );
}

function UsersTable({ users, onForgotten }: { users: KeptUserSummary[]; onForgotten: (userId: string, message: string) => void }) {
  const [forget, setForget] = useState<KeptUserSummary>();
  return (
    <>
      <h2>Users</h2>
      <table data-testid="users">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Stage</th>
            <th scope="col">Score</th>
            <th scope="col">
              <Term explain="Days with real use in the last 7 days.">L7</Term>
            </th>
            <th scope="col">
              <Term explain="Days with real use in the last 28 days.">L28</Term>
            </th>
            <th scope="col">Last active</th>
            <th scope="col">Stuck on</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-user={u.id}>
              <td>
                {u.name ?? u.id}
                {u.name && <div class="id muted">{u.id}</div>}
              </td>
              {'error' in u ? (
                <td colSpan={6} class="error">
                  {u.error}
                </td>
              ) : (
                <>
                  <td>
                    <Term explain={STAGES[u.stage as Stage]?.explain ?? u.stage}>{stageLabel(u.stage)}</Term>
                  </td>
                  <td>
                    <BandChip score={u.score} band={u.band} />
                  </td>
                  <td>{u.l7}</td>
                  <td>{u.l28}</td>
                  <td>{u.lastActive ?? '–'}</td>
                  <td>{u.stuck ? `${u.stuck.funnel} since ${u.stuck.since}` : ''}</td>
                </>
              )}
              <td>
                <button type="button" class="danger" data-forget={u.id} onClick={() => setForget(u)}>
                  Forget<span class="visually-hidden"> {u.name ?? u.id}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {forget && <ForgetDialog user={forget} onClose={() => setForget(undefined)} onForgotten={onForgotten} />}
    </>
  );
}

/** The confirmation before the collector deletes a user's rows: what goes, what stays, no undo. */
function ForgetDialog({ user, onClose, onForgotten }: { user: KeptUserSummary; onClose: () => void; onForgotten: (userId: string, message: string) => void }) {
  const who = user.name ? `${user.name} (${user.id})` : user.id;
  return (
    <ConfirmDialog
      title={`Forget ${who}?`}
      confirm="Forget this user"
      cancel="Keep them"
      danger
      onClose={onClose}
      onConfirm={async () => {
        const { deleted } = await api<{ deleted: number }>(`/v1/users/${encodeURIComponent(user.id)}`, { method: 'DELETE' });
        onClose();
        onForgotten(user.id, `Forgot ${who}: ${deleted} stored ${deleted === 1 ? 'day' : 'days'} deleted.`);
      }}
    >
      <p>
        The collector deletes every day this user's devices sent, their name and their stage history, and recomputes the account without them. This cannot be
        undone. Their own device keeps its records until they use "forget me" there; if they keep using the app, new days arrive as a new history.
      </p>
    </ConfirmDialog>
  );
}
