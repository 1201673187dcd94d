import type { AttentionConfig } from '../config/types';

/** What the user did with one widget item (epoch ms: the first `seen`, the latest of the others). */
export interface Mark {
  seen?: number;
  dismissed?: number;
  done?: number;
  /** Not shown again before this instant. */
  snoozed?: number;
}

/**
 * The attention budget's memory, per user: item marks and the interruptive shows of the
 * last days. Kept in the profile (`profile.widgets[ATTENTION_KEY]`), shared by the tabs
 * and synced through the collector, so a dismissal on the laptop holds on the desktop.
 */
export interface AttentionRecord {
  /** By item key: `nudges:import`, `milestone:first-invoice`, `digest`. */
  marks: Record<string, Mark>;
  /** Interruptive shows, at most one per key and local day: [key, day, epoch ms]. */
  shows: Array<[key: string, day: string, at: number]>;
  /** When the user last dismissed an interruptive widget. */
  dismissedAt?: number;
}

export const ATTENTION_KEY = 'attention';
/** The BroadcastChannel every tab's widgets (and the keeper, with the collector's answer) share the record on. */
export const ATTENTION_CHANNEL = 'habitual-attention';
const DAY_MS = 86_400_000;
/** Shows older than this are forgotten (the weekly allowance looks back 7 days). */
const KEEP_MS = 8 * DAY_MS;

export const emptyAttention = (): AttentionRecord => ({ marks: {}, shows: [] });

/** Everything both records know: the first `seen`, the latest of the other marks, every show once. */
export function mergeAttention(a: AttentionRecord, b: AttentionRecord, now: number): AttentionRecord {
  const marks: Record<string, Mark> = { ...a.marks };
  for (const key in b.marks) {
    const m = { ...marks[key] };
    const o = b.marks[key];
    if (o.seen !== undefined && !(m.seen! <= o.seen)) m.seen = o.seen;
    for (const f of ['dismissed', 'done', 'snoozed'] as const) if (o[f] !== undefined && !(m[f]! >= o[f]!)) m[f] = o[f];
    marks[key] = m;
  }
  const shows = new Map<string, [string, string, number]>();
  for (const s of [...a.shows, ...b.shows]) {
    const id = `${s[1]} ${s[0]}`;
    const have = shows.get(id);
    if (s[2] > now - KEEP_MS && (!have || s[2] < have[2])) shows.set(id, s);
  }
  const out: AttentionRecord = { marks, shows: [...shows.values()].sort((x, y) => x[2] - y[2]) };
  const dismissedAt = Math.max(a.dismissedAt ?? 0, b.dismissedAt ?? 0);
  if (dismissedAt) out.dismissedAt = dismissedAt;
  return out;
}

/** A record read from storage or the wire, or an empty one when it is not one. */
export function asAttention(x: unknown): AttentionRecord {
  const r = x as AttentionRecord | null | undefined;
  return r && typeof r === 'object' && r.marks && typeof r.marks === 'object' && Array.isArray(r.shows) ? r : emptyAttention();
}

export type Budget = Required<AttentionConfig>;

/** The budget's defaults, written once: the schema's `attention.*` defaults are these. */
export const ATTENTION_DEFAULTS: Readonly<Budget> = { maxAtOnce: 1, perDay: 3, perWeek: 8, cooldownMinutes: 10 };

/** The config's budget with every default filled in. */
export const budgetOf = (config: AttentionConfig | undefined): Budget => ({ ...ATTENTION_DEFAULTS, ...config });

/** Where the user stands now, for `mayShow`. */
export interface AttentionNow {
  now: number;
  /** The local day now. */
  today: string;
  /** The user's first local day (the first day allows one interruption besides the launcher). */
  firstDay?: string;
  /** Interruptive widgets on screen now (in this tab). */
  onScreen: number;
}

/**
 * Whether the interruptive item `key` may appear now: room on screen, no dismissal within
 * the cooldown, and the day's and week's allowance not spent (an item already shown today
 * was paid for). On the user's first day the allowance is one.
 */
export function mayShow(rec: AttentionRecord, key: string, budget: Budget, at: AttentionNow): boolean {
  if (at.onScreen >= budget.maxAtOnce) return false;
  if (rec.dismissedAt !== undefined && at.now - rec.dismissedAt < budget.cooldownMinutes * 60_000) return false;
  let today = 0;
  let week = 0;
  for (const [k, day, t] of rec.shows) {
    if (day === at.today) {
      if (k === key) return true;
      today++;
    }
    if (t > at.now - 7 * DAY_MS) week++;
  }
  const perDay = at.firstDay === undefined || at.firstDay === at.today ? Math.min(1, budget.perDay) : budget.perDay;
  return today < perDay && week < budget.perWeek;
}

/** The record with `key` shown today (once per day) and its first `seen` mark. */
export function recordShow(rec: AttentionRecord, key: string, today: string, now: number): AttentionRecord {
  const shown = rec.shows.some(([k, day]) => k === key && day === today);
  const mark = rec.marks[key];
  return {
    ...rec,
    marks: mark?.seen ? rec.marks : { ...rec.marks, [key]: { ...mark, seen: now } },
    shows: shown ? rec.shows : [...rec.shows.filter((s) => s[2] > now - KEEP_MS), [key, today, now]],
  };
}

/** The record with `key` marked (`dismissed` also starts the cooldown). */
export function recordMark(rec: AttentionRecord, key: string, what: keyof Mark, at: number): AttentionRecord {
  const out = { ...rec, marks: { ...rec.marks, [key]: { ...rec.marks[key], [what]: at } } };
  if (what === 'dismissed') out.dismissedAt = at;
  return out;
}
