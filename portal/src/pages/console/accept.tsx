import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import { useHistory, useLocation } from '@docusaurus/router';
import Layout from '@theme/Layout';
import { useEffect, useState, type FormEvent } from 'react';
import ErrorNotice from '../../components/ErrorNotice';
import PasswordInput from '../../components/PasswordInput';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import type { InvitationPreviewQuery } from '../../gql/graphql';
import { formatTime } from '../../lib/format';
import { requestGraphQL } from '../../lib/graphql';
import { acceptInvitation } from '../../lib/session';

const PREVIEW = graphql(`
  query InvitationPreview($token: String!) {
    invitation(token: $token) {
      email
      role
      organisation
      expiresAt
    }
  }
`);

type Preview = InvitationPreviewQuery['invitation'];

const PASSWORD_HINT =
  'At least 12 characters mixing three of: lower case, upper case, digits, symbols; not your email.';

/** The form, once the link has been checked: for whom, and which organisation it joins, come first. */
function AcceptForm({ token, preview }: { token: string; preview: Preview }) {
  const history = useHistory();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const organisation = preview.organisation ?? 'the Meridian business team';
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
      <p data-testid="invitation-summary">
        You are invited to join <strong>{organisation}</strong> as{' '}
        {preview.role === 'ADMIN' ? 'an admin' : 'a developer'}. You will sign in as{' '}
        <strong>{preview.email}</strong>. The link works once, until {formatTime(preview.expiresAt)}.
      </p>
      <ErrorNotice error={error} />
      <form className={styles.form} onSubmit={submit}>
        <div className={styles.field}>
          <label htmlFor="accept-email">Email</label>
          <input id="accept-email" type="email" autoComplete="username" value={preview.email} readOnly />
        </div>
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
        <PasswordInput
          id="accept-password"
          label="Password"
          autoComplete="new-password"
          required
          minLength={12}
          hint={PASSWORD_HINT}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <PasswordInput
          id="accept-confirmation"
          label="Password again"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Joining…' : 'Accept the invitation'}
          </button>
        </div>
      </form>
    </>
  );
}

/** Checks the link before showing anything to fill in: a used or expired link says so at once. */
function Invitation() {
  const token = new URLSearchParams(useLocation().search).get('token') ?? '';
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!token) return;
    let current = true;
    requestGraphQL(PREVIEW, { token }).then(
      ({ invitation }) => current && setPreview(invitation),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [token]);
  if (!token) {
    return (
      <div className="alert alert--warning" role="alert">
        This page needs the invitation link you were sent (it ends in <code>?token=…</code>).
      </div>
    );
  }
  if (error) {
    return (
      <>
        <ErrorNotice error={error} />
        <p>
          Already have an account? <Link to="/console">Sign in</Link>. Otherwise ask whoever invited you for a
          new link, or <Link to="/console/request-access">request access</Link>.
        </p>
      </>
    );
  }
  if (!preview) return <p>Checking your invitation…</p>;
  return <AcceptForm token={token} preview={preview} />;
}

export default function AcceptInvitation() {
  return (
    <Layout title="Accept your invitation" description="Join your organisation on Meridian.">
      <main className="container margin-vert--lg">
        <h1>Accept your invitation</h1>
        <BrowserOnly fallback={<p>Loading…</p>}>{() => <Invitation />}</BrowserOnly>
      </main>
    </Layout>
  );
}
