import { useEffect } from 'preact/hooks';
import { useHub, type Toast } from './hub';
import { useSlot } from './slot';

/** The live region every toast is announced through; it exists before any toast does. */
export function Toasts() {
  const [{ toasts }] = useHub();
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <ToastSlot key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

/** A toast waits for its turn in the attention budget. */
function ToastSlot({ toast }: { toast: Toast }) {
  const [, hub] = useHub();
  return useSlot(`toast:${toast.id}`, hub.priority(toast.widget)) ? <ToastCard toast={toast} /> : null;
}

function ToastCard({ toast }: { toast: Toast }) {
  const [{ t }, hub] = useHub();
  // Closed by the user (× or an action) it is marked, and × starts the budget's cooldown.
  const close = (mark?: 'dismissed' | 'done') => {
    if (mark) hub.attention.mark(`toast:${toast.id}`, mark);
    hub.set({ toasts: hub.view().toasts.filter((x) => x !== toast) });
    toast.onClose?.();
  };
  // Plain celebrations leave by themselves; toasts with something to do wait for the user.
  const lingers = !!(toast.lingers || toast.actions);
  useEffect(() => {
    toast.onShow?.();
    if (lingers) return;
    const id = setTimeout(() => close(), 8000);
    return () => clearTimeout(id);
  }, []);
  return (
    <div class="card toast" data-toast={toast.id} data-habitual-interruptive>
      <div class="row">
        <strong>{toast.title}</strong>
        <button class="x" aria-label={t('close')} onClick={() => close('dismissed')}>
          ×
        </button>
      </div>
      {toast.body && <p>{toast.body}</p>}
      {toast.content}
      {toast.actions && (
        <div class="acts">
          {toast.actions.map((a) => (
            <button key={a.label} onClick={() => (a.run(), close('done'))}>
              {a.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
