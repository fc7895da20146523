import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import { useHistory, useLocation } from '@docusaurus/router';
import Layout from '@theme/Layout';
import { useState, type FormEvent } from 'react';
import ErrorNotice from '../../components/ErrorNotice';
import PasswordInput from '../../components/PasswordInput';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import { requestGraphQL } from '../../lib/graphql';
import { resetPassword } from '../../lib/session';

const REQUEST_RESET = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

/** Asks for a link; the answer is the same whether or not the address has an account. */
function RequestForm() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await requestGraphQL(REQUEST_RESET, { email: email.trim() });
      setSent(email.trim());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  if (sent) {
    return (
      <div className="alert alert--success" role="status">
        If <strong>{sent}</strong> has a Meridian account, a link to choose a new password is on its way. It
        works once, within the hour. Nothing arrived? Check the spam folder, or ask again in a few minutes.
      </div>
    );
  }
  return (
    <>
      <p>Enter the email you sign in with; we send a link to choose a new password.</p>
      <ErrorNotice error={error} />
      <form className={styles.form} onSubmit={submit}>
        <div className={styles.field}>
          <label htmlFor="reset-email">Email</label>
          <input
            id="reset-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send me a link'}
          </button>
        </div>
      </form>
    </>
  );
}

/** The new password, with the link's token; a success signs in and ends every other session. */
function NewPasswordForm({ token }: { token: string }) {
  const history = useHistory();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirmation) return setError(new Error('The two passwords differ.'));
    setBusy(true);
    setError(undefined);
    try {
      await resetPassword(token, password);
      history.push('/console');
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <>
      <p>Choose a new password. Every device signed in to your account will be signed out.</p>
      <ErrorNotice error={error} />
      <form className={styles.form} onSubmit={submit}>
        <PasswordInput
          id="reset-password"
          label="New password"
          autoComplete="new-password"
          required
          minLength={12}
          hint="At least 12 characters mixing three of: lower case, upper case, digits, symbols; not your email."
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <PasswordInput
          id="reset-confirmation"
          label="New password again"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Set the new password'}
          </button>
        </div>
      </form>
      <p className="margin-top--md">
        Link expired or used? <Link to="/console/reset">Ask for a new one</Link>.
      </p>
    </>
  );
}

function Reset() {
  const token = new URLSearchParams(useLocation().search).get('token') ?? '';
  return token ? <NewPasswordForm key={token} token={token} /> : <RequestForm />;
}

export default function ResetPassword() {
  return (
    <Layout title="Reset your password" description="Choose a new password for the Meridian portal.">
      <main className="container margin-vert--lg">
        <h1>Reset your password</h1>
        <BrowserOnly fallback={<p>Loading…</p>}>{() => <Reset />}</BrowserOnly>
      </main>
    </Layout>
  );
}
