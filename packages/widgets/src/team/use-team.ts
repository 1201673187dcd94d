import { useEffect, useRef, useState } from 'preact/hooks';
import type { TeamWeek } from '@habitual/core';
import { useHub } from '../host/hub';
import { type CollectorError, teammate } from '../host/teammate-call';
import { requestTeam, type TeamChange } from './team-request';

/** The device's copy of the last answer (profile widget state `team`): the widget works offline from it. */
export interface TeamCache {
  user: string;
  account: string;
  /** The local day it was asked for. */
  day: string;
  /** When it arrived (the instance's clock, epoch ms). */
  at: number;
  week: TeamWeek;
}

const KEY = 'team';
// Shared by every team view on the page, kept in memory only: the next page asks again.
const FAILED = 'team:failed';
// One request at a time per page: the panel and every <habitual-team> share the answer.
let asking: Promise<void> | undefined;

/**
 * The account's week for the verified user: the device's copy at once, asked again when it is
 * older than `widgets.team.refreshMinutes` or from another day, and, when `asked` (the user
 * opened the panel or the page shows the element), once on mount past any cache. `failed` says
 * the last ask did not get through (the copy stays). No verified user: `who` is undefined and
 * nothing is asked.
 */
export function useTeam(asked = false) {
  const [view, hub] = useHub();
  const who = teammate(hub.host);
  const cached = hub.widget<TeamCache>(KEY);
  const copy = who && cached?.user === who.identity.userId && cached.account === who.identity.accountId ? cached : undefined;
  const failed = hub.widget<boolean>(FAILED) === true;
  const [busy, setBusy] = useState(false);
  const maxAge = (view.config.widgets?.team?.refreshMinutes ?? 15) * 60_000;
  const stale = !copy || copy.day !== view.today || hub.host.now() - copy.at > maxAge;

  const ask = (change?: TeamChange, fresh = false): Promise<void> => {
    if (!who) return Promise.resolve();
    const day = view.today;
    return requestTeam(who, day, change, fresh).then(
      (week) => {
        hub.setWidget(KEY, { user: who.identity.userId, account: who.identity.accountId, day, at: hub.host.now(), week } satisfies TeamCache);
        hub.setWidget(FAILED, false, false);
      },
      (error: CollectorError) => {
        hub.setWidget(FAILED, true, false);
        // Offline is expected; a refusal is the integration's to fix (onError, the console in debug mode).
        if (error.status) hub.host.report({ code: 'sync-rejected', message: error.message });
      },
    );
  };

  const opened = useRef(asked);
  useEffect(() => {
    const fresh = opened.current;
    opened.current = false;
    if (who && (stale || fresh) && !asking) asking = ask(undefined, fresh).finally(() => (asking = undefined));
  }, [who?.identity.userId, who?.identity.accountId, view.today, stale]);

  const change = (c: TeamChange) => {
    setBusy(true);
    return ask(c).finally(() => setBusy(false));
  };
  return { who, copy, failed, busy, change };
}
