import type { TeamWeek, WidgetHost } from '@habitual/core';

/** Who asks: the collector, the app's keys and the signed identity (team progress is for verified users only). */
export interface TeamCaller {
  base: string;
  appId: string;
  writeKey: string;
  identity: { userId: string; accountId: string; hash: string; hashExpires?: number };
}

/** The caller, or undefined without a collector or a verified user of an account (then the widget shows nothing). */
export function teamCaller(host: WidgetHost): TeamCaller | undefined {
  const { endpoint, appId, writeKey } = host.options();
  const u = host.user();
  if (!endpoint || !u?.id || !u.accountId || !u.hash) return undefined;
  const identity = { userId: u.id, accountId: u.accountId, hash: u.hash, ...(u.hashExpires === undefined ? {} : { hashExpires: u.hashExpires }) };
  return { base: endpoint.replace(/\/+$/, ''), appId, writeKey, identity };
}

/** Joining (`optIn: true` with a name) or leaving the leaderboard. */
export interface TeamChange {
  optIn: boolean;
  displayName?: string;
}

/** Thrown for an answer other than 200; `status` 0 when the collector could not be reached. */
export interface TeamRequestError extends Error {
  status: number;
}

/**
 * The account's week ending on `day` (`GET /v1/team`; `fresh` past the browser's cache, for a
 * user who just opened it), or, with `change`, joins or leaves the leaderboard first
 * (`PUT /v1/team/me`, which answers the week too).
 */
export async function requestTeam(
  who: TeamCaller,
  day: string,
  change?: TeamChange,
  fresh = false,
  fetchFn: typeof fetch = (...a) => globalThis.fetch(...a),
): Promise<TeamWeek> {
  const { identity: id } = who;
  let res: Response;
  try {
    res = change
      ? await fetchFn(`${who.base}/v1/team/me`, {
          method: 'PUT',
          headers: { 'content-type': 'text/plain;charset=UTF-8' },
          credentials: 'omit',
          body: JSON.stringify({ appId: who.appId, writeKey: who.writeKey, identity: id, day, ...change }),
        })
      : await fetchFn(
          `${who.base}/v1/team?${new URLSearchParams({
            appId: who.appId,
            key: who.writeKey,
            userId: id.userId,
            accountId: id.accountId,
            hash: id.hash,
            ...(id.hashExpires === undefined ? {} : { hashExpires: String(id.hashExpires) }),
            day,
          })}`,
          { credentials: 'omit', cache: fresh ? 'no-cache' : 'default' },
        );
  } catch (cause) {
    throw failure(0, `Team progress: the collector could not be reached (${String(cause)}).`);
  }
  const body = (await res.json().catch(() => undefined)) as (TeamWeek & { error?: string }) | undefined;
  if (!res.ok || !body) throw failure(res.status, `Team progress: the collector answered ${res.status}: ${body?.error ?? 'no reason given'}`);
  return body;
}

const failure = (status: number, message: string): TeamRequestError => Object.assign(new Error(message), { status });
