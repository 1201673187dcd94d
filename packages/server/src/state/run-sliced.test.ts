import { describe, expect, it } from 'vitest';
import { addDays } from '@habitual/core';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/open-pglite';
import { saveApp } from '../apps/app-store';
import { storeSummaries } from '../summaries/store-summaries';
import { day } from '../testing/fixtures';
import type { UserRollups } from '../accounts/scorecard-inputs';
import { loadAccountUsers } from '../accounts/load-account-users';
import { computeAccountState } from './compute-account-state';
import { readAccountState } from './read-account-state';
import { refreshStates } from './refresh-states';
import { runSliced, runSteps } from './run-sliced';
import { stateHorizonDays } from './state-horizon';

function* counting(n: number, cost: number, clock: { t: number }): Generator<void, number> {
  for (let i = 0; i < n; i++) {
    clock.t += cost;
    yield;
  }
  return n;
}

describe('runSliced', () => {
  it('lets the event loop run once a slice is used up, and only then', async () => {
    const clock = { t: 0 };
    let pauses = 0;
    const pause = async () => void pauses++;
    // 20 steps of 3 ms in slices of 10 ms: a pause after every fourth step (12 ms), five in all.
    expect(await runSliced(counting(20, 3, clock), { sliceMs: 10, pause, clock: () => clock.t })).toBe(20);
    expect(pauses).toBe(5);
    // Short work finishes in its first slice, without a pause.
    pauses = 0;
    expect(await runSliced(counting(3, 3, clock), { sliceMs: 10, pause, clock: () => clock.t })).toBe(3);
    expect(pauses).toBe(0);
    expect(runSteps(counting(5, 1, clock))).toBe(5);
  });

  it('computes a big account in slices with the same result as all at once', async () => {
    const NOW = Date.UTC(2025, 2, 31, 12);
    const config = { features: { 'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' } } };
    const db = await openPglite();
    await migrate(db);
    await saveApp(db, { id: 'ledgerly', writeKey: 'wk_test', secret: 'sk_test', origins: ['*'], verifyIdentity: false });
    await db.query(`INSERT INTO config_versions (app_id, version, config) VALUES ('ledgerly', 1, $1::jsonb)`, [JSON.stringify(config)]);
    await db.query(`UPDATE apps SET config_version = 1 WHERE id = 'ledgerly'`);
    // One account of 40 users with a month each.
    for (let u = 0; u < 40; u++) {
      const days = Array.from({ length: 30 }, (_, i) => day(addDays('2025-03-31', -i - (u % 7)), 1, { 'invoice.sent': { n: 1 + (u % 3), value: 1 } }));
      await storeSummaries(db, 'ledgerly', { userId: `u_${u}`, accountId: 'big', deviceId: `d_${u}` }, days);
    }
    let pauses = 0;
    // A slice of 0 ms: a pause after every user, so the loop is never held for two.
    await refreshStates(db, { now: NOW, sliceMs: 0, pause: async () => void pauses++ });
    expect(pauses).toBeGreaterThanOrEqual(40);

    const users: UserRollups[] = await loadAccountUsers(db, 'ledgerly', 'big');
    const whole = computeAccountState(
      { id: 'big', name: '', plan: '', pricePerMonth: 0, paidSeats: 0, updatedAt: '' },
      users,
      config,
      NOW,
      stateHorizonDays(config),
    );
    const kept = await readAccountState(db, 'ledgerly', 'big');
    expect(kept).toMatchObject({ score: whole.card!.score, band: whole.card!.band, users: 40 });
    expect(kept!.usersDetail.map((u) => ('stage' in u ? u.stage : u.error))).toEqual(whole.users.map((u) => u.summary!.stage));
    await db.close();
  });
});
