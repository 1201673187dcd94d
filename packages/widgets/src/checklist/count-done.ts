import { useEffect } from 'preact/hooks';
import type { ChecklistItem } from '@habitual/core';
import type { Hub } from '../host/hub';

/**
 * Counts each item the first time it is seen done (`hb:checklist.<id>.done`), once per
 * user and device: the ids counted are kept in the checklist's widget state.
 */
export function useCountDone(hub: Hub, done: ChecklistItem[], on: boolean) {
  const ids = done.map((i) => i.id);
  useEffect(() => {
    const saved = hub.widget<{ counted?: string[] }>('checklist') ?? {};
    const fresh = ids.filter((id) => !saved.counted?.includes(id));
    if (!on || !fresh.length) return;
    for (const id of fresh) hub.count('checklist', 'done', id);
    hub.setWidget('checklist', { ...saved, counted: [...(saved.counted ?? []), ...fresh] });
  }, [on, ids.join()]);
}
