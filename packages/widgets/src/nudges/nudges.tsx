import { useEffect } from 'preact/hooks';
import { safeHref, type EngagementState, type NudgeItem } from '@habitual/core';
import { useHub, type ActiveNudge } from '../host/hub';
import { Popover } from '../host/popover';

const DISMISSED = 'nudges';

/** The config nudge to show now: its feature not adopted yet, or its funnel the one the user is stuck on. */
export function pickNudge(items: NudgeItem[], state: EngagementState | null, dismissed: string[]): ActiveNudge | null {
  if (!state) return null;
  for (const item of items) {
    const key = item.feature ?? item.funnel ?? item.target;
    const wanted = item.feature ? !state.totals[item.feature]?.n : !!item.funnel && state.stuck?.funnel === item.funnel;
    if (wanted && !dismissed.includes(key)) return { key, target: item.target, text: item.text, href: safeHref(item.href) };
  }
  return null;
}

/** At most one nudge on screen: a "show me" from the checklist goes first, else the config's. */
export function Nudges() {
  const [view, hub] = useHub();
  const dismissed = hub.widget<string[]>(DISMISSED) ?? [];
  const items = view.config.widgets?.nudges?.items?.filter((i) => !view.heldItem(i.feature ?? i.funnel ?? i.target));
  const nudge = view.nudge ? null : pickNudge(items ?? [], view.state, dismissed);
  useEffect(() => void (nudge && hub.count('nudge', 'shown', nudge.key)), [nudge?.key]);
  if (!nudge) return null;
  return (
    // Any click in the card but its close button is the nudge taken up (counted, never stored raw).
    // It only hears clicks bubbling from the card's own link and buttons, keyboard ones included.
    // biome-ignore lint/a11y/noStaticElementInteractions: a listener, not a control
    // biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a link or button fires click
    <div style={{ display: 'contents' }} onClick={(e) => !(e.target as Element).closest('.x') && hub.count('nudge', 'clicked', nudge.key)}>
      <Popover
        key={nudge.key}
        nudge={nudge}
        onClose={() => (hub.count('nudge', 'dismissed', nudge.key), hub.setWidget(DISMISSED, [...dismissed, nudge.key]))}
      />
    </div>
  );
}
