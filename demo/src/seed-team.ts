// The demo account's teammates: three people at the visitor's own company who have used
// Ledgerly these two weeks (their devices' day rollups, sent as the SDK sends them), two of
// them on the team leaderboard (PUT /v1/team/me), one not. The team panel then shows real
// numbers, and the one who did not opt in shows up only in the totals.
import { createHmac } from 'node:crypto';
import { addDays, dayIndex, weekdayOf, type DayRollup } from '@habitual/core';

export interface TeammatesOptions {
  /** Collector base URL, e.g. http://127.0.0.1:8787 */
  collector: string;
  appId: string;
  writeKey: string;
  /** The app secret: what the host's backend signs identities with. */
  secret: string;
  /** The visitor's account. */
  accountId: string;
  /** The last day of their use (the visitor's today). */
  today: string;
}

interface Teammate {
  key: string;
  name: string;
  optIn: boolean;
  /** Uses per working day; a value feature's uses are its units. */
  uses: Record<string, number>;
}

const TEAMMATES: Teammate[] = [
  { key: 'sam', name: 'Sam Brown', optIn: true, uses: { 'invoice.sent': 3, 'report.viewed': 2, 'customer.created': 1 } },
  { key: 'mei', name: 'Mei Chen', optIn: true, uses: { 'invoice.sent': 2, 'payment.recorded': 2 } },
  { key: 'olu', name: 'Olu Evans', optIn: false, uses: { 'invoice.sent': 1, 'customer.created': 2 } },
];
const DAYS = 14;

/** Teammate `t`'s working days among the `DAYS` ending `today`, deterministic (every third is a lighter day). */
export function teammateDays(t: Teammate, today: string): DayRollup[] {
  const out: DayRollup[] = [];
  for (let back = DAYS - 1; back >= 0; back--) {
    const day = addDays(today, -back);
    if (weekdayOf(dayIndex(day)) > 4) continue;
    const light = back % 3 === 1;
    const features = Object.fromEntries(Object.entries(t.uses).map(([name, n]) => [name, { n: light ? 1 : n, value: 0 }]));
    const at = Date.parse(`${day}T09:00:00Z`);
    out.push({ v: 1, day, tz: 'UTC', rev: 1, activeMs: 20 * 60_000, features, firsts: Object.fromEntries(Object.keys(features).map((f) => [f, at])) });
  }
  return out;
}

async function call(url: string, init: RequestInit): Promise<void> {
  const res = await fetch(url, init);
  if (!res.ok)
    throw new Error(`${init.method} ${url} answered ${res.status}: ${((await res.json().catch(() => ({}))) as { error?: string }).error ?? 'no reason given'}`);
}

/** Sends the teammates' days and opt-ins; resolves with their user ids and names. */
export async function seedTeammates(o: TeammatesOptions): Promise<Array<{ id: string; name: string; optIn: boolean }>> {
  const out = [];
  for (const t of TEAMMATES) {
    const userId = `${o.accountId}.${t.key}`;
    const identity = {
      userId,
      accountId: o.accountId,
      hash: createHmac('sha256', o.secret).update(`habitual-identity-v2\n${userId}\n${o.accountId}\n`).digest('hex'),
    };
    const text = { 'content-type': 'text/plain' };
    const days = teammateDays(t, o.today);
    await call(`${o.collector}/v1/summaries`, {
      method: 'POST',
      headers: text,
      body: JSON.stringify({ v: 1, appId: o.appId, writeKey: o.writeKey, identity: { ...identity, deviceId: `seed-${t.key}`, name: t.name }, days }),
    });
    if (t.optIn) {
      await call(`${o.collector}/v1/team/me`, {
        method: 'PUT',
        headers: text,
        body: JSON.stringify({ appId: o.appId, writeKey: o.writeKey, identity, optIn: true, displayName: t.name }),
      });
    }
    out.push({ id: userId, name: t.name, optIn: t.optIn });
  }
  return out;
}
