import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useHub } from './hub';

// Floating UI and the anchored card are a chunk of their own (`habitual-widget-popover.js`):
// the shell fetches it the first time a "show me" opens (the nudges' chunk imports it itself).
let loaded: FunctionComponent | undefined;
let loading: Promise<FunctionComponent> | undefined;

/** The checklist's "show me", its code fetched when one first opens; a failed fetch is reported, never thrown. */
export function LazyShowMe() {
  const [{ nudge }, hub] = useHub();
  const [ShowMe, setShowMe] = useState(() => loaded);
  useEffect(() => {
    if (!nudge || ShowMe) return;
    loading ??= import('./popover').then((m) => (loaded = m.ShowMe));
    loading.then(
      (c) => setShowMe(() => c),
      (cause: unknown) => {
        loading = undefined;
        hub.host.report({ code: 'load-failed', message: `The "show me" card did not load (${String(cause)}).`, cause });
      },
    );
  }, [!nudge]);
  return nudge && ShowMe ? <ShowMe /> : null;
}
