import type { HabitualConfig } from '../config/types';
import type { Stage } from '../engine/types';
import type { Cohort } from './simulate-user';

/** The app the cohorts use: DESIGN.md's invoicing example. */
export const SIM_CONFIG: HabitualConfig = {
  features: {
    'customer.created': { label: 'Add a customer', key: true },
    'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
    'import.completed': { label: 'Import customers', key: true },
    'report.viewed': { label: 'View reports', key: true },
    'import.opened': { label: 'Open import' },
  },
  activation: [
    { event: 'customer.created', count: 3 },
    { event: 'invoice.sent', count: 1 },
  ],
  funnels: [
    { id: 'import', start: 'import.opened', done: 'import.completed', withinDays: 2, help: { text: 'Importing from a spreadsheet?', href: '/help/import' } },
  ],
  milestones: [
    { id: 'first-invoice', event: 'invoice.sent', count: 1, title: 'First invoice sent' },
    { id: 'streak-5', streak: 5, title: 'Five in a row' },
  ],
};

type Day = ReturnType<Cohort['day']>;

/** A working session of an activated user. */
function work(r: Parameters<Cohort['day']>[0]['r'], age: number): NonNullable<Day> {
  const events: Array<[string, number]> = [];
  if (age === 0) events.push(['customer.created', 0], ['customer.created', 0], ['customer.created', 0]);
  if (r.chance(0.3)) events.push(['customer.created', 0]);
  if (r.chance(0.85)) events.push(['invoice.sent', r.int(1, 3)]);
  if (r.chance(0.5)) events.push(['report.viewed', 0]);
  if (r.chance(0.12)) events.push(['import.opened', 0], ['import.completed', 0]);
  return { events, activeMinutes: r.int(3, 40) };
}

const weekend = (weekday: number) => weekday >= 5;

/** The cohorts, each with the stages the engine should put its users in. */
export const COHORTS: Array<Cohort & { expect: Stage[] }> = [
  {
    id: 'daily',
    days: [90, 240],
    day: ({ weekday, age, r }) => (age === 0 || r.chance(weekend(weekday) ? 0.6 : 0.97) ? work(r, age) : null),
    expect: ['power'],
  },
  {
    id: 'weekly',
    days: [90, 240],
    // Three working days a week (Monday, Wednesday, Thursday), most weeks.
    day: ({ weekday, age, r }) => (age === 0 || ([0, 2, 3].includes(weekday) && r.chance(0.85)) ? work(r, age) : null),
    expect: ['engaged'],
  },
  {
    id: 'churner',
    days: [120, 240],
    traits: (r) => ({ fadeFrom: r.int(40, 60), goneAt: r.int(12, 24) }),
    // Daily at first, then showing up less and less until they stop.
    day: ({ ago, age, weekday, r, user }) => {
      if (age === 0) return work(r, age);
      if (ago <= user.goneAt) return null;
      const p = ago >= user.fadeFrom ? 0.95 : 0.9 * ((ago - user.goneAt) / (user.fadeFrom - user.goneAt));
      return r.chance(weekend(weekday) ? p / 2 : p) ? work(r, age) : null;
    },
    expect: ['at_risk'],
  },
  {
    id: 'gone',
    days: [120, 240],
    traits: (r) => ({ goneAt: r.int(35, 80) }),
    day: ({ ago, age, r, user }) => (age === 0 || (ago > user.goneAt && r.chance(0.9)) ? work(r, age) : null),
    expect: ['dormant'],
  },
  {
    id: 'stuck-onboarder',
    days: [10, 25],
    // Adds a customer or two, keeps coming back to look around, never gets to an invoice.
    day: ({ age, r }) => {
      if (age === 0) return { events: [['customer.created', 0]], activeMinutes: 8 };
      if (age === 1 && r.chance(0.5)) return { events: [['customer.created', 0]], activeMinutes: 6 };
      return r.chance(0.35) ? { events: [['report.viewed', 0]], activeMinutes: r.int(5, 12) } : null;
    },
    expect: ['stuck'],
  },
  {
    id: 'resurrected',
    days: [150, 240],
    traits: (r) => ({ backAt: r.int(0, 3), gap: r.int(40, 70) }),
    day: ({ ago, age, r, user }) => {
      if (age === 0) return work(r, age);
      if (ago <= user.backAt) return work(r, age);
      if (ago <= user.backAt + user.gap) return null;
      return r.chance(0.9) ? work(r, age) : null;
    },
    expect: ['resurrected'],
  },
];
