import type { Db } from '../db/database';
import { todayKey } from '@habitual/core';
import { SCORECARD_INPUTS_FORMAT, type ScorecardInputs } from '../accounts/scorecard-inputs';

/** An account's users (in id order) with their kept scorecard inputs, when every one can be used. */
export type KeptMembers = Array<{ id: string; tz: string; inputs?: ScorecardInputs }>;

interface Row {
  account_id: string;
  user_id: string;
  tz: string | null;
  member: boolean;
  kept_tz: string | null;
  inputs: ScorecardInputs | null;
  config_version: number | null;
  computed_at: number | null;
}

const sameDay = (a: number, b: number, tz: string) => {
  try {
    return todayKey(a, tz) === todayKey(b, tz);
  } catch {
    return false;
  }
};

/**
 * For each of `accountIds`, its users with the inputs kept for them, when the incremental pass
 * may use them: every user but the `changed` ones (computed from their days) has inputs of this
 * format, config version and zone, computed on the same local day as `now` (a midnight since
 * can change a state by silence), and no kept user has left the account. Accounts missing from
 * the answer are computed whole from their days.
 */
export async function loadKeptInputs(
  db: Db,
  appId: string,
  accountIds: string[],
  changed: Map<string, Set<string>>,
  version: number,
  now: number,
): Promise<Map<string, KeptMembers>> {
  const rows = await db.query<Row>(
    `SELECT COALESCE(u.account_id, s.account_id) AS account_id, COALESCE(u.id, s.user_id) AS user_id, u.tz, u.id IS NOT NULL AS member,
       s.tz AS kept_tz, s.inputs, s.config_version, (extract(epoch FROM s.computed_at) * 1000)::float8 AS computed_at
     FROM (SELECT account_id, id, tz FROM users WHERE app_id = $1 AND account_id = ANY($2::text[])) u
     FULL JOIN (SELECT account_id, user_id, tz, inputs, config_version, computed_at FROM user_states WHERE app_id = $1 AND account_id = ANY($2::text[])) s
       ON s.user_id = u.id AND s.account_id = u.account_id`,
    [appId, accountIds],
  );
  const members = new Map<string, KeptMembers>();
  const unusable = new Set<string>();
  for (const r of rows) {
    if (unusable.has(r.account_id)) continue;
    const fresh = changed.get(r.account_id)?.has(r.user_id);
    const usable =
      r.member &&
      (fresh ||
        (r.inputs !== null &&
          r.inputs.v === SCORECARD_INPUTS_FORMAT &&
          r.config_version === version &&
          r.kept_tz === r.tz &&
          sameDay(r.computed_at!, now, r.tz!)));
    if (!usable) {
      unusable.add(r.account_id);
      members.delete(r.account_id);
      continue;
    }
    let list = members.get(r.account_id);
    if (!list) members.set(r.account_id, (list = []));
    list.push(fresh ? { id: r.user_id, tz: r.tz! } : { id: r.user_id, tz: r.tz!, inputs: r.inputs! });
  }
  for (const list of members.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const id of accountIds) if (!members.has(id) && !unusable.has(id)) members.set(id, []);
  return members;
}
