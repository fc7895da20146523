/**
 * A partner's billing profile: who its invoices are addressed to. Every issued invoice keeps a copy of it
 * as it was, so a correction here changes the next invoices only.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { callApi } from '../../lib/session';
import { useApi } from '../../lib/useApi';
import ErrorNotice from '../ErrorNotice';
import styles from '../console.module.css';

const PROFILE = graphql(`
  query BillingProfile($partnerId: ID!) {
    billingProfile(partnerId: $partnerId) {
      name
      addressLines
      country
      vatId
      email
      updatedAt
    }
  }
`);
const SAVE = graphql(`
  mutation SetBillingProfile($partnerId: ID!, $input: BillingProfileInput!) {
    setBillingProfile(partnerId: $partnerId, input: $input) {
      name
    }
  }
`);

const EMPTY = { name: '', address: '', country: '', vatId: '', email: '' };

export default function BillingProfileForm({
  partnerId,
  onSaved,
}: {
  partnerId: string;
  onSaved: () => void;
}) {
  const { data, error, reload } = useApi(PROFILE, { partnerId });
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  // Shows the profile as billing stored it (a VAT id without its spaces), on first load and after a save.
  useEffect(() => {
    const profile = data?.billingProfile;
    setForm(
      profile
        ? {
            name: profile.name,
            address: profile.addressLines.join('\n'),
            country: profile.country,
            vatId: profile.vatId ?? '',
            email: profile.email,
          }
        : EMPTY,
    );
  }, [data]);
  const field = (key: keyof typeof EMPTY) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => {
      setSaved(false);
      setForm({ ...form, [key]: event.target.value });
    },
  });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await callApi(SAVE, {
        partnerId,
        input: {
          name: form.name,
          addressLines: form.address.split('\n'),
          country: form.country,
          vatId: form.vatId || null,
          email: form.email,
        },
      });
      setSaved(true);
      reload();
      onSaved();
    } catch (problem) {
      setFailure(problem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.panel} aria-labelledby="profile-title">
      <h2 id="profile-title">Billing profile</h2>
      <ErrorNotice error={error ?? failure} />
      {data && !data.billingProfile ? (
        <div className="alert alert--warning margin-bottom--md" role="status">
          No billing profile yet: this partner&apos;s invoices cannot be issued until it has one.
        </div>
      ) : null}
      {saved ? (
        <div className="alert alert--success margin-bottom--md" role="status">
          Saved. Invoices issued from now on are addressed to it; those issued before keep their address.
        </div>
      ) : null}
      <form onSubmit={save} className={styles.form}>
        <div className={styles.field}>
          <label htmlFor="profile-name">Legal name</label>
          <input id="profile-name" required maxLength={200} {...field('name')} />
        </div>
        <div className={styles.field}>
          <label htmlFor="profile-address">Address (one line each)</label>
          <textarea id="profile-address" required rows={3} {...field('address')} />
        </div>
        <div className={styles.field}>
          <label htmlFor="profile-country">Country code</label>
          <input id="profile-country" required maxLength={2} placeholder="GB" {...field('country')} />
        </div>
        <div className={styles.field}>
          <label htmlFor="profile-vat">VAT id</label>
          <input id="profile-vat" placeholder="GB123456789" {...field('vatId')} />
        </div>
        <div className={styles.field}>
          <label htmlFor="profile-email">Billing e-mail</label>
          <input id="profile-email" type="email" required {...field('email')} />
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save billing profile'}
          </button>
        </div>
      </form>
    </section>
  );
}
