import { useLayoutEffect } from 'preact/hooks';
import { isEnabled, WIDGETS } from '../registry';
import { useHub } from './hub';
import { Launcher } from './launcher';
import { startPlacer } from './placer';
import { LazyShowMe } from './lazy-show-me';
import { useTheme } from './theme';
import { Toasts } from './toasts';
import { viewCount, viewOf } from './load-views';

/**
 * Everything the page-level host shows; each widget follows its `enabled` flag live. The
 * launcher comes last: its tab stop is the last of ours, as ours come after the page's.
 */
export function Overlay({ host }: { host: HTMLElement }) {
  const [{ locale, dir, on, config }] = useHub();
  useTheme(host);
  useLayoutEffect(() => startPlacer(host.shadowRoot!), [host]);
  return (
    <div lang={locale} dir={dir}>
      {WIDGETS.map(({ id }) => {
        const view = viewOf(id);
        const Body = view?.Overlay;
        return Body && (on(id) || (view.asked && isEnabled(config, id))) ? <Body key={id} /> : null;
      })}
      <Toasts />
      <LazyShowMe />
      {/* Keyed by the views here: each panel view's tab hook runs on every render, so a new one remounts it. */}
      <Launcher key={viewCount()} />
    </div>
  );
}
