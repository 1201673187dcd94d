import { useEffect, useRef } from 'preact/hooks';
import type { EngagementState, NudgeItem } from '@habitual/core';
import { anchor, whenPresent } from './anchor';
import { useHub, type ActiveNudge } from './hub';
import { safeHref } from './safe-href';

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

/** At most one nudge on screen: a "show me" from the checklist first, else the config's. */
export function Nudges() {
  const [view, hub] = useHub();
  const w = view.config.widgets?.nudges;
  const dismissed = hub.widget<string[]>(DISMISSED) ?? [];
  const nudge = view.nudge ?? (w?.enabled ? pickNudge(w.items ?? [], view.state, dismissed) : null);
  if (!nudge) return null;
  const close = () => {
    if (nudge.opener) {
      hub.set({ nudge: null });
      nudge.opener.focus();
    } else hub.setWidget(DISMISSED, [...dismissed, nudge.key]);
  };
  return <Nudge key={nudge.key} nudge={nudge} onClose={close} />;
}

function Nudge({ nudge, onClose }: { nudge: ActiveNudge; onClose(): void }) {
  const [{ t }] = useHub();
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const floating = ref.current!;
    floating.hidden = true;
    let stop = () => {};
    const cancel = whenPresent(floating.ownerDocument, nudge.target, (target) => {
      floating.hidden = false;
      if (nudge.opener) {
        target.scrollIntoView?.({ block: 'nearest' });
        closeRef.current?.focus();
      }
      stop = anchor(target, floating);
    });
    return () => (cancel(), stop());
  }, [nudge.target]);
  return (
    <div
      ref={ref}
      hidden
      class="card nudge"
      role="dialog"
      aria-label={nudge.text}
      data-nudge={nudge.key}
      onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}
    >
      <div class="row">
        <span>{nudge.text}</span>
        <button ref={closeRef} class="x" aria-label={t('dismiss')} onClick={onClose}>
          ×
        </button>
      </div>
      {nudge.href && (
        <a href={nudge.href} target="_blank" rel="noopener">
          {t('learnMore')}
        </a>
      )}
    </div>
  );
}
