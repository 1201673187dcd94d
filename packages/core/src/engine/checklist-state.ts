import type { ResolvedConfig } from '../config/resolve-config';
import type { FeatureCount } from '../rollup/day-rollup';
import type { ChecklistItemState } from './types';

/**
 * The one checklist-done rule: an item is done once its event has been used `count` times
 * in all, or once its milestone is reached. The next step and the checklist widget read it.
 */
export function checklistState(
  items: ResolvedConfig['checklist'],
  totals: Record<string, FeatureCount>,
  reachedMilestones: Record<string, unknown>,
): ChecklistItemState[] {
  return items.map((it) => ({
    id: it.id,
    done: (it.event !== undefined && (totals[it.event]?.n ?? 0) >= it.count) || (it.milestone !== undefined && it.milestone in reachedMilestones),
  }));
}
