import { WIDGETS } from '../registry';
import { useHub } from './hub';
import { Launcher } from './launcher';
import { ShowMe } from './popover';
import { useTheme } from './theme';
import { Toasts } from './toasts';
import { VIEWS } from './views';

/** Everything the page-level host shows; each widget follows its `enabled` flag live. */
export function Overlay({ host }: { host: HTMLElement }) {
  const [{ locale, dir, on }] = useHub();
  useTheme(host);
  return (
    <div lang={locale} dir={dir}>
      {WIDGETS.map(({ id }) => {
        const Body = VIEWS[id].Overlay;
        return Body && on(id) ? <Body key={id} /> : null;
      })}
      <Launcher />
      <Toasts />
      <ShowMe />
    </div>
  );
}
