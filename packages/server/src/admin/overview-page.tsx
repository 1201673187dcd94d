import { useEffect, useState } from 'preact/hooks';
import type { GrowthWeek } from '../overview/growth-accounting';
import type { StageMovement } from '../overview/stage-movements';
import type { UsageLast28 } from '../overview/usage-last-28';
import { api, type ApiError } from './api';
import { Chart } from './chart';
import { percent } from './format';
import { Term } from './term';
import { stageLabel } from './words';

type Overview = { growth: GrowthWeek[]; movements: StageMovement[] } & UsageLast28;

const GROWTH: Array<{ key: keyof Omit<GrowthWeek, 'week'>; label: string; color: string; negative?: boolean }> = [
  { key: 'new', label: 'New', color: '--c-new' },
  { key: 'current', label: 'Current', color: '--c-current' },
  { key: 'reactivated', label: 'Reactivated', color: '--c-reactivated' },
  { key: 'resurrected', label: 'Resurrected', color: '--c-resurrected' },
  { key: 'atRisk', label: 'At risk (went quiet)', color: '--c-at-risk', negative: true },
  { key: 'dormant', label: 'Dormant', color: '--c-dormant', negative: true },
];

/** The whole user base: growth accounting by week, the power-user curve, adoption, stage moves. */
export function OverviewPage() {
  const [data, setData] = useState<Overview>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<Overview>('/v1/overview?weeks=12').then(setData, (e: ApiError) => setError(e.error));
  }, []);
  return (
    <section>
      <h1>Overview</h1>
      {error ? (
        <p class="error">{error}</p>
      ) : !data ? (
        <p class="muted">Loading…</p>
      ) : (
        <div class="cards">
          <div class="card" data-testid="growth">
            <h2>
              <Term explain="Users active each week (Monday to Sunday, UTC): new, current (active the week before too), reactivated (back after 1-3 quiet weeks), resurrected (back after 4 or more); below zero, users who went quiet that week and users who went dormant (fifth quiet week).">
                Growth accounting
              </Term>
            </h2>
            <Chart
              title="Users per week by kind, last 12 weeks: active kinds above zero, at risk and dormant below"
              x={data.growth.map((g) => g.week)}
              series={GROWTH.map((s) => ({ label: s.label, color: s.color, negative: s.negative, values: data.growth.map((g) => g[s.key]) }))}
              stacked
              xLabel={(w) => `Week of ${w}`}
            />
          </div>
          <div class="card" data-testid="l28">
            <h2>
              <Term explain="How many of the users active in the last 28 days were active on 1, 2, … 28 of them. A bump on the right means a core of power users.">
                Days active in the last 28 (L28)
              </Term>
            </h2>
            <p class="muted">{data.activeUsers} active users.</p>
            <Chart
              title="Users by the number of days they were active in the last 28"
              x={data.l28.map((d) => d.days)}
              series={[{ label: 'Users', color: '--c-new', values: data.l28.map((d) => d.users) }]}
              stacked
              xLabel={(d) => `${d} ${d === 1 ? 'day' : 'days'}`}
            />
          </div>
          <div class="card" data-testid="adoption">
            <h2>
              <Term explain="Share of the users active in the last 28 days who used each key feature in that time.">Feature adoption</Term>
            </h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Key feature</th>
                  <th scope="col">Users</th>
                  <th scope="col">Share</th>
                </tr>
              </thead>
              <tbody>
                {data.adoption.map((a) => (
                  <tr key={a.feature}>
                    <td>
                      {a.label}
                      <div class="id muted">{a.feature}</div>
                    </td>
                    <td>{a.users}</td>
                    <td>
                      <meter min={0} max={1} value={a.share} aria-label={`${a.label}: ${percent(a.share)}`} /> {percent(a.share)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {!data.adoption.length && <p class="muted">No key features in the config yet.</p>}
          </div>
          <div class="card" data-testid="movements">
            <h2>Stage moves, last 7 days</h2>
            {data.movements.length ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                    <th scope="col">Users</th>
                  </tr>
                </thead>
                <tbody>
                  {data.movements.map((m) => (
                    <tr key={`${m.from}-${m.to}`}>
                      <td>{m.from ? stageLabel(m.from) : <span class="muted">first seen</span>}</td>
                      <td>{stageLabel(m.to)}</td>
                      <td>{m.users}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p class="muted">No user changed stage in the last 7 days.</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
