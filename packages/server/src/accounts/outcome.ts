import * as v from 'valibot';
import { fail } from '../http/fail';

/** What an account or user came to: the labels the drivers model learns from. */
export interface Outcome {
  status: 'active' | 'churned';
  /** Local day (YYYY-MM-DD) the customer churned; set exactly when `status` is 'churned'. */
  churnedAt: string | null;
  /** Last renewal day (YYYY-MM-DD), when known. */
  renewedAt: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 'YYYY-MM-DD' or an ISO date-time (its UTC day); undefined when neither or not a real date. */
function toDay(text: string): string | undefined {
  if (DAY.test(text)) {
    // Date.parse rolls 2026-02-30 over to March: only a day that survives the round trip is real.
    const t = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text ? text : undefined;
  }
  const t = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}

const dayField = (name: string) =>
  v.optional(
    v.nullable(
      v.pipe(
        v.string(`${name} must be a date string such as '2026-05-31'`),
        v.check((s) => toDay(s) !== undefined, `${name} must be a real date as 'YYYY-MM-DD' or an ISO date-time`),
        v.transform((s) => toDay(s) as string),
      ),
    ),
  );

/** The outcome fields of `PUT /v1/accounts/:id`, `PUT /v1/users/:id` and the CSV upload. */
export const OUTCOME_FIELDS = {
  status: v.optional(v.picklist(['active', 'churned'], "status must be 'active' or 'churned'")),
  churnedAt: dayField('churnedAt'),
  renewedAt: dayField('renewedAt'),
  mrr: v.optional(
    v.pipe(
      v.number('mrr must be a number'),
      v.finite('mrr must be finite'),
      v.minValue(0, 'mrr must be 0 or more'),
      v.maxValue(1e12, 'mrr must be at most 1e12'),
    ),
  ),
} as const;

export type OutcomeInput = { status?: 'active' | 'churned'; churnedAt?: string | null; renewedAt?: string | null; mrr?: number };

/** True when the body changes the outcome (status, churn or renewal day). */
export const hasOutcome = (b: OutcomeInput): boolean => b.status !== undefined || b.churnedAt !== undefined || b.renewedAt !== undefined;

/**
 * The stored outcome after applying `b` to `had`: a churn day implies 'churned', 'churned'
 * without a day churned `today`, 'active' clears the churn day (a win-back). Answers 400
 * naming the field when the two disagree. `at` prefixes the message (a CSV line).
 */
export function applyOutcome(had: Outcome | undefined, b: OutcomeInput, today: string, at = ''): Outcome {
  if (b.status === 'active' && b.churnedAt) fail(400, `${at}churnedAt must be empty when status is 'active'; send status 'churned' with the day it churned.`);
  const status = b.status ?? (b.churnedAt ? 'churned' : b.churnedAt === null ? 'active' : (had?.status ?? 'active'));
  const churnedAt = status === 'churned' ? (b.churnedAt ?? (had?.status === 'churned' ? had.churnedAt : null) ?? today) : null;
  if (churnedAt && churnedAt > today) fail(400, `${at}churnedAt ${churnedAt} is in the future; send it once the customer has churned.`);
  const renewedAt = b.renewedAt === undefined ? (had?.renewedAt ?? null) : b.renewedAt;
  return { status, churnedAt, renewedAt };
}
