import { WIDGETS, type WidgetId } from '../registry';
import { addMessages } from './i18n';
import { VIEWS } from './views';
import type { WidgetView } from './widget-view';

// Loaded views outlive a mount, as the custom elements and the stylesheet do: one set per page.
const loaded = new Map<WidgetId, WidgetView>();
const inFlight = new Set<WidgetId>();
const listeners = new Set<() => void>();
let loading: Promise<unknown> = Promise.resolve();

/** The view of widget `id` once its chunk has arrived; until then the widget renders nothing. */
export const viewOf = (id: WidgetId): WidgetView | undefined => loaded.get(id);

/** How many views have arrived: changes exactly when the set of views does (they never leave). */
export const viewCount = (): number => loaded.size;

/** The loaded views' own CSS, in registry order. */
export const viewsCss = (): string => WIDGETS.map((w) => loaded.get(w.id)?.css ?? '').join('');

/** Calls `fn` after each batch of views has arrived (`mountShadow` listens from import, so styles go first). */
export function onViews(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Settles once every load started so far has settled. */
export const viewsLoading = (): Promise<void> => loading.then(() => {});

/**
 * Loads the views of `ids` that are not here yet, in one batch: they appear together and
 * after their styles, so nothing shows unstyled or one launcher tab at a time. Never
 * rejects: it resolves with the loads that failed (`[id, cause]`), tried again next call.
 */
export function loadViews(ids: Iterable<WidgetId>, loaders: Record<WidgetId, () => Promise<WidgetView>> = VIEWS): Promise<Array<[WidgetId, unknown]>> {
  const missing = [...new Set(ids)].filter((id) => !loaded.has(id) && !inFlight.has(id));
  if (!missing.length) return Promise.resolve([]);
  for (const id of missing) inFlight.add(id);
  const batch = Promise.all(
    missing.map((id) =>
      Promise.resolve()
        .then(loaders[id])
        .then(
          (view) => ({ id, view }),
          (cause: unknown) => ({ id, cause }),
        ),
    ),
  ).then((results) => {
    const failed: Array<[WidgetId, unknown]> = [];
    for (const r of results) {
      inFlight.delete(r.id);
      if ('view' in r) {
        if (r.view.messages) addMessages(r.view.messages);
        loaded.set(r.id, r.view);
      } else failed.push([r.id, r.cause]);
    }
    if (failed.length < results.length) for (const fn of listeners) fn();
    return failed;
  });
  loading = Promise.all([loading, batch]);
  return batch;
}
