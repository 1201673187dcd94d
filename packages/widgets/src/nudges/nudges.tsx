import { localText, safeHref, type EngagementState, type NudgeItem, type Text } from '@habitual/core';
import { useHub, type ActiveNudge } from '../host/hub';
import { Popover } from '../host/popover';
import { useSlot } from '../host/slot';

/** Dismissals from before the attention record (a list of nudge keys); still honoured. */
const DISMISSED = 'nudges';
const markKey = (key: string) => `nudges:${key}`;

/**
 * The config nudge to show now: its `when` holds and its feature is not adopted yet, or its
 * funnel is the one the user is stuck on; not dismissed; its text in the user's language (`tx`).
 */
export function pickNudge(
  items: NudgeItem[],
  state: EngagementState | null,
  dismissed: (key: string) => boolean,
  fits: (when: NudgeItem['when']) => boolean = () => true,
  tx: (text: Text) => string = (text) => localText(text) ?? '',
): ActiveNudge | null {
  if (!state) return null;
  for (const item of items) {
    const key = item.feature ?? item.funnel ?? item.target;
    const wanted = item.feature ? !state.totals[item.feature]?.n : !!item.funnel && state.stuck?.funnel === item.funnel;
    if (wanted && !dismissed(key) && fits(item.when)) return { key, target: item.target, text: tx(item.text), href: safeHref(item.href) };
  }
  return null;
}

/**
 * At most one config nudge, when the attention budget grants it; none while a "show me"
 * from the checklist is open. A dismissal holds on every tab and device (the attention record).
 */
export function Nudges() {
  const [view, hub] = useHub();
  const legacy = hub.widget<string[]>(DISMISSED) ?? [];
  const dismissed = (key: string) => legacy.includes(key) || !!hub.attention.marked(markKey(key))?.dismissed;
  const nudge = view.nudge ? null : pickNudge(view.config.widgets?.nudges?.items ?? [], view.state, dismissed, view.fits, view.tx);
  const shown = useSlot(nudge && markKey(nudge.key), hub.priority('nudges'));
  if (!nudge || !shown) return null;
  return <Popover key={nudge.key} nudge={nudge} onClose={() => hub.attention.mark(markKey(nudge.key), 'dismissed')} />;
}
