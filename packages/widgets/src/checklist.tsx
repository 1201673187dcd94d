import { useEffect } from 'preact/hooks';
import type { ChecklistItem, EngagementState } from '@habitual/core';
import { useHub } from './hub';

export const isItemDone = (item: ChecklistItem, state: EngagementState | null): boolean =>
  !!state &&
  ((!!item.event && (state.totals[item.event]?.n ?? 0) >= (item.count ?? 1)) || (!!item.milestone && state.milestones.some((m) => m.id === item.milestone)));

/** Items and progress of the configured checklist; `celebrate` raises the one-time toast on completion. */
export function useChecklist(celebrate: boolean) {
  const [{ config, state, t }, hub] = useHub();
  const items = config.widgets?.checklist?.items ?? [];
  const done = items.filter((item) => isItemDone(item, state));
  const celebrated = !!hub.widget<{ celebrated?: boolean }>('checklist')?.celebrated;
  const complete = items.length > 0 && done.length === items.length;
  useEffect(() => {
    // Once, ever: the cache in setWidget makes a second checklist on the page see it at once.
    if (celebrate && complete && !hub.widget<{ celebrated?: boolean }>('checklist')?.celebrated) {
      hub.setWidget('checklist', { celebrated: true });
      hub.toast({ id: 'checklist', title: t('checklistDone') });
    }
  }, [celebrate, complete]);
  return { items, done, celebrated };
}

export function Checklist() {
  const [{ t, config }, hub] = useHub();
  const { items, done } = useChecklist(true);
  const title = config.widgets?.checklist?.title ?? t('checklist');

  const pct = items.length ? Math.round((done.length / items.length) * 100) : 0;
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
                {item.label}
                <span class="sr"> ({t(ok ? 'done' : 'todo')})</span>
              </span>
              {!ok && item.target && (
                <button
                  onClick={(e) =>
                    hub.set({
                      nudge: {
                        key: `checklist:${item.id}`,
                        target: item.target!,
                        text: item.help ?? item.label,
                        opener: e.currentTarget as HTMLElement,
                      },
                    })
                  }
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
