import type { Context } from 'hono';
import type { App } from '../apps/app-store';
import { checkIdentity, type WireIdentity } from './check-identity';
import { fail } from './fail';

/**
 * The verified user of an account asking for what only teammates see (team progress, team
 * notes): 403 for an app that does not verify identities, since a claimed user id would show
 * the account's names to anyone; 401/400 from `checkIdentity` for a bad or missing hash.
 * `prefix` names where the identity came from (`identity.` in a body, '' in a query).
 */
export function verifiedTeammate(target: App, identity: WireIdentity & { userId: string; accountId: string }, nowMs: number, prefix: string) {
  if (!checkIdentity(target, identity, nowMs)) {
    fail(
      403,
      `App "${target.id}" does not verify identities, so the collector cannot tell teammates apart: turn on identity verification and sign ${prefix}hash on your backend.`,
    );
  }
  return { userId: identity.userId, accountId: identity.accountId };
}

/** The query as one value per name (a repeated name is refused: which one would count?). */
export function singleQuery(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) fail(400, `${k} query parameter is given ${values.length} times; give it once.`);
    out[k] = values[0];
  }
  return out;
}
