// Seeds a running collector the way real traffic would fill it: the host's backend sets
// each account's plan (PUT /v1/accounts/:id with the app secret), each simulated user's
// device sends its day rollups (POST /v1/summaries with the write key: the real wire).
import { createHmac } from 'node:crypto';
import type { HabitualConfig } from '@habitual/core';
import { seedResponses } from './seed-responses';
import { seedPlan, type SeedAccount } from './seed-plan';
import { seedExperiments } from './seed-experiments';

export { seedPlan } from './seed-plan';
export { seedTeammates } from './seed-team';
export type { SeedAccount, SeedUser, AccountKind } from './seed-plan';

export interface SeedOptions {
  /** Collector base URL, e.g. http://127.0.0.1:8787 */
  collector: string;
  appId: string;
  writeKey: string;
  /** The app secret: what the host's backend manages its accounts with. */
  secret: string;
  /** Saved as the app's remote config, so the dashboard scores with the same features. */
  config?: HabitualConfig;
  /** Last simulated day. @default today in UTC */
  today?: string;
  /** Requests in flight at once. @default 4 */
  concurrency?: number;
}

export interface SeedResult {
  accounts: number;
  users: number;
  days: number;
  kinds: Record<string, number>;
  /** Users entered into an experiment (counted once per experiment). */
  arms: number;
}

// Display names the simulated users send (init's user.traits.name), one per user in turn.
const NAMES = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eino', 'Fatima', 'Gus', 'Hana', 'Ilse', 'Jun', 'Kofi', 'Lea', 'Mei', 'Nils', 'Olu', 'Pia'];
const SURNAMES = ['Aalto', 'Brown', 'Chen', 'Diaz', 'Evans', 'Feng', 'García', 'Hill', 'Ito', 'Jones', 'Kim', 'Laine', 'Mäki'];
/** Days of score history the seeder fills in from the seeded rollups. */
const HISTORY_DAYS = 56;

// The collector takes at most 100 days per request.
const BATCH_DAYS = 100;

async function call(url: string, init: RequestInit): Promise<unknown> {
  const res = await fetch(url, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${(body as { error?: string }).error ?? 'no reason given'}`);
  return body;
}

/** Runs `jobs` with at most `n` at a time. */
async function pool(jobs: Array<() => Promise<unknown>>, n: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(n, jobs.length) }, worker));
}

export async function seedCollector(o: SeedOptions): Promise<SeedResult> {
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const accounts: SeedAccount[] = seedPlan(today);
  // With the config's experiments: each user's arm, and the simulated effects, in their days.
  const arms = o.config ? seedExperiments(accounts, o.config, today) : 0;
  const json = (method: string, token: string, body: unknown): RequestInit => ({
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (o.config) await call(`${o.collector}/v1/admin/config`, json('PUT', o.secret, { config: o.config, note: 'Ledgerly demo config' }));

  const jobs: Array<() => Promise<unknown>> = [];
  let days = 0;
  let person = 0;
  for (const a of accounts) {
    jobs.push(() =>
      call(
        `${o.collector}/v1/accounts/${encodeURIComponent(a.id)}`,
        json('PUT', o.secret, { name: a.name, plan: a.plan, pricePerMonth: a.pricePerMonth, paidSeats: a.paidSeats }),
      ),
    );
    for (const u of a.users) {
      days += u.rollups.length;
      const name = `${NAMES[person % NAMES.length]} ${SURNAMES[person++ % SURNAMES.length]}`;
      // Signed as the host's backend signs it (README "Identity"): the demo app verifies identities.
      const hash = createHmac('sha256', o.secret).update(`habitual-identity-v2\n${u.id}\n${a.id}\n`).digest('hex');
      for (let i = 0; i < u.rollups.length; i += BATCH_DAYS) {
        const body = {
          v: 1,
          appId: o.appId,
          writeKey: o.writeKey,
          identity: { userId: u.id, accountId: a.id, deviceId: u.deviceId, hash, name },
          days: u.rollups.slice(i, i + BATCH_DAYS),
        };
        // text/plain, as the SDK sends it: no CORS preflight in a browser.
        jobs.push(() => call(`${o.collector}/v1/summaries`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) }));
      }
      // Their survey answers, under the same signed identity.
      const answers = {
        appId: o.appId,
        writeKey: o.writeKey,
        identity: { userId: u.id, accountId: a.id, deviceId: u.deviceId, hash },
        responses: seedResponses(a, u, today),
      };
      jobs.push(() => call(`${o.collector}/v1/responses`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(answers) }));
    }
  }
  await pool(jobs, o.concurrency ?? 4);
  // The score history of the seeded weeks (the collector keeps it from now on by itself).
  await call(`${o.collector}/v1/admin/history/backfill`, json('POST', o.secret, { days: HISTORY_DAYS }));
  const kinds: Record<string, number> = {};
  for (const a of accounts) kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
  return { accounts: accounts.length, users: accounts.reduce((n, a) => n + a.users.length, 0), days, kinds, arms };
}
