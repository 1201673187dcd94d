import type { HabitualConfig } from '../config/types';
import { dayIndex, dayKey } from '../engine/day-keys';
import type { DayRollup } from '../rollup/day-rollup';
import { createRandom, type Random } from './create-random';

/**
 * The churn world's app: an invoicing tool with features that keep customers (sending
 * invoices, reports, reminders) and features that signal they are leaving (removing
 * teammates, looking at the plan page, opening help), used more by busier users too.
 */
export const CHURN_CONFIG: HabitualConfig = {
  features: {
    'invoice.sent': { label: 'Send an invoice', key: true, value: 'invoices' },
    'customer.created': { label: 'Add a customer', key: true },
    'report.viewed': { label: 'View reports', key: true },
    'import.completed': { label: 'Import customers', key: true },
    'reminder.set': { label: 'Set a payment reminder' },
    'export.downloaded': { label: 'Download an export' },
    'teammate.removed': { label: 'Remove a teammate' },
    'plan.viewed': { label: 'Look at the plan page' },
    'help.opened': { label: 'Open help' },
  },
  activation: [
    { event: 'customer.created', count: 3 },
    { event: 'invoice.sent', count: 1 },
  ],
};

/**
 * The hidden truth: per feature, how often a user who shows up uses it (mean per active day)
 * and its effect on the daily churn hazard per unit of log(1 + uses in the last 28 days);
 * negative keeps, positive drives away. Risk features are used more by busier users, so
 * plain activity counts mix the two.
 */
export const CHURN_TRUTH: Record<string, { rate: number; hazard: number }> = {
  'invoice.sent': { rate: 1.5, hazard: -0.8 },
  'customer.created': { rate: 0.5, hazard: -0.3 },
  'report.viewed': { rate: 0.6, hazard: -0.6 },
  'import.completed': { rate: 0.1, hazard: -0.5 },
  'reminder.set': { rate: 0.3, hazard: -0.7 },
  'export.downloaded': { rate: 0.4, hazard: 0.5 },
  'teammate.removed': { rate: 0.15, hazard: 1.2 },
  'plan.viewed': { rate: 0.3, hazard: 1.0 },
  'help.opened': { rate: 0.5, hazard: 0.5 },
};

/** Effect of log(1 + days since first seen) on the hazard: old customers stay. */
export const TENURE_HAZARD = -0.25;

export interface ChurnUser {
  id: string;
  accountId: string;
  /** First day with data. */
  firstDay: string;
  /** Day the user churned (no use on or after it), or null while still a customer. */
  churnedOn: string | null;
  rollups: DayRollup[];
}

export interface ChurnWorldOptions {
  users?: number;
  seed?: number;
  /** Last simulated day (UTC). @default '2026-06-30' */
  today?: string;
  /** Days the world runs for; users arrive during its first two thirds. @default 300 */
  days?: number;
  /** Daily churn hazard of a user with no uses and tenure 0, before the effects. @default 0.02 */
  baseHazard?: number;
}

const normal = (r: Random) => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());

function poisson(r: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = r.next(); p > limit; p *= r.next()) k++;
  return k;
}

/**
 * Users of `CHURN_CONFIG` day by day, each churning with a daily hazard driven by their
 * last 28 days of feature use (`CHURN_TRUTH`), their tenure (`TENURE_HAZARD`) and a hidden
 * per-user frailty (noise no model sees). A churned user stops using the product. Accounts
 * hold one to three users who share how much the account needs the product; each user
 * churns on their own (their outcome is the user's). Deterministic for a seed.
 */
export function churnWorld(options: ChurnWorldOptions = {}): { config: HabitualConfig; today: string; users: ChurnUser[] } {
  const { users: count = 2000, seed = 1, today = '2026-06-30', days = 300, baseHazard = 0.02 } = options;
  const r = createRandom(seed);
  const T = dayIndex(today);
  const names = Object.keys(CHURN_TRUTH);
  const out: ChurnUser[] = [];
  let account = 0;
  while (out.length < count) {
    const size = Math.min(count - out.length, r.int(1, 3));
    const accountId = `acct_${++account}`;
    const start = T - days + 1 + r.int(0, Math.floor((days * 2) / 3));
    // Shared by the account's users: how much the account needs the product.
    const need = normal(r);
    const members = Array.from({ length: size }, (_, k) => member(r, `${accountId}_u${k + 1}`, accountId, start + r.int(0, 10), T, need, names, baseHazard));
    for (const m of members) {
      m.user.churnedOn = m.goneIdx <= T ? dayKey(m.goneIdx) : null;
      out.push(m.user);
    }
  }
  return { config: CHURN_CONFIG, today, users: out };
}

function member(r: Random, id: string, accountId: string, start: number, T: number, need: number, names: string[], baseHazard: number) {
  // Busier users show up more and use everything more, risk features included.
  // How busy they are drifts from week to week (a slow random walk around their own level).
  const level = 0.8 * need + 0.8 * normal(r);
  let busy = level;
  const tastes = names.map(() => normal(r));
  const frailty = 0.3 * normal(r);
  const window = names.map(() => new Float64Array(28));
  const sums = new Float64Array(names.length);
  const rollups: DayRollup[] = [];
  let goneIdx = Number.POSITIVE_INFINITY;
  for (let idx = start; idx <= T; idx++) {
    const slot = idx % 28;
    for (let f = 0; f < names.length; f++) (sums[f] -= window[f][slot]), (window[f][slot] = 0);
    // Churn is decided on the morning of the day, from the 28 days before it.
    if (idx > start) {
      let eta = frailty + TENURE_HAZARD * Math.log1p(idx - start);
      for (let f = 0; f < names.length; f++) eta += CHURN_TRUTH[names[f]].hazard * Math.log1p(sums[f]);
      if (r.next() < baseHazard * Math.exp(eta)) {
        goneIdx = idx;
        break;
      }
    }
    busy = level + 0.99 * (busy - level) + 0.1 * normal(r);
    if (idx !== start && r.next() >= 1 / (1 + Math.exp(-(1.2 * busy - 0.3)))) continue;
    const features: DayRollup['features'] = {};
    const firsts: DayRollup['firsts'] = {};
    const base = idx * 86_400_000 + 9 * 3_600_000;
    for (let f = 0; f < names.length; f++) {
      const n = poisson(r, CHURN_TRUTH[names[f]].rate * Math.exp((CHURN_TRUTH[names[f]].hazard < 0 ? 0.5 : 0.1) * busy + tastes[f]));
      if (!n) continue;
      features[names[f]] = { n, value: names[f] === 'invoice.sent' ? n : 0 };
      firsts[names[f]] = base + r.int(0, 28_800_000);
      window[f][slot] = n;
      sums[f] += n;
    }
    rollups.push({ v: 1, day: dayKey(idx), tz: 'UTC', rev: 1, activeMs: r.int(1, 30) * 60_000, features, firsts });
  }
  return { user: { id, accountId, firstDay: dayKey(start), churnedOn: null as string | null, rollups }, goneIdx };
}
