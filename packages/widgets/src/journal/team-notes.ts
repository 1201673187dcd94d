import type { WidgetHost } from '@habitual/core';

/** A teammate's shared note, as the collector lists it (no user id, the name they chose to show). */
export interface TeamNote {
  day: string;
  text: string;
  name?: string;
}

// The same as the collector's displayName rule: a name that fails it is left out, not sent.
const NAME = /^[\p{L}\p{M}\p{N} '-]{1,60}$/u;

// Who the collector verifies (identity v2 signs user and account): team notes need both, and the hash.
function who(host: WidgetHost) {
  const { endpoint, appId, writeKey } = host.options();
  const u = host.user();
  const deviceId = host.profile()?.deviceId;
  if (!endpoint || !u?.accountId || !u.hash || !deviceId) return undefined;
  const identity = { deviceId, userId: u.id, accountId: u.accountId, hash: u.hash, ...(u.hashExpires === undefined ? {} : { hashExpires: u.hashExpires }) };
  return { base: `${endpoint.replace(/\/+$/, '')}/v1/team/notes`, appId, writeKey, identity, name: u.traits?.name };
}

/**
 * The journal's side of `/v1/team/notes`: share or unshare one day's note with the user's
 * account, and list the notes teammates shared. Only for a signed-in user of an account whose
 * host signs identities; requests go only when the user asks (share, unshare) or opens the
 * journal (list).
 */
export function teamNotes(host: WidgetHost, fetcher: typeof fetch = (...a) => fetch(...a)) {
  const send = async (method: string, url: string, body?: unknown) => {
    const res = await fetcher(url, {
      method,
      credentials: 'omit',
      ...(body ? { headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(body) } : {}),
    });
    const json = await res.json().catch(() => undefined);
    if (!res.ok) throw new Error(json?.error ?? `The collector answered ${res.status}.`);
    return json;
  };
  const need = () => {
    const w = who(host);
    if (!w) throw new Error('Team notes need a signed-in user of an account (user.accountId and user.hash) and an endpoint.');
    return w;
  };
  return {
    available: () => !!who(host),
    share(day: string, text: string): Promise<unknown> {
      const { base, appId, writeKey, identity, name } = need();
      return send('POST', base, { appId, writeKey, identity, day, text, ...(typeof name === 'string' && NAME.test(name) ? { name } : {}) });
    },
    unshare(day: string): Promise<unknown> {
      const { base, appId, writeKey, identity } = need();
      return send('DELETE', base, { appId, writeKey, identity, day });
    },
    async list(): Promise<TeamNote[]> {
      const { base, appId, writeKey, identity } = need();
      const q = new URLSearchParams({ appId, writeKey, ...Object.fromEntries(Object.entries(identity).map(([k, v]) => [k, String(v)])) });
      const { notes } = await send('GET', `${base}?${q}`);
      return Array.isArray(notes) ? notes.filter((n: TeamNote) => n && typeof n.day === 'string' && typeof n.text === 'string') : [];
    },
  };
}
