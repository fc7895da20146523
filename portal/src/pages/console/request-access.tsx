import BrowserOnly from '@docusaurus/BrowserOnly';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import { useState, type FormEvent } from 'react';
import ErrorNotice from '../../components/ErrorNotice';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import { requestGraphQL } from '../../lib/graphql';

const REQUEST_ACCESS = graphql(`
  mutation RequestAccess($organisation: String!, $name: String!, $email: String!, $useCase: String) {
    requestAccess(organisation: $organisation, name: $name, email: $email, useCase: $useCase)
  }
`);

/** The public form: it creates a request that the business team approves (or declines) in the admin pages. */
function RequestAccessForm() {
  const [form, setForm] = useState({ organisation: '', name: '', email: '', useCase: '' });
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) =>
      setForm((now) => ({ ...now, [name]: event.target.value })),
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await requestGraphQL(REQUEST_ACCESS, {
        organisation: form.organisation.trim(),
        name: form.name.trim(),
        email: form.email.trim(),
        useCase: form.useCase.trim(),
      });
      setSent(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  if (sent) {
    return (
      <div className="alert alert--success" role="status">
        Thank you: the Meridian business team reviews requests within two working days. Once approved, an
        invitation to set your password arrives at <strong>{form.email.trim()}</strong>.
      </div>
    );
  }
  return (
    <>
      <p>
        Tell us who you are and what you want to build. No access is granted until the Meridian business team
        approves the request; you then get an invitation by email. Already have an account?{' '}
        <Link to="/console">Sign in</Link>.
      </p>
      <ErrorNotice error={error} />
      <form className={styles.form} onSubmit={submit}>
        <div className={styles.field}>
          <label htmlFor="access-organisation">Organisation</label>
          <input
            id="access-organisation"
            autoComplete="organization"
            required
            maxLength={200}
            {...field('organisation')}
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="access-name">Your name</label>
          <input id="access-name" autoComplete="name" required maxLength={200} {...field('name')} />
        </div>
        <div className={styles.field}>
          <label htmlFor="access-email">Work email</label>
          <input
            id="access-email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            {...field('email')}
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="access-use-case">What you want to build (optional)</label>
          <textarea id="access-use-case" rows={4} maxLength={2000} {...field('useCase')} />
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Sending…' : 'Request access'}
          </button>
        </div>
      </form>
    </>
  );
}

export default function RequestAccess() {
  return (
    <Layout title="Request access" description="Ask for a partner account on the Meridian API.">
      <main className="container margin-vert--lg">
        <h1>Request access</h1>
        <BrowserOnly fallback={<p>Loading…</p>}>{() => <RequestAccessForm />}</BrowserOnly>
      </main>
    </Layout>
  );
}
