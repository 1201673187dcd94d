import { useEffect, useState } from 'preact/hooks';
import { useHub, type Toast } from './hub';
import { sharePayload } from './share';

/** The live region every toast is announced through; it exists before any toast does. */
export function Toasts() {
  const [{ toasts }] = useHub();
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <ToastCard key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  const [{ t, fmt, config }, hub] = useHub();
  const [status, setStatus] = useState('');
  const m = toast.milestone;
  const targets = m ? (config.widgets?.rewards?.share ?? []) : [];
  const close = () => {
    hub.set({ toasts: hub.view().toasts.filter((x) => x !== toast) });
    toast.onClose?.();
  };
  // Plain celebrations leave by themselves; toasts with something to do wait for the user.
  const lingers = !!(m || toast.actions);
  useEffect(() => {
    if (lingers) return;
    const id = setTimeout(close, 8000);
    return () => clearTimeout(id);
  }, []);
  const text = m ? t('shareText', { title: m.title }) : toast.title;
  const when = m ? fmt.day(m.day, { dateStyle: 'long' }) : '';
  const share = (target: 'slack' | 'discord') =>
    hub.host.share(sharePayload(target, text, m!, when)).then(
      () => setStatus(t('shared')),
      () => setStatus(t('shareFailed')),
    );
  const copy = () =>
    // Without a secure context there is no clipboard: the promise turns that into a message.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(`🎉 ${text}\n${when}`))
      .then(
        () => setStatus(t('copied')),
        () => setStatus(t('shareFailed')),
      );

  return (
    <div class="card toast" data-toast={toast.id}>
      <div class="row">
        <strong>{m ? `🎉 ${t('milestone')}` : toast.title}</strong>
        <button class="x" aria-label={t('close')} onClick={close}>
          ×
        </button>
      </div>
      {m && <p>{m.title}</p>}
      {toast.body && <p>{toast.body}</p>}
      {(m || toast.actions) && (
        <div class="acts">
          {targets.map((target) => (
            <button key={target} data-share={target} onClick={() => share(target)}>
              {t(target === 'slack' ? 'shareSlack' : 'shareDiscord')}
            </button>
          ))}
          {m && <button onClick={copy}>{t('copy')}</button>}
          {toast.actions?.map((a) => (
            <button key={a.label} onClick={() => (a.run(), close())}>
              {a.label}
            </button>
          ))}
        </div>
      )}
      {status && <p class="mu">{status}</p>}
    </div>
  );
}
