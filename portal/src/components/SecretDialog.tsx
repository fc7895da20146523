import { useEffect, useRef, type KeyboardEvent } from 'react';
import { formatTime } from '../lib/format';
import CopyButton from './CopyButton';
import styles from './accounts.module.css';

/** Every element a keyboard user can reach inside `root`, in tab order. */
function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(
    root.querySelectorAll<HTMLElement>(
      'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])',
    ),
  ).filter((element) => !element.hasAttribute('disabled'));
}

/**
 * The secret of a key just created or rolled, shown once in a modal dialog that keeps the focus (Tab and
 * Shift+Tab cycle inside; Escape does not close it) until the developer says it is stored. It opens in the
 * middle of the viewport, wherever the page was scrolled, so the secret is never off-screen.
 */
export default function SecretDialog({
  name,
  secret,
  rolled,
  previousValidUntil,
  onDone,
}: {
  name: string;
  secret: string;
  /** Set for a roll: the old secret keeps working until `previousValidUntil`. */
  rolled?: boolean;
  previousValidUntil?: string | null;
  onDone: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const secretRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    secretRef.current?.focus();
    // A dialog closing in the same render (the roll's question) hands the focus back to what opened it:
    // taken back once that is done.
    const again = window.setTimeout(() => secretRef.current?.focus(), 0);
    return () => {
      window.clearTimeout(again);
      dialog.close();
    };
  }, []);
  const trap = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const reachable = focusables(ref.current);
    const first = reachable[0];
    const last = reachable[reachable.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !ref.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ref.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };
  return (
    <dialog
      ref={ref}
      className={styles.secretDialog}
      aria-labelledby="secret-title"
      aria-describedby="secret-description"
      onKeyDown={trap}
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id="secret-title">{rolled ? `The new secret of “${name}”` : `The secret of “${name}”`}</h2>
      <p id="secret-description">
        Copy it now and keep it somewhere safe: it is <strong>shown only once</strong>. Send it in the{' '}
        <code>x-api-key</code> header.
      </p>
      <code
        ref={secretRef}
        className={styles.secret}
        data-testid="new-secret"
        tabIndex={0}
        aria-label={`Secret of ${name}`}
      >
        {secret}
      </code>
      {rolled ? (
        <p className={styles.grace} data-testid="grace-notice">
          {previousValidUntil && Date.parse(previousValidUntil) > Date.now()
            ? `The old secret keeps working until ${formatTime(previousValidUntil)}; deploy the new one before then.`
            : 'The old secret has stopped working.'}
        </p>
      ) : null}
      <div className={styles.dialogActions}>
        <CopyButton text={secret} label={`Copy the secret of ${name}`} />
        <button type="button" className="button button--secondary" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </dialog>
  );
}
