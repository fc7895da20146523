import { useState, type InputHTMLAttributes } from 'react';
import styles from './accounts.module.css';

/**
 * A password field with a button that shows what was typed (and hides it again), so a long password can be
 * checked before it is sent. The button says which it will do, and its pressed state says which is shown.
 */
export default function PasswordInput({
  id,
  label,
  hint,
  ...input
}: { id: string; label: string; hint?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'id'
>) {
  const [shown, setShown] = useState(false);
  return (
    <div className={styles.passwordField}>
      <label htmlFor={id}>{label}</label>
      <div className={styles.passwordRow}>
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          aria-describedby={hint ? `${id}-hint` : undefined}
          {...input}
        />
        <button
          type="button"
          className="button button--secondary button--sm"
          aria-controls={id}
          aria-pressed={shown}
          aria-label={`${shown ? 'Hide' : 'Show'} ${label.toLowerCase()}`}
          onClick={() => setShown((now) => !now)}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
      {hint ? (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
