import { addDays, computeState, dayIndex, weekdayOf, type HabitualConfig, type TeamWeek } from '@habitual/core';
import type { Db } from '../db/database';
import { loadMergedDays } from '../summaries/load-merged-days';

export type { TeamWeek } from '@habitual/core';

/** Most members one answer covers (in id order): the account's week stays one bounded query. */
export const MAX_TEAM = 500;
/** Features per opted-in teammate in `buddies`. */
const BUDDY_FEATURES = 3;

interface Member {
  id: string;
  name?: string;
}

/**
 * The week of `accountId` ending on `day` as `userId` may see it. Each member's days of the
 * week go through core's `computeState`, so "active" and the value units are exactly what the
 * engine counts on the device and in the scorecards.
 */
export async function teamWeek(db: Db, appId: string, config: HabitualConfig, accountId: string, userId: string, day: string): Promise<TeamWeek> {
  const from = addDays(day, -weekdayOf(dayIndex(day)));
  const rows = await db.query<{ id: string; name: string | null }>(
    `SELECT id, MAX(name) AS name FROM (
       SELECT id, NULL AS name FROM users WHERE app_id = $1 AND account_id = $2
       -- An opt-in counts for the account the user is in now (one who moved leaves the old board).
       UNION ALL SELECT t.user_id, t.display_name FROM team_members t LEFT JOIN users u ON u.app_id = t.app_id AND u.id = t.user_id
         WHERE t.app_id = $1 AND t.account_id = $2 AND (u.account_id IS NULL OR u.account_id = $2)
     ) m GROUP BY id ORDER BY id LIMIT ${MAX_TEAM}`,
    [appId, accountId],
  );
  const members: Member[] = rows.map((r) => ({ id: r.id, name: r.name ?? undefined }));
  const days = await loadMergedDays(
    db,
    appId,
    members.map((m) => m.id),
    day,
    from,
  );
  // Noon UTC of `day` read in UTC: the engine's "today" is `day`, whatever the zone.
  const now = Date.parse(`${day}T12:00:00Z`);
  const self = members.find((m) => m.id === userId);
  const optedIn = self?.name !== undefined;
  const totals = new Map<string, { feature: string; unit: string; week: number }>();
  const board: TeamWeek['leaderboard'] = [];
  const buddies: TeamWeek['buddies'] = [];
  let active = 0;
  const features = config.features ?? {};
  for (const m of members) {
    const state = computeState(days.get(m.id) ?? [], config, now, 'UTC');
    const qualified = state.qualifiedDays.filter((d) => d >= from).length;
    if (qualified > 0) active++;
    let units = 0;
    for (const f of state.value.features) {
      const t = totals.get(f.feature) ?? { feature: f.feature, unit: f.unit, week: 0 };
      t.week += f.week;
      totals.set(f.feature, t);
      units += f.week;
    }
    if (!optedIn || m.name === undefined) continue;
    board.push({ name: m.name, days: qualified, units, ...(m.id === userId ? { me: true as const } : {}) });
    if (m.id === userId) continue;
    // Their most used features (up to BUDDY_FEATURES): the device picks one its user has not found yet.
    const top = Object.entries(state.totals)
      .filter(([feature, t]) => feature in features && t.n > 0)
      .sort(([a, x], [b, y]) => y.n - x.n || (a < b ? -1 : 1))
      .slice(0, BUDDY_FEATURES);
    for (const [feature, t] of top) buddies.push({ name: m.name, feature, n: t.n });
  }
  board.sort((a, b) => b.units - a.units || b.days - a.days || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  buddies.sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.feature < b.feature ? -1 : 1));
  return {
    accountId,
    week: { from, to: day },
    members: members.length,
    active,
    totals: [...totals.values()],
    me: optedIn ? { optedIn, displayName: self?.name } : { optedIn },
    leaderboard: board,
    buddies,
  };
}
