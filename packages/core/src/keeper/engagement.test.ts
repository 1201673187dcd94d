import { describe, expect, it } from 'vitest';
import type { DayDelta, DayRollup } from '../rollup/day-rollup';
import type { HabitualEvents, Profile } from '../types';
import { createEngagement } from './engagement';

const now = Date.parse('2026-11-24T10:00:00Z');
const today = '2026-11-24';
const config = { features: { 'invoice.sent': { key: true } }, milestones: [{ id: 'first', title: 'First', event: 'invoice.sent', count: 1 }] };
const day: DayRollup = { v: 1, day: '2026-11-23', tz: 'UTC', rev: 1, activeMs: 0, features: { 'invoice.sent': { n: 2, value: 0 } }, firsts: {} };
const delta: DayDelta = { day: today, tz: 'UTC', activeMs: 0, features: { 'invoice.sent': { n: 1, value: 0 } }, firsts: {} };

function setup() {
  const events: Array<keyof HabitualEvents> = [];
  let profile: Profile = { v: 1, deviceId: 'd', firstSeen: today, milestones: {}, widgets: {} };
  let writes = 0;
  let listening = false;
  const engagement = createEngagement({
    now: () => now,
    today: () => today,
    emit: (event) => void events.push(event),
    listened: () => listening,
    profile: () => profile,
    writeProfile: async (fn) => (writes++, (profile = fn(profile))),
  });
  engagement.setConfig(config);
  return { engagement, events, writes: () => writes, profile: () => profile, listen: () => void (listening = true) };
}

describe('engagement state, computed only when wanted', () => {
  it('nobody asks: loads and flushes compute nothing, announce nothing and write no profile', async () => {
    const t = setup();
    await t.engagement.load([day]);
    t.engagement.absorb([delta]);
    await t.engagement.refresh();
    expect(t.events).toEqual([]);
    expect(t.writes()).toBe(0);
    expect(t.profile().milestones).toEqual({});
  });

  it('getState() computes on the spot, with every delta stored meanwhile, then keeps it fresh', async () => {
    const t = setup();
    await t.engagement.load([day]);
    t.engagement.absorb([delta]);
    expect(t.engagement.state()?.totals['invoice.sent'].n).toBe(3);
    // The milestone the first computation found is kept in the profile and announced once.
    await t.engagement.refresh();
    expect(t.profile().milestones).toEqual({ first: '2026-11-23' });
    expect(t.events.filter((e) => e === 'milestone')).toHaveLength(1);
    t.engagement.absorb([delta]);
    await t.engagement.refresh();
    expect(t.engagement.state()?.totals['invoice.sent'].n).toBe(4);
    expect(t.events.filter((e) => e === 'state')).toHaveLength(2);
  });

  it('a listener of state, stage or milestone gets the state from the next load or flush on', async () => {
    const t = setup();
    await t.engagement.load([day]);
    t.listen();
    t.engagement.absorb([delta]);
    await t.engagement.refresh();
    expect(t.events).toEqual(['stage', 'milestone', 'state']);
  });
});
