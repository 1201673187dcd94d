import { useEffect, useRef } from 'preact/hooks';
import { anchor } from './anchor';
import { boxOf } from './controls';
import { useHub, type ActiveNudge, type Hub } from './hub';
import { watchTarget } from './watch-target';

// Selectors already reported as missing, per mount: each is said once.
const said = new WeakMap<Hub, Set<string>>();

/**
 * A card anchored on its target element (in the page or an open shadow root), shown while
 * the target is there: it waits for a late one, follows it across route changes, and says
 * once through `onError` when it never came. Only a "show me" the user asked for takes focus.
 */
export function Popover({ nudge, onClose }: { nudge: ActiveNudge; onClose(): void }) {
  const [{ t }, hub] = useHub();
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const floating = ref.current!;
    const root = floating.getRootNode() as ShadowRoot;
    // Our other surfaces, which the card keeps clear of.
    const ours = () =>
      [...root.querySelectorAll<HTMLElement>('.fixed,.toasts,.nudge')]
        .filter((el) => el !== floating && !el.hidden && !el.hasAttribute('data-yield') && !el.style.visibility)
        .map(boxOf);
    floating.hidden = true;
    let stop = () => {};
    let focus = !!nudge.opener;
    const missing = () => {
      const set = said.get(hub) ?? new Set();
      said.set(hub, set);
      if (set.has(nudge.target)) return;
      set.add(nudge.target);
      hub.host.report({
        code: 'target-missing',
        selector: nudge.target,
        message: `Nudge target "${nudge.target}" was not found on the page; check the selector.`,
      });
    };
    const unwatch = watchTarget(
      hub.doc,
      nudge.target,
      (target) => {
        stop();
        stop = () => {};
        floating.hidden = !target;
        if (!target) return;
        if (focus) {
          focus = false;
          target.scrollIntoView?.({ block: 'nearest' });
          closeRef.current?.focus();
        }
        stop = anchor(target, floating, ours, !!nudge.opener);
      },
      missing,
    );
    return () => (unwatch(), stop());
  }, [nudge.target]);
  return (
    <div
      ref={ref}
      hidden
      class="card nudge"
      role="dialog"
      aria-label={nudge.text}
      data-nudge={nudge.key}
      data-habitual-interruptive={nudge.opener ? undefined : ''}
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
    // After the render: on a phone the sheet holding the opener is back only then.
    setTimeout(() => nudge.opener?.focus());
  };
  return <Popover key={nudge.key} nudge={nudge} onClose={close} />;
}
