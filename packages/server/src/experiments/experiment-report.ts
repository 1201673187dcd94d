import {
  addDays,
  compareMeans,
  compareShares,
  HOLDOUT,
  OUTCOME_DAYS,
  summarize,
  todayKey,
  userOutcome,
  type Comparison,
  type DayRollup,
  type ExperimentSpec,
  type HabitualConfig,
  type UserOutcome,
  type Verdict,
} from '@habitual/core';
import { holdoutOf, WIDGET_IDS } from '@habitual/widgets/registry';
import type { Db } from '../db/database';
import { loadMergedDays } from '../summaries/load-merged-days';
import { loadArms } from './experiment-arms';

/** The smallest effects worth seeing: one qualified day in 28, five points of a share. */
const SMALLEST_DAYS = 1;
const SMALLEST_SHARE = 0.05;
/** Users whose days are read in one query. */
const BATCH = 200;

type Share = { k: number; n: number; share: number | null };

export interface ArmReport {
  arm: string;
  /** Users counted in this arm (and in no other). */
  users: number;
  /** Of them, users whose 28 days have ended: the ones the outcomes are over. */
  measured: number;
  qualifiedDays: { mean: number | null; sd: number | null };
  activeAtDay28: Share;
  activated: Share;
  reachedAtRiskOrDormant: Share;
  /** Against the baseline arm: treatment minus baseline, 95% intervals (absent on the baseline). */
  vsBaseline?: Record<'qualifiedDays' | 'activeAtDay28' | 'activated' | 'reachedAtRiskOrDormant', Comparison | null>;
  /** The plain verdict on qualified days, the primary outcome. */
  verdict?: Verdict;
}

export interface ExperimentReport {
  experiment: string;
  /** Its entry in the app's config (a widget's own holdout is `widget-<id>`), null when no longer there. */
  spec: ExperimentSpec | { widget: string; holdout: number } | null;
  windowDays: number;
  baseline: string;
  /** Users counted in two arms (a device before and after sign-in): left out. */
  mixedUsers: number;
  arms: ArmReport[];
}

/** Merged days of `userIds` up to `until`, `BATCH` users per query. */
async function mergedDaysInBatches(db: Db, appId: string, userIds: string[], until: string): Promise<Map<string, DayRollup[]>> {
  const out = new Map<string, DayRollup[]>();
  for (let i = 0; i < userIds.length; i += BATCH) {
    for (const [user, days] of await loadMergedDays(db, appId, userIds.slice(i, i + BATCH), until)) out.set(user, days);
  }
  return out;
}

const share = (outcomes: UserOutcome[], pick: (o: UserOutcome) => boolean): Share => {
  const k = outcomes.filter(pick).length;
  return { k, n: outcomes.length, share: outcomes.length ? k / outcomes.length : null };
};

/**
 * `GET /v1/experiments/:id`'s answer: the users of each arm (from `experiment_arms`), their
 * outcomes over the 28 days from their first day in it (`userOutcome`, the device's engine,
 * with the app's config), each arm against the baseline (the holdout, else the first variant)
 * with Welch's interval on qualified days and Newcombe's on the shares, and the verdicts.
 */
export async function experimentReport(db: Db, appId: string, id: string, config: HabitualConfig, now: number): Promise<ExperimentReport | undefined> {
  const widget = WIDGET_IDS.find((w) => id === `widget-${w}`);
  const spec = config.experiments?.find((e) => e.id === id) ?? (widget ? { widget, holdout: holdoutOf(config, widget) } : null);
  const rows = await loadArms(db, appId, id);
  if (!spec && !rows.length) return undefined;

  const byUser = new Map<string, { arm: string; first: string } | null>();
  for (const r of rows) byUser.set(r.user_id, byUser.has(r.user_id) ? null : { arm: r.variant, first: r.first_day });
  const mixedUsers = [...byUser.values()].filter((x) => x === null).length;
  const arms = new Map<string, Array<{ user: string; first: string }>>();
  for (const name of [HOLDOUT, ...(spec && 'variants' in spec ? spec.variants.map((v) => v.id) : widget ? ['on'] : [])]) arms.set(name, []);
  for (const [user, a] of byUser) if (a) (arms.get(a.arm) ?? arms.set(a.arm, []).get(a.arm)!).push({ user, first: a.first });
  const holdoutShare = spec && 'holdout' in spec ? (spec.holdout ?? 0) : 0;
  if (!holdoutShare && !arms.get(HOLDOUT)!.length) arms.delete(HOLDOUT);
  const baseline = arms.has(HOLDOUT) ? HOLDOUT : [...arms.keys()][0];

  // Only windows that have ended are measured: the last of its 28 days is before today (UTC).
  const lastFirst = addDays(todayKey(now, 'UTC'), -OUTCOME_DAYS);
  const measured = [...arms.values()].flat().filter((u) => u.first <= lastFirst);
  const days = await mergedDaysInBatches(
    db,
    appId,
    measured.map((u) => u.user),
    addDays(lastFirst, OUTCOME_DAYS - 1),
  );
  const outcomesOf = (users: Array<{ user: string; first: string }>) =>
    users.filter((u) => u.first <= lastFirst).map((u) => userOutcome(days.get(u.user) ?? [], u.first, config));
  const outcomes = new Map([...arms].map(([arm, users]) => [arm, outcomesOf(users)]));

  const base = outcomes.get(baseline) ?? [];
  const report: ArmReport[] = [...arms].map(([arm, users]) => {
    const o = outcomes.get(arm)!;
    const q = summarize(o.map((x) => x.qualifiedDays));
    const r: ArmReport = {
      arm,
      users: users.length,
      measured: o.length,
      qualifiedDays: { mean: o.length ? q.mean : null, sd: o.length > 1 ? Math.sqrt(q.variance) : null },
      activeAtDay28: share(o, (x) => x.activeAtEnd),
      activated: share(o, (x) => x.activated),
      reachedAtRiskOrDormant: share(o, (x) => x.reachedAtRisk),
    };
    if (arm === baseline) return r;
    const shares = (pick: (x: UserOutcome) => boolean, higherIsBetter = true) =>
      compareShares({ k: o.filter(pick).length, n: o.length }, { k: base.filter(pick).length, n: base.length }, SMALLEST_SHARE, higherIsBetter) ?? null;
    r.vsBaseline = {
      qualifiedDays:
        compareMeans(
          o.map((x) => x.qualifiedDays),
          base.map((x) => x.qualifiedDays),
          SMALLEST_DAYS,
        ) ?? null,
      activeAtDay28: shares((x) => x.activeAtEnd),
      activated: shares((x) => x.activated),
      reachedAtRiskOrDormant: shares((x) => x.reachedAtRisk, false),
    };
    r.verdict = r.vsBaseline.qualifiedDays?.verdict ?? 'not enough users yet';
    return r;
  });
  return { experiment: id, spec, windowDays: OUTCOME_DAYS, baseline, mixedUsers, arms: report };
}
