import type { HabitualConfig } from '../config/types';
import { resolveConfig } from '../config/resolve-config';
import type { DayRollup } from '../rollup/day-rollup';
import { dayIndex, todayKey } from './day-keys';
import { toDays } from './engine-day';
import { featureIndex } from './feature-index';
import { finishState, type PrevState } from './finish-state';
import { buildHistory } from './history';
import type { EngagementState } from './types';

/**
 * The engagement state of one user from their day rollups: pure and deterministic.
 *
 * Rollups may come in any order and several per day (one per device); they are summed.
 * "Today" is the local date of `now` in `timeZone`, or the latest stored day if that is
 * later: after flying west a user's newest record can be "tomorrow", and travel must not
 * drop or rewrite a day already recorded.
 *
 * Throws (once, clearly, naming the field) when the config is invalid.
 */
export function computeState(rollups: readonly DayRollup[], config: HabitualConfig, now: number, timeZone: string, prev?: PrevState): EngagementState {
  const rc = resolveConfig(config);
  const fx = featureIndex(rc);
  const days = toDays(rollups);
  let T = dayIndex(todayKey(now, timeZone));
  if (days.length && days[days.length - 1].idx > T) T = days[days.length - 1].idx;
  const last = days[days.length - 1];
  const today = last && last.idx === T ? last : undefined;
  return finishState(buildHistory(days, T, rc, fx), today, rc, fx, prev);
}
