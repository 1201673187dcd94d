import { fail } from './fail';
import type { RateDecision } from './rate-limit';

/** Answers 429 with Retry-After when `decision` refuses. */
export function refuseIfLimited(decision: RateDecision, what = 'Too many requests'): void {
  if (!decision.ok) fail(429, `${what}; retry in ${decision.retryAfterS} s.`, { 'retry-after': String(decision.retryAfterS) });
}
