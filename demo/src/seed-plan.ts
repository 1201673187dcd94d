// The demo's customers: a few dozen accounts whose users come from the engine's seeded
// simulator, so the dashboard opens on a realistic mix of healthy, fading and stuck accounts.
import type { DayRollup } from '@habitual/core';
import { COHORTS, simulateUser } from '@habitual/core/sim';

export interface SeedUser {
  id: string;
  deviceId: string;
  cohort: string;
  rollups: DayRollup[];
}

export interface SeedAccount {
  id: string;
  name: string;
  plan: string;
  pricePerMonth: number;
  paidSeats: number;
  /** Which kind of account this is meant to be (for the printout and the tests). */
  kind: AccountKind;
  users: SeedUser[];
}

export type AccountKind = 'healthy' | 'fading' | 'stuck' | 'comeback';

const PLANS = {
  Starter: { pricePerMonth: 29, paidSeats: 3 },
  Team: { pricePerMonth: 79, paidSeats: 8 },
  Business: { pricePerMonth: 199, paidSeats: 20 },
} as const;

/** Each kind: its plan and its users' cohorts (ids from core's simulator). */
const KINDS: Record<AccountKind, Array<{ plan: keyof typeof PLANS; cohorts: string[] }>> = {
  healthy: [
    { plan: 'Team', cohorts: ['daily', 'daily', 'weekly', 'weekly', 'weekly'] },
    { plan: 'Starter', cohorts: ['daily', 'weekly'] },
    { plan: 'Business', cohorts: ['daily', 'daily', 'daily', 'weekly', 'weekly', 'weekly', 'churner'] },
    { plan: 'Starter', cohorts: ['daily', 'daily', 'weekly'] },
  ],
  fading: [
    { plan: 'Team', cohorts: ['churner', 'churner', 'gone', 'weekly'] },
    { plan: 'Business', cohorts: ['churner', 'gone', 'gone', 'churner', 'weekly'] },
    { plan: 'Starter', cohorts: ['gone', 'churner'] },
  ],
  stuck: [
    { plan: 'Starter', cohorts: ['stuck-onboarder'] },
    { plan: 'Team', cohorts: ['stuck-onboarder', 'stuck-onboarder'] },
  ],
  comeback: [{ plan: 'Team', cohorts: ['resurrected', 'weekly', 'gone'] }],
};

/** 32 accounts: 12 healthy, 10 fading, 7 stuck, 3 coming back. */
const MIX: Array<[AccountKind, number]> = [
  ['healthy', 12],
  ['fading', 10],
  ['stuck', 7],
  ['comeback', 3],
];

const NAMES = [
  'Acme Plumbing',
  'Birch & Co',
  'Bluebell Florists',
  'Brightside Dental',
  'Cedar Joinery',
  'Cobalt Studio',
  'Copperleaf Catering',
  'Dune Surf School',
  'Elm Street Books',
  'Fernhill Vets',
  'Foxglove Design',
  'Granite Builders',
  'Harbour Accountants',
  'Hazel Yoga',
  'Ironbridge Motors',
  'Juniper Legal',
  'Kiln Ceramics',
  'Lark Photography',
  'Maple Cleaning',
  'Meridian Tutors',
  'Nettle Landscaping',
  'Oakridge Physio',
  'Orchard Print',
  'Pebble Web Agency',
  'Quill Translation',
  'Rowan Electrical',
  'Saffron Kitchen',
  'Slate Roofing',
  'Thistle Events',
  'Umber Coffee Roasters',
  'Willow Architects',
  'Yarrow Pet Care',
];

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The demo's accounts and their users' day rollups, ending `today` (UTC). Deterministic. */
export function seedPlan(today: string): SeedAccount[] {
  const accounts: SeedAccount[] = [];
  let seed = 1000;
  for (const [kind, count] of MIX) {
    for (let i = 0; i < count; i++) {
      const shape = KINDS[kind][i % KINDS[kind].length];
      const name = NAMES[accounts.length % NAMES.length];
      const id = slug(name);
      const users = shape.cohorts.map((cohortId, u): SeedUser => {
        const cohort = COHORTS.find((c) => c.id === cohortId);
        if (!cohort) throw new Error(`The simulator has no cohort "${cohortId}".`);
        const sim = simulateUser(cohort, seed++, today);
        return { id: `${id}.u${u + 1}`, deviceId: `seed-${id}-${u + 1}`, cohort: cohortId, rollups: sim.rollups };
      });
      accounts.push({ id, name, plan: shape.plan, ...PLANS[shape.plan], kind, users });
    }
  }
  return accounts;
}
