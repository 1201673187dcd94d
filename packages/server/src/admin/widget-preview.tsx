import type { HabitualConfig } from '@habitual/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { SAMPLES, type Sample } from './preview/samples';

/**
 * The real widgets, rendered for the draft config and a sample user, in a frame of the
 * collector's own (/admin/preview): they run on core's engine as on a customer's page, and
 * cannot touch the dashboard. The draft goes over by postMessage, same origin only.
 */
export function WidgetPreview({ config, valid }: { config: HabitualConfig; valid: boolean }) {
  const [sample, setSample] = useState<Sample>('new');
  const [ready, setReady] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin === location.origin && e.source === frame.current?.contentWindow && e.data?.previewReady) setReady(true);
    };
    addEventListener('message', onMessage);
    return () => removeEventListener('message', onMessage);
  }, []);
  const key = JSON.stringify(config);
  useEffect(() => {
    if (!ready || !valid) return;
    // Typing in the JSON changes the draft on every key: preview what it settles on.
    const timer = setTimeout(() => frame.current?.contentWindow?.postMessage({ config, sample }, location.origin), 300);
    return () => clearTimeout(timer);
  }, [ready, valid, sample, key]);
  return (
    <section data-testid="preview">
      <h2>Live preview</h2>
      <label>
        Show the widgets as{' '}
        <select name="sample" value={sample} onChange={(e) => setSample((e.target as HTMLSelectElement).value as Sample)}>
          {Object.entries(SAMPLES).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {!valid && <p class="muted">The preview waits until the config has no problems.</p>}
      <iframe ref={frame} class="preview-frame" src="/admin/preview" title="Preview of the widgets with the draft config" />
    </section>
  );
}
