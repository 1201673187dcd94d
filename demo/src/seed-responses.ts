import { addDays, type SurveyResponse } from '@habitual/core';
import type { SeedAccount, SeedUser } from './seed-plan';

const REASONS = ['price', 'missing', 'hard', 'switched', 'unneeded', 'other'];
const COMMENTS: Record<string, string> = {
  price: 'Too much for a team of three.',
  missing: 'No recurring invoices, we bill monthly.',
  hard: 'Importing our customers took a whole afternoon.',
  switched: 'Our accountant uses another tool.',
};

/** A small deterministic hash of a string, 0..1: the same seed gives the same answers. */
const unit = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
};

/**
 * What the seeded users answered in the survey: an exit reason from each user who left
 * (`churner`, `gone`), a comment from some, and an NPS score from the others every few weeks
 * (higher from daily users), so the dashboard's Responses page has something to show.
 */
export function seedResponses(a: SeedAccount, u: SeedUser, today: string): SurveyResponse[] {
  const at = (day: string) => Date.parse(`${day}T10:00:00Z`);
  const pick = unit(u.id);
  if (u.cohort === 'churner' || u.cohort === 'gone') {
    const choice = REASONS[Math.floor(pick * REASONS.length)];
    const day = addDays(today, -Math.floor(pick * 40) - 1);
    const text = pick < 0.6 ? COMMENTS[choice] : undefined;
    return [{ id: `seed-exit-${u.id}`, form: 'exit', kind: 'choice', at: at(day), choice, ...(text ? { text } : {}) }];
  }
  const base = u.cohort === 'daily' ? 8.5 : 6.5;
  return [0, 1, 2, 3].map((k) => {
    const day = addDays(today, -7 * (k * 3 + 1) - Math.floor(unit(`${u.id}${k}`) * 6));
    const score = Math.max(0, Math.min(10, Math.round(base + (unit(`${a.id}${u.id}${k}`) - 0.5) * 5)));
    return { id: `seed-nps-${u.id}-${k}`, form: 'nps', kind: 'nps' as const, at: at(day), score };
  });
}
