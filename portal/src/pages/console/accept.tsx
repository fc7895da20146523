import BrowserOnly from '@docusaurus/BrowserOnly';
import { useHistory, useLocation } from '@docusaurus/router';
import Layout from '@theme/Layout';
import { useState, type FormEvent } from 'react';
import ErrorNotice from '../../components/ErrorNotice';
import styles from '../../components/console.module.css';
import { acceptInvitation } from '../../lib/session';

function AcceptForm() {
  const token = new URLSearchParams(useLocation().search).get('token') ?? '';
  const history = useHistory();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  if (!token) {
    return (
      <div className="alert alert--warning" role="alert">
        This page needs the invitation link you were sent (it ends in <code>?token=…</code>).
      </div>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirmation) return setError(new Error('The two passwords differ.'));
    setBusy(true);
    setError(undefined);
    try {
      await acceptInvitation(token, name.trim(), password);
      history.push('/console/keys');
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <>
      <p>Choose your name and a password to join your organisation on Meridian.</p>
      <ErrorNotice error={error} />
      <form className={styles.form} onSubmit={submit}>
        <div className={styles.field}>
          <label htmlFor="accept-name">Your name</label>
          <input
            id="accept-name"
            autoComplete="name"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="accept-password">Password</label>
          <input
            id="accept-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            aria-describedby="accept-password-hint"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <span id="accept-password-hint" className={styles.hint}>
            At least 12 characters mixing three of: lower case, upper case, digits, symbols; not your email.
          </span>
        </div>
        <div className={styles.field}>
          <label htmlFor="accept-confirmation">Password again</label>
          <input
            id="accept-confirmation"
            type="password"
            autoComplete="new-password"
            required
            value={confirmation}
            onChange={(event) => setConfirmation(event.target.value)}
          />
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Joining…' : 'Accept the invitation'}
          </button>
        </div>
      </form>
    </>
  );
}

export default function AcceptInvitation() {
  return (
    <Layout title="Accept your invitation" description="Join your organisation on Meridian.">
      <main className="container margin-vert--lg">
        <h1>Accept your invitation</h1>
        <BrowserOnly fallback={<p>Loading…</p>}>{() => <AcceptForm />}</BrowserOnly>
      </main>
    </Layout>
  );
}
