import { useState, type FormEvent } from 'react';
import ConsoleLayout from '../../components/ConsoleLayout';
import CopyButton from '../../components/CopyButton';
import ErrorNotice from '../../components/ErrorNotice';
import styles from '../../components/console.module.css';
import { formatCents, formatNumber, formatTime } from '../../lib/format';
import { callApi } from '../../lib/session';
import { useApi } from '../../lib/useApi';

interface Plan {
  id: string;
  name: string;
  monthlyPriceCents: number;
  monthlyQuota: number;
  requestsPerMinute: number;
}

interface Customer {
  id: string;
  name: string;
  industry: string;
}

interface Invitation {
  email: string;
  link: string;
  expiresAt: string;
}

const CREATE_PARTNER = `mutation OnboardPartner($name: String!, $planId: ID!, $customerId: ID) {
  createPartner(name: $name, planId: $planId, customerId: $customerId) { id name plan { name } }
}`;
const INVITE = `mutation InviteDeveloper($email: String!, $partnerId: ID!) {
  inviteUser(email: $email, role: DEVELOPER, partnerId: $partnerId) { token email expiresAt }
}`;

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

function Onboard() {
  const { data, error } = useApi<{ plans: Plan[]; customers: Customer[] }>(
    'query OnboardPlans { plans { id name monthlyPriceCents monthlyQuota requestsPerMinute } customers { id name industry } }',
    {},
  );
  const [name, setName] = useState('');
  const [planId, setPlanId] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [emails, setEmails] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [result, setResult] = useState<{ partner: string; plan: string; invitations: Invitation[] }>();
  const plans = data?.plans ?? [];
  const chosen = planId || plans[0]?.id || '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    let partner: { id: string; name: string; plan: { name: string } } | undefined;
    const invitations: Invitation[] = [];
    try {
      ({ createPartner: partner } = await callApi<{
        createPartner: { id: string; name: string; plan: { name: string } };
      }>(CREATE_PARTNER, { name: name.trim(), planId: chosen, customerId: customerId || null }));
      for (const email of emailsOf(emails)) {
        const { inviteUser } = await callApi<{
          inviteUser: { token: string; email: string; expiresAt: string };
        }>(INVITE, { email, partnerId: partner.id });
        invitations.push({
          email: inviteUser.email,
          expiresAt: inviteUser.expiresAt,
          link: `${window.location.origin}/console/accept?token=${encodeURIComponent(inviteUser.token)}`,
        });
      }
      setName('');
      setCustomerId('');
      setEmails('');
    } catch (error) {
      setFailure(error);
    } finally {
      if (partner) setResult({ partner: partner.name, plan: partner.plan.name, invitations });
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorNotice error={error ?? failure} />
      {result ? (
        <section className="alert alert--success margin-bottom--lg" aria-labelledby="onboarded-title">
          <h2 id="onboarded-title">
            {result.partner} is on the {result.plan} plan
          </h2>
          {result.invitations.length > 0 ? (
            <>
              <p>
                Send each developer their invitation link. It works once, and only these links can open it:
                they are not shown again.
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
            One email address a line; each gets an invitation link valid for 72 hours.
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
