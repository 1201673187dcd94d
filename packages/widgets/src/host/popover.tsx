import { useEffect, useRef } from 'preact/hooks';
import { anchor, whenPresent } from './anchor';
import { useHub, type ActiveNudge } from './hub';

/** A card anchored on its target element, shown once the target exists. */
export function Popover({ nudge, onClose }: { nudge: ActiveNudge; onClose(): void }) {
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

/** The checklist's "show me": focus moves in, and back to the opener on close. */
export function ShowMe() {
  const [{ nudge }, hub] = useHub();
  if (!nudge) return null;
  const close = () => {
    hub.set({ nudge: null });
    nudge.opener?.focus();
  };
  return <Popover key={nudge.key} nudge={nudge} onClose={close} />;
}
