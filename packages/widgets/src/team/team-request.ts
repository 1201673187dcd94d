import type { TeamWeek } from '@habitual/core';
import { askCollector, type Teammate, teammateQuery } from '../host/teammate-call';

/** Joining (`optIn: true` with a name) or leaving the leaderboard. */
export interface TeamChange {
  optIn: boolean;
  displayName?: string;
}

/**
 * The account's week ending on `day` (`GET /v1/team`; `fresh` past the browser's cache, for a
 * user who just opened it), or, with `change`, joins or leaves the leaderboard first
 * (`PUT /v1/team/me`, which answers the week too). Throws a `CollectorError`.
 */
export function requestTeam(who: Teammate, day: string, change?: TeamChange, fresh = false, fetchFn?: typeof fetch): Promise<TeamWeek> {
  return change
    ? askCollector<TeamWeek>(
        'Team progress',
        `${who.base}/v1/team/me`,
        { method: 'PUT', body: { appId: who.appId, writeKey: who.writeKey, identity: who.identity, day, ...change } },
        fetchFn,
      )
    : askCollector<TeamWeek>('Team progress', `${who.base}/v1/team?${teammateQuery(who, { day })}`, { cache: fresh ? 'no-cache' : 'default' }, fetchFn);
}
