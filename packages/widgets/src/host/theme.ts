import { useEffect } from 'preact/hooks';
import { fitContrast } from './contrast';
import { useHub } from './hub';

/**
 * Applies `widgets.theme` (only `--habitual-*` custom properties) to a widget host, then fits
 * the text colours on and of the accent for contrast, again whenever the colour scheme changes.
 */
export function useTheme(host: HTMLElement) {
  const [{ config }] = useHub();
  const theme = config.widgets?.theme ?? {};
  const key = JSON.stringify(theme);
  useEffect(() => {
    const names = Object.keys(theme).filter((name) => name.startsWith('--habitual-'));
    for (const name of names) host.style.setProperty(name, String(theme[name]));
    const fit = () => fitContrast(host);
    fit();
    const scheme = host.ownerDocument.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
    scheme?.addEventListener?.('change', fit);
    return () => {
      scheme?.removeEventListener?.('change', fit);
      for (const name of [...names, '--on', '--at']) host.style.removeProperty(name);
    };
  }, [host, key]);
}
