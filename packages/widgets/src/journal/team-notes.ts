import type { WidgetHost } from '@habitual/core';
import { displayNameOf } from '../host/display-name';
import { askCollector, teammate, teammateQuery } from '../host/teammate-call';

/** A teammate's shared note, as the collector lists it (no user id, the name they chose to show). */
export interface TeamNote {
  day: string;
  text: string;
  name?: string;
}

/**
 * The journal's side of `/v1/team/notes`: share or unshare one day's note with the user's
 * account, and list the notes teammates shared. Only for a signed-in user of an account whose
 * host signs identities; requests go only when the user asks (share, unshare) or opens the
 * journal (list).
 */
export function teamNotes(host: WidgetHost, fetcher?: typeof fetch) {
  const need = () => {
    const who = teammate(host);
    if (!who) throw new Error('Team notes need a signed-in user of an account (user.accountId and user.hash) and an endpoint.');
    return who;
  };
  const send = (method: 'POST' | 'DELETE', extra: Record<string, unknown>) => {
    const { base, appId, writeKey, identity } = need();
    return askCollector('Team notes', `${base}/v1/team/notes`, { method, body: { appId, writeKey, identity, ...extra } }, fetcher);
  };
  return {
    available: () => !!teammate(host),
    share(day: string, text: string): Promise<unknown> {
      const name = displayNameOf(host);
      return send('POST', { day, text, ...(name ? { name } : {}) });
    },
    unshare: (day: string): Promise<unknown> => send('DELETE', { day }),
    async list(): Promise<TeamNote[]> {
      const who = need();
      const { notes } = await askCollector<{ notes?: unknown }>('Team notes', `${who.base}/v1/team/notes?${teammateQuery(who)}`, {}, fetcher);
      return Array.isArray(notes) ? notes.filter((n: TeamNote) => n && typeof n.day === 'string' && typeof n.text === 'string') : [];
    },
  };
}
