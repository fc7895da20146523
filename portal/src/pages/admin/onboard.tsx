import Link from '@docusaurus/Link';
import { useState, type FormEvent } from 'react';
import ConsoleLayout from '../../components/ConsoleLayout';
import CopyButton from '../../components/CopyButton';
import ErrorNotice from '../../components/ErrorNotice';
import { partnerSearch } from '../../components/PartnerPicker';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import { formatCents, formatNumber, formatTime } from '../../lib/format';
import { ApiError } from '../../lib/graphql';
import { callApi } from '../../lib/session';
import { useApi } from '../../lib/useApi';

interface Invitation {
  email: string;
  link: string;
  expiresAt: string;
}

const PLANS = graphql(`
  query OnboardPlans {
    plans {
      id
      name
      monthlyPriceCents
      monthlyQuota
      requestsPerMinute
    }
    customers {
      id
      name
      industry
    }
  }
`);
const ONBOARD = graphql(`
  mutation OnboardPartner($input: OnboardPartnerInput!) {
    onboardPartner(input: $input) {
      partner {
        id
        name
        plan {
          name
        }
      }
      invitations {
        token
        email
        expiresAt
      }
    }
  }
`);

/** The addresses typed, one a line (commas and semicolons work too), each once. */
function emailsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((email) => email.trim())
        .filter(Boolean),
    ),
  ];
}

interface Duplicate {
  partnerId: string;
  partnerName: string;
}

function Onboard() {
  const { data, error } = useApi(PLANS, {});
  const [name, setName] = useState('');
  const [planId, setPlanId] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [emails, setEmails] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [duplicate, setDuplicate] = useState<Duplicate>();
  const [result, setResult] = useState<{
    id: string;
    partner: string;
    plan: string;
    invitations: Invitation[];
  }>();
  const plans = data?.plans ?? [];
  const chosen = planId || plans[0]?.id || '';
  // Nothing is created unless everything is right: a failure leaves the form as it was, to correct.
  const onboard = async (allowDuplicateName: boolean) => {
    setBusy(true);
    setFailure(undefined);
    setDuplicate(undefined);
    try {
      const { onboardPartner } = await callApi(ONBOARD, {
        input: {
          name: name.trim(),
          planId: chosen,
          customerId: customerId || null,
          developerEmails: emailsOf(emails),
          allowDuplicateName,
        },
      });
      setResult({
        id: onboardPartner.partner.id,
        partner: onboardPartner.partner.name,
        plan: onboardPartner.partner.plan.name,
        invitations: onboardPartner.invitations.map((invitation) => ({
          email: invitation.email,
          expiresAt: invitation.expiresAt,
          link: `${window.location.origin}/console/accept?token=${encodeURIComponent(invitation.token)}`,
        })),
      });
      setName('');
      setCustomerId('');
      setEmails('');
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'DUPLICATE_PARTNER_NAME') {
        setDuplicate({
          partnerId: String(caught.extensions.partnerId),
          partnerName: String(caught.extensions.partnerName),
        });
      } else {
        setFailure(caught);
      }
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onboard(false);
  };
  return (
    <>
      <ErrorNotice error={error ?? failure} />
      {duplicate ? (
        <div className="alert alert--warning margin-bottom--md" role="alert">
          <p>
            A partner named{' '}
            <Link to={`/admin/partner${partnerSearch(duplicate.partnerId)}`}>{duplicate.partnerName}</Link>{' '}
            exists already. Open it to invite developers there, or create another partner of this name if it
            really is a different organisation.
          </p>
          <div className={styles.actions}>
            <button
              type="button"
              className="button button--warning button--sm"
              disabled={busy}
              onClick={() => void onboard(true)}
            >
              Create anyway
            </button>
            <button
              type="button"
              className="button button--secondary button--sm"
              onClick={() => setDuplicate(undefined)}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {result ? (
        <section className="alert alert--success margin-bottom--lg" aria-labelledby="onboarded-title">
          <h2 id="onboarded-title">
            {result.partner} is on the {result.plan} plan
          </h2>
          <p>
            <Link to={`/admin/partner${partnerSearch(result.id)}`}>Open the page of {result.partner}</Link>
          </p>
          {result.invitations.length > 0 ? (
            <>
              <p>
                Each developer was sent their invitation link by e-mail; here they are once more. Each works
                once, and they are not shown again (resend one from the partner's page).
              </p>
              <ul>
                {result.invitations.map((invitation) => (
                  <li key={invitation.email} className="margin-bottom--sm">
                    <strong>{invitation.email}</strong> (until {formatTime(invitation.expiresAt)}):
                    <code className={styles.secret} data-testid="invitation-link">
                      {invitation.link}
                    </code>
                    <CopyButton
                      text={invitation.link}
                      label={`Copy the invitation link for ${invitation.email}`}
                    />
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>No developers were invited yet.</p>
          )}
        </section>
      ) : null}
      <form className={styles.form} onSubmit={submit} aria-label="Onboard a partner">
        <div className={styles.field}>
          <label htmlFor="partner-name">Organisation name</label>
          <input
            id="partner-name"
            required
            maxLength={200}
            autoComplete="organization"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="partner-plan">Plan</label>
          <select id="partner-plan" value={chosen} onChange={(event) => setPlanId(event.target.value)}>
            {plans.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.name}: {formatCents(plan.monthlyPriceCents)}/month, {formatNumber(plan.monthlyQuota)}{' '}
                operations, {formatNumber(plan.requestsPerMinute)} requests/min
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="partner-customer">Customer</label>
          <select
            id="partner-customer"
            aria-describedby="partner-customer-hint"
            value={customerId}
            onChange={(event) => setCustomerId(event.target.value)}
          >
            <option value="">None</option>
            {(data?.customers ?? []).map((customer) => (
              <option key={customer.id} value={customer.id}>
                {customer.name} ({customer.industry.toLowerCase()})
              </option>
            ))}
          </select>
          <span id="partner-customer-hint" className={styles.hint}>
            Which of our customers this organisation is, if any: an airline reads and sends readings for its
            own fleet only.
          </span>
        </div>
        <div className={styles.field}>
          <label htmlFor="partner-developers">Developers to invite</label>
          <textarea
            id="partner-developers"
            rows={3}
            aria-describedby="partner-developers-hint"
            placeholder="dev@partner.example"
            value={emails}
            onChange={(event) => setEmails(event.target.value)}
          />
          <span id="partner-developers-hint" className={styles.hint}>
            One e-mail address a line; each gets an invitation link valid for 72 hours. Every address is
            checked first: if one is wrong, nothing is created.
          </span>
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy || !chosen}>
            {busy ? 'Onboarding…' : 'Onboard partner'}
          </button>
        </div>
      </form>
    </>
  );
}

export default function AdminOnboard() {
  return (
    <ConsoleLayout
      title="Onboard a partner"
      description="Create a partner organisation and invite its developers."
      admin
    >
      {() => <Onboard />}
    </ConsoleLayout>
  );
}
