import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ApiError } from './api';

export interface ConfirmDialogProps {
  title: string;
  children: ComponentChildren;
  /** The confirming button's words: what will happen ("Forget this user", "Publish version 4"). */
  confirm: string;
  /** The cancelling button's words. @default 'Cancel' */
  cancel?: string;
  /** Styles the confirming button as destructive. @default false */
  danger?: boolean;
  /** Does the thing; a rejection (an `ApiError`) is shown in the dialog, which stays open. */
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** A modal confirmation (the platform's <dialog>: focus kept inside, Escape cancels) before a change that cannot simply be taken back. */
export function ConfirmDialog({ title, children, confirm, cancel = 'Cancel', danger = false, onConfirm, onClose }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => dialog?.close?.();
  }, []);
  async function run() {
    setBusy(true);
    try {
      await onConfirm();
    } catch (e) {
      setError((e as ApiError).error ?? String(e));
      setBusy(false);
    }
  }
  return (
    <dialog ref={ref} aria-labelledby={id} data-testid="confirm-dialog" onCancel={onClose}>
      <h2 id={id}>{title}</h2>
      {children}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p>
        <button type="button" class={danger ? 'danger' : 'primary'} data-testid="confirm" disabled={busy} onClick={run}>
          {confirm}
        </button>{' '}
        <button type="button" onClick={onClose}>
          {cancel}
        </button>
      </p>
    </dialog>
  );
}
