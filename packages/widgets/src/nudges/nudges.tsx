import { useEffect } from 'preact/hooks';
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
  const items = view.config.widgets?.nudges?.items?.filter((i) => !view.heldItem(i.feature ?? i.funnel ?? i.target));
  const nudge = view.nudge ? null : pickNudge(items ?? [], view.state, dismissed, view.fits, view.tx);
  const shown = useSlot(nudge && markKey(nudge.key), hub.priority('nudges'));
  // Counted when it is on screen: the budget may hold a picked nudge back.
  useEffect(() => void (nudge && shown && hub.count('nudge', 'shown', nudge.key)), [nudge?.key, shown]);
  if (!nudge || !shown) return null;
  return (
    // Any click in the card but its close button is the nudge taken up (counted, never stored raw).
    // It only hears clicks bubbling from the card's own link and buttons, keyboard ones included.
    // biome-ignore lint/a11y/noStaticElementInteractions: a listener, not a control
    // biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a link or button fires click
    <div style={{ display: 'contents' }} onClick={(e) => !(e.target as Element).closest('.x') && hub.count('nudge', 'clicked', nudge.key)}>
      <Popover
        key={nudge.key}
        nudge={nudge}
        onClose={() => (hub.count('nudge', 'dismissed', nudge.key), hub.attention.mark(markKey(nudge.key), 'dismissed'))}
      />
    </div>
  );
}
