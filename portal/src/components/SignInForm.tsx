import Link from '@docusaurus/Link';
import { useState, type FormEvent } from 'react';
import { signIn } from '../lib/session';
import ErrorNotice from './ErrorNotice';
import PasswordInput from './PasswordInput';
import accounts from './accounts.module.css';
import styles from './console.module.css';

/** In place of a console page while nobody is signed in: the page's one `h1`. */
export default function SignInForm() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <p>Partner developers and the Meridian business team sign in with the email they were invited with.</p>
      <ErrorNotice error={error} />
      <form className={styles.form} onSubmit={submit}>
        <div className={styles.field}>
          <label htmlFor="sign-in-email">Email</label>
          <input
            id="sign-in-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <PasswordInput
          id="sign-in-password"
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
      <div className={accounts.links}>
        <Link to="/console/reset">Forgot your password?</Link>
        <Link to="/console/request-access">No account yet? Request access</Link>
      </div>
    </section>
  );
}
