import { WIDGETS } from '../registry';
import { useHub } from './hub';
import { Launcher } from './launcher';
import { ShowMe } from './popover';
import { useTheme } from './theme';
import { Toasts } from './toasts';
import { viewCount, viewOf } from './load-views';

/** Everything the page-level host shows; each widget follows its `enabled` flag live. */
export function Overlay({ host }: { host: HTMLElement }) {
  const [{ locale, dir, on }] = useHub();
  useTheme(host);
  return (
    <div lang={locale} dir={dir}>
      {WIDGETS.map(({ id }) => {
        const Body = viewOf(id)?.Overlay;
        return Body && on(id) ? <Body key={id} /> : null;
      })}
      {/* Keyed by the views here: each panel view's tab hook runs on every render, so a new one remounts it. */}
      <Launcher key={viewCount()} />
      <Toasts />
      <ShowMe />
    </div>
  );
}
