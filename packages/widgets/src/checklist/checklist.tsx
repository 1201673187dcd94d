import { useEffect } from 'preact/hooks';
import { useHub } from '../host/hub';
import { useCountDone } from './count-done';

/**
 * Items and progress of the configured checklist, done as the engine says (`state.checklist`);
 * `celebrate` raises the one-time toast on completion.
 */
export function useChecklist(celebrate: boolean) {
  const [{ config, state, t, fits, heldItem }, hub] = useHub();
  // Until the engine has a state there is no progress to show; items whose `when` fails, or
  // that an experiment holds this user out of, are not this user's.
  const items = state ? (config.widgets?.checklist?.items ?? []).filter((item) => fits(item.when) && !heldItem(item.id)) : [];
  const done = items.filter((item) => state?.checklist.some((c) => c.id === item.id && c.done));
  const celebrated = !!hub.widget<{ celebrated?: boolean }>('checklist')?.celebrated;
  const complete = items.length > 0 && done.length === items.length;
  useCountDone(hub, done, celebrate);
  useEffect(() => {
    // Once, ever, and only once it is on screen: the budget may hold it back past a reload, and
    // a later page load the same day raises it again (a second checklist on the page raises the
    // same toast). A celebration a day late is stale: the next day it is dropped, unshown.
    const saved = hub.widget<{ celebrated?: boolean; owedOn?: string }>('checklist');
    if (celebrate && complete && !saved?.celebrated) {
      const today = hub.view().today;
      const keep = (patch: object) => hub.setWidget('checklist', { ...hub.widget<object>('checklist'), ...patch });
      if (saved?.owedOn && saved.owedOn < today) return void keep({ celebrated: true });
      if (!saved?.owedOn) keep({ owedOn: today });
      hub.toast({ id: 'checklist', title: t('checklistDone'), widget: 'checklist', once: true, onShow: () => keep({ celebrated: true }) });
    }
  }, [celebrate, complete]);
  return { items, done, celebrated };
}

/** The checklist; with no items (none configured, a rejected config, no state yet) it renders nothing. */
export function Checklist() {
  const [{ t, tx, config }, hub] = useHub();
  const { items, done } = useChecklist(true);
  useEffect(() => void (items.length && hub.count('checklist', 'shown')), [!items.length]);
  if (!items.length) return null;
  const title = tx(config.widgets?.checklist?.title) || t('checklist');
  const pct = Math.round((done.length / items.length) * 100);
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <p class="mu">{t('itemsDone', { done: done.length, total: items.length })}</p>
      <div class="bar" role="progressbar" aria-label={title} aria-valuemin={0} aria-valuemax={items.length} aria-valuenow={done.length}>
        <i style={{ width: `${pct}%` }} />
      </div>
      <ul class="items">
        {items.map((item) => {
          const ok = done.includes(item);
          return (
            <li key={item.id} class={ok ? 'ok' : ''} data-item={item.id}>
              <i class="check" aria-hidden="true" />
              <span>
                {tx(item.label)}
                <span class="sr"> ({t(ok ? 'done' : 'todo')})</span>
              </span>
              {!ok && item.target && (
                <button
                  onClick={(e) => (
                    hub.count('checklist', 'clicked', item.id),
                    hub.set({
                      nudge: {
                        key: `checklist:${item.id}`,
                        target: item.target!,
                        text: tx(item.help ?? item.label),
                        opener: e.currentTarget as HTMLElement,
                      },
                    })
                  )}
                >
                  {t('showMe')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
