import type { Hono } from 'hono';
import { todayKey } from '@habitual/core';
import type { CollectorContext } from '../collector-context';
import { currentConfig } from '../config/config-store';
import { browserApp, spendRequest } from '../http/browser-app';
import { fail } from '../http/fail';
import { parseOr400 } from '../http/parse-body';
import { readJsonBody } from '../http/read-body';
import { singleQuery, verifiedTeammate } from '../http/verified-teammate';
import type { App } from '../apps/app-store';
import { realDay } from '../summaries/real-day';
import { TeamMeBody, TeamQuery } from './team-schema';
import { joinTeam, leaveTeam } from './team-members';
import { teamWeek } from './team-week';

const DAY_MS = 86_400_000;
/** How far back a week may be asked for: the current week from any zone, and last week's. */
const DAYS_BACK = 8;

/**
 * `GET /v1/team` and `PUT /v1/team/me`: the account's week for a verified user of it (team
 * progress, leaderboard and buddies between members who opted in), and joining or leaving
 * the leaderboard. Both answer the week; both refuse an app that does not verify identities,
 * since a claimed user id would show the account's names to anyone.
 */
export function teamRoute(app: Hono, ctx: CollectorContext) {
  app.get('/v1/team', async (c) => {
    const q = parseOr400(TeamQuery, singleQuery(c));
    const target = await browserApp(c, ctx, q.appId, q.key, 'key');
    const identity = { userId: q.userId, accountId: q.accountId, hash: q.hash, hashExpires: q.hashExpires };
    verifiedTeammate(target, identity, ctx.now(), '');
    spendRequest(c, ctx, target);
    const week = await answer(ctx, target, identity, q.day, 'day');
    // The device keeps the answer (it works offline from it); a minute spares a re-render its request.
    c.header('cache-control', 'private, max-age=60');
    return c.json(week);
  });

  app.put('/v1/team/me', async (c) => {
    const body = parseOr400(TeamMeBody, await readJsonBody(c.req.raw, { maxBytes: 4_096 }));
    const target = await browserApp(c, ctx, body.appId, body.writeKey);
    verifiedTeammate(target, body.identity, ctx.now(), 'identity.');
    if (body.optIn && body.displayName === undefined) fail(400, 'displayName is missing: the leaderboard shows members by the name they choose.');
    spendRequest(c, ctx, target);
    if (body.optIn) await joinTeam(ctx.db, target.id, body.identity, body.displayName!, ctx.now());
    else await leaveTeam(ctx.db, target.id, body.identity.userId);
    c.header('cache-control', 'no-store');
    return c.json(await answer(ctx, target, body.identity, body.day, 'day'));
  });
}

async function answer(ctx: CollectorContext, target: App, who: { userId: string; accountId: string }, day: string | undefined, field: string) {
  const now = ctx.now();
  let end = day;
  if (end === undefined) {
    const [user] = await ctx.db.query<{ tz: string }>('SELECT tz FROM users WHERE app_id = $1 AND id = $2', [target.id, who.userId]);
    end = todayKey(now, user?.tz ?? 'UTC');
  } else if (!realDay(end) || Date.parse(end) > now + 2 * DAY_MS || Date.parse(end) < now - DAYS_BACK * DAY_MS) {
    fail(400, `${field} must be the device's local date (YYYY-MM-DD), at most ${DAYS_BACK} days before the collector's and one after.`);
  }
  const { config } = await currentConfig(ctx.db, target.id);
  return teamWeek(ctx.db, target.id, config, who.accountId, who.userId, end);
}
