import { useLayoutEffect, useRef } from 'preact/hooks';
import { Checklist, useChecklist } from './checklist';
import { useHub, type PanelId } from './hub';
import type { MessageKey } from './i18n';
import { Records } from './records';
import { Reminders } from './reminders';

const PANELS = { checklist: Checklist, records: Records, reminders: Reminders };
const TAB_LABEL: Record<PanelId, MessageKey> = { checklist: 'checklistTab', records: 'records', reminders: 'reminders' };

/** The corner button and its panel for the checklist, records and reminders that are on. */
export function Launcher() {
  const [{ config, t, panel }, hub] = useHub();
  const w = config.widgets ?? {};
  const checklist = useChecklist(!!w.checklist?.enabled);
  const button = useRef<HTMLButtonElement>(null);
  // A completed checklist has celebrated and gets out of the way.
  const tabs = (['checklist', 'records', 'reminders'] as const).filter(
    (id) => w[id]?.enabled && !(id === 'checklist' && (checklist.celebrated || !checklist.items.length)),
  );
  if (!tabs.length) return null;
  const open = panel && tabs.includes(panel) ? panel : null;
  const close = () => {
    hub.set({ panel: null, nudge: null });
    button.current?.focus();
  };
  const label = tabs[0] === 'checklist' ? `${w.checklist?.title ?? t('checklist')} ${checklist.done.length}/${checklist.items.length}` : t('progress');
  return (
    <>
      <button ref={button} class="launcher fixed" aria-expanded={!!open} onClick={() => (open ? close() : hub.set({ panel: tabs[0] }))}>
        {label}
      </button>
      {open && <Panel tabs={tabs} open={open} onClose={close} />}
    </>
  );
}

function Panel({ tabs, open, onClose }: { tabs: PanelId[]; open: PanelId; onClose(): void }) {
  const [{ t }, hub] = useHub();
  const ref = useRef<HTMLDivElement>(null);
  const focused = useRef<Element | null>(null);
  useLayoutEffect(() => ref.current?.focus(), []);
  // A focused control that goes away (a "show me" whose item just completed) hands focus
  // to the panel instead of dropping it on the page, so Escape and Tab keep working.
  useLayoutEffect(() => {
    if (focused.current && !focused.current.isConnected) ref.current?.focus();
  });
  const Body = PANELS[open];
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
      aria-label={t(TAB_LABEL[open])}
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
                {t(TAB_LABEL[id])}
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
