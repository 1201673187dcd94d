import { useLayoutEffect, useRef } from 'preact/hooks';
import { WIDGETS, type WidgetId } from '../registry';
import { useHub } from './hub';
import { viewOf } from './load-views';

/** The corner button and its panel for the widgets with a panel that are on (and whose view is here). */
export function Launcher() {
  const [{ t, panel, on }, hub] = useHub();
  const button = useRef<HTMLButtonElement>(null);
  // Every loaded panel widget's tab hook runs on every render (a fixed list while the
  // overlay keys this by the views loaded, so hook order holds).
  const tabs: WidgetId[] = [];
  let first: string | undefined;
  for (const { id } of WIDGETS) {
    const view = viewOf(id);
    if (!view?.Panel) continue;
    const tab = view.useTab?.(on(id)) ?? { hidden: false };
    if (!on(id) || tab.hidden) continue;
    if (!tabs.length) first = tab.button;
    tabs.push(id);
  }
  if (!tabs.length) return null;
  const open = panel && tabs.includes(panel) ? panel : null;
  const close = () => {
    hub.set({ panel: null, nudge: null });
    button.current?.focus();
  };
  return (
    <>
      <button ref={button} class="launcher fixed" aria-expanded={!!open} onClick={() => (open ? close() : hub.set({ panel: tabs[0] }))}>
        {first ?? t('progress')}
      </button>
      {open && <Panel tabs={tabs} open={open} onClose={close} />}
    </>
  );
}

function Panel({ tabs, open, onClose }: { tabs: WidgetId[]; open: WidgetId; onClose(): void }) {
  const [{ t }, hub] = useHub();
  const ref = useRef<HTMLDivElement>(null);
  const focused = useRef<Element | null>(null);
  useLayoutEffect(() => ref.current?.focus(), []);
  // A focused control that goes away (a "show me" whose item just completed) hands focus
  // to the panel instead of dropping it on the page, so Escape and Tab keep working.
  useLayoutEffect(() => {
    if (focused.current && !focused.current.isConnected) ref.current?.focus();
  });
  const Body = viewOf(open)!.Panel!;
  const name = (id: WidgetId) => t(viewOf(id)!.tab!);
  const select = (i: number) => {
    const id = tabs[(i + tabs.length) % tabs.length];
    hub.set({ panel: id });
    (ref.current?.querySelector(`[data-tab=${id}]`) as HTMLElement | null)?.focus();
  };
  return (
    <div
      ref={ref}
      class="card fixed panel"
      role="dialog"
      aria-label={name(open)}
      tabIndex={-1}
      onFocusIn={(e) => (focused.current = e.target as Element)}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div class="row">
        {tabs.length > 1 ? (
          <div class="tabs" role="tablist">
            {tabs.map((id, i) => (
              <button
                key={id}
                role="tab"
                data-tab={id}
                aria-selected={id === open}
                tabIndex={id === open ? 0 : -1}
                onClick={() => hub.set({ panel: id })}
                onKeyDown={(e) => (e.key === 'ArrowRight' ? select(i + 1) : e.key === 'ArrowLeft' ? select(i - 1) : 0)}
              >
                {name(id)}
              </button>
            ))}
          </div>
        ) : (
          <span />
        )}
        <button class="x" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div role={tabs.length > 1 ? 'tabpanel' : undefined}>
        <Body />
      </div>
    </div>
  );
}
