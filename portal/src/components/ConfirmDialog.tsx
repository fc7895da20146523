import { useEffect, useId, useRef, type ReactNode } from 'react';
import styles from './console.module.css';
import ErrorNotice from './ErrorNotice';

/**
 * A modal question (the native `<dialog>`: focus stays inside, Escape cancels). `children` may hold
 * inputs whose values the caller reads when `onConfirm` runs. A dangerous question opens with the focus on
 * Cancel, so an Enter pressed out of habit destroys nothing.
 */
export default function ConfirmDialog({
  open,
  title,
  confirmLabel,
  cancelLabel = 'Cancel',
  wide,
  danger,
  busy,
  error,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  cancelLabel?: string;
  /** Room for a document rather than a question. */
  wide?: boolean;
  danger?: boolean;
  busy?: boolean;
  /** Why the last attempt failed: shown in the dialog, which stays open. */
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      if (danger) cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, danger]);
  return (
    <dialog
      ref={ref}
      className={`${styles.dialog} ${wide ? styles.dialogWide : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <ErrorNotice error={error} />
      <div className="margin-bottom--md">{children}</div>
      <div className={styles.actions}>
        <button
          type="button"
          className={`button ${danger ? 'button--danger' : 'button--primary'}`}
          onClick={onConfirm}
          disabled={busy}
        >
          {confirmLabel}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button button--secondary"
          onClick={onCancel}
          disabled={busy}
        >
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
