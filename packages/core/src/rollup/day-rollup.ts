/** Counts for one feature on one local day. */
export interface FeatureCount {
  /** Times the feature was used. */
  n: number;
  /** Sum of the numeric `value` props (value units: invoices sent, rows imported). */
  value: number;
}

/**
 * One local calendar day of one user on one device. The only usage record kept on the
 * device and the only one that leaves it (never raw events).
 */
export interface DayRollup {
  /** Schema version of the stored record. */
  v: 1;
  /** Local calendar date `YYYY-MM-DD`, fixed when the first event of the day was recorded. */
  day: string;
  /** IANA time zone the day was recorded in. */
  tz: string;
  /** Revision: grows by one on every merge, so a sync can tell a newer copy from an older. */
  rev: number;
  /** Active time (visible, focused, input in the last 5 s) in milliseconds. */
  activeMs: number;
  features: Record<string, FeatureCount>;
  /** Epoch ms of the first use of each feature that day (funnel windows are measured from it). */
  firsts: Record<string, number>;
}

/** What a tab adds to a day between two flushes. */
export interface DayDelta {
  day: string;
  tz: string;
  activeMs: number;
  features: Record<string, FeatureCount>;
  firsts: Record<string, number>;
}

/** Name of the bucket that counts features past the per-day limit. */
export const OTHER_FEATURE = 'other';

export function emptyDelta(day: string, tz: string): DayDelta {
  return { day, tz, activeMs: 0, features: {}, firsts: {} };
}

/** Distinct unconfigured names a day keeps while the config names no feature at all. */
export const MAX_FEATURES_PER_DAY = 64;

/**
 * Which feature names a day keeps: `keep` ones always, then `others` more; the rest count
 * as `other`. First-use times are kept for the names `first` accepts (the funnels' steps,
 * the only reader), so a day's record stays small.
 */
export interface FeaturePolicy {
  keep: (name: string) => boolean;
  others: number;
  first: (name: string) => boolean;
}

/** Any names (bounded by MAX_FEATURES_PER_DAY): the policy while no checked config names features. */
export const KEEP_ANY: FeaturePolicy = { keep: () => false, others: MAX_FEATURES_PER_DAY, first: () => true };

/**
 * Merge a tab's delta into the stored rollup (or a fresh one); returns a new record.
 * A day stays bounded whatever the host tracks: once a config names features it holds
 * those plus `other`; before any config, up to MAX_FEATURES_PER_DAY names plus `other`.
 */
export function mergeDelta(stored: DayRollup | undefined, delta: DayDelta, policy: FeaturePolicy = KEEP_ANY): DayRollup {
  const { keep, others, first } = policy;
  const features: Record<string, FeatureCount> = {};
  const firsts: Record<string, number> = { ...stored?.firsts };
  let unconfigured = 0;
  const count = (name: string) => name !== OTHER_FEATURE && !keep(name) && unconfigured++;
  if (stored) for (const name in stored.features) (features[name] = { ...stored.features[name] }), count(name);
  for (const tracked in delta.features) {
    const add = delta.features[tracked];
    const folded = !features[tracked] && !keep(tracked) && unconfigured >= others;
    const name = folded ? OTHER_FEATURE : tracked;
    const have = features[name];
    if (!have) count(name);
    features[name] = have ? { n: have.n + add.n, value: have.value + add.value } : { ...add };
    const at = delta.firsts[tracked];
    if (at !== undefined && !folded && first(name) && !(name in firsts && firsts[name] <= at)) firsts[name] = at;
  }
  return {
    v: 1,
    day: delta.day,
    tz: stored?.tz ?? delta.tz,
    rev: (stored?.rev ?? 0) + 1,
    activeMs: (stored?.activeMs ?? 0) + delta.activeMs,
    features,
    firsts,
  };
}

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** Why a stored value is not a valid rollup, or `undefined` when it is one. */
export function rollupProblem(x: unknown): string | undefined {
  if (!x || typeof x !== 'object') return 'not an object';
  const r = x as Partial<DayRollup>;
  if (r.v !== 1) return `unknown version ${String(r.v)}`;
  if (typeof r.day !== 'string' || !DAY_KEY.test(r.day)) return 'day is not YYYY-MM-DD';
  if (typeof r.tz !== 'string' || !r.tz) return 'tz is missing';
  if (!isCount(r.rev) || !Number.isInteger(r.rev)) return 'rev is not a whole number';
  if (!isCount(r.activeMs)) return 'activeMs is not a non-negative number';
  if (!r.features || typeof r.features !== 'object') return 'features is not an object';
  for (const name in r.features) {
    const f = r.features[name];
    if (!f || !isCount(f.n) || typeof f.value !== 'number' || !Number.isFinite(f.value)) {
      return `features.${name} is not { n, value }`;
    }
  }
  if (!r.firsts || typeof r.firsts !== 'object') return 'firsts is not an object';
  for (const name in r.firsts) if (!isCount(r.firsts[name])) return `firsts.${name} is not a time`;
  return undefined;
}
