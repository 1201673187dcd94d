import type { ResolvedConfig } from '../config/resolve-config';
import type { FeatureIndex } from './feature-index';
import type { EngagementState, NextStep } from './types';

/**
 * The one thing to suggest: the funnel step the user is stuck on, else the first open
 * checklist item, else the next activation step, else the unused key feature that would
 * close the largest part of the breadth gap (largest weight; config order breaks ties).
 */
export function nextStep(
  s: Pick<EngagementState, 'stuck' | 'activation' | 'checklist'>,
  keyUsed: ArrayLike<boolean | number>,
  rc: ResolvedConfig,
  fx: FeatureIndex,
): NextStep | undefined {
  if (s.stuck) {
    const f = rc.funnels.find((x) => x.id === s.stuck!.funnel)!;
    return { kind: 'stuck', id: f.id, label: f.label, ...(f.help ? { help: f.help } : {}) };
  }
  const item = rc.checklist[s.checklist.findIndex((c) => !c.done)];
  if (item) return { kind: 'checklist', id: item.id, label: item.label };
  const open = s.activation.steps.findIndex((x) => x.reachedOn === undefined);
  if (open >= 0) {
    const a = rc.activation[open];
    return { kind: 'activation', id: a.event, label: a.label };
  }
  let best = -1;
  for (let i = 0; i < fx.keyNames.length; i++) {
    if (!keyUsed[i] && fx.keyWeights[i] > 0 && (best < 0 || fx.keyWeights[i] > fx.keyWeights[best])) best = i;
  }
  if (best < 0) return undefined;
  const name = fx.keyNames[best];
  return { kind: 'feature', id: name, label: rc.features[name].label };
}
