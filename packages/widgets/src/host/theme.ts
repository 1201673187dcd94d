import { useEffect } from 'preact/hooks';
import { useHub } from './hub';

/** Applies `widgets.theme` (only `--habitual-*` custom properties) to a widget host. */
export function useTheme(host: HTMLElement) {
  const [{ config }] = useHub();
  const theme = config.widgets?.theme ?? {};
  const key = JSON.stringify(theme);
  useEffect(() => {
    const names = Object.keys(theme).filter((name) => name.startsWith('--habitual-'));
    for (const name of names) host.style.setProperty(name, String(theme[name]));
    return () => names.forEach((name) => host.style.removeProperty(name));
  }, [host, key]);
}
