import { localText, safeHref, type EngagementState, type NudgeItem, type Text } from '@habitual/core';
import { useHub, type ActiveNudge } from '../host/hub';
import { Popover } from '../host/popover';

const DISMISSED = 'nudges';

/**
 * The config nudge to show now: its feature not adopted yet, or its funnel the one the user is
 * stuck on; its text in the user's language (`tx`).
 */
export function pickNudge(
  items: NudgeItem[],
  state: EngagementState | null,
  dismissed: string[],
  tx: (text: Text) => string = (text) => localText(text) ?? '',
): ActiveNudge | null {
  if (!state) return null;
  for (const item of items) {
    const key = item.feature ?? item.funnel ?? item.target;
    const wanted = item.feature ? !state.totals[item.feature]?.n : !!item.funnel && state.stuck?.funnel === item.funnel;
    if (wanted && !dismissed.includes(key)) return { key, target: item.target, text: tx(item.text), href: safeHref(item.href) };
  }
  return null;
}

/** At most one nudge on screen: a "show me" from the checklist goes first, else the config's. */
export function Nudges() {
  const [view, hub] = useHub();
  const dismissed = hub.widget<string[]>(DISMISSED) ?? [];
  const nudge = view.nudge ? null : pickNudge(view.config.widgets?.nudges?.items ?? [], view.state, dismissed, view.tx);
  if (!nudge) return null;
  return <Popover key={nudge.key} nudge={nudge} onClose={() => hub.setWidget(DISMISSED, [...dismissed, nudge.key])} />;
}
