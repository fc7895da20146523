/**
 * One partner, as the business team looks after it: its plan, its status with the reasons given, its
 * people and pending invitations, its keys, this month's usage, its invoices, and the audit log of who did
 * what. Suspending and reactivating ask for a reason, which the history keeps.
 */
import Link from '@docusaurus/Link';
import { useState, type FormEvent } from 'react';
import ConfirmDialog from '../../components/ConfirmDialog';
import ConsoleLayout from '../../components/ConsoleLayout';
import CopyButton from '../../components/CopyButton';
import DoneNotice from '../../components/DoneNotice';
import ErrorNotice from '../../components/ErrorNotice';
import { partnerSearch, usePartnerChoice } from '../../components/PartnerPicker';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import { formatCents, formatDay, formatNumber, formatTime } from '../../lib/format';
import { callApi, type Session } from '../../lib/session';
import { useApi } from '../../lib/useApi';
import { useConfirmedChange } from '../../lib/useConfirmedChange';

/** Audit log entries the page shows. */
const AUDIT_SHOWN = 100;

const PAGE = graphql(`
  query AdminPartner($p: ID!, $audit: Int!) {
    partner(id: $p) {
      id
      name
      createdAt
      status
      suspendedAt
      plan {
        id
        name
      }
      customer {
        name
      }
      statusHistory {
        status
        actor
        reason
        at
      }
      invitations {
        id
        email
        createdAt
        expiresAt
      }
      auditLog(limit: $audit) {
        id
        action
        actor
        subject
        detail
        reason
        createdAt
      }
    }
    plans {
      id
      name
      monthlyPriceCents
      monthlyQuota
    }
    users(partnerId: $p) {
      id
      name
      email
      createdAt
    }
    apiKeys(partnerId: $p) {
      id
      name
      prefix
      lastFour
      scopes
      lastUsedAt
      revokedAt
    }
    quota(partnerId: $p) {
      used
      limit
      remaining
    }
    invoices(partnerId: $p) {
      id
      period
      status
      totalCents
    }
  }
`);
const CHANGE_PLAN = graphql(`
  mutation ChangePlan($p: ID!, $plan: ID!) {
    changePartnerPlan(partnerId: $p, planId: $plan) {
      id
    }
  }
`);
const SUSPEND = graphql(`
  mutation SuspendPartner($p: ID!, $r: String!) {
    suspendPartner(partnerId: $p, reason: $r) {
      id
    }
  }
`);
const REACTIVATE = graphql(`
  mutation ReactivatePartner($p: ID!, $r: String!) {
    reactivatePartner(partnerId: $p, reason: $r) {
      id
    }
  }
`);
const REVOKE_INVITATION = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
    }
  }
`);
const REVOKE_KEY = graphql(`
  mutation RevokeKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
    }
  }
`);
const RESEND_INVITATION = graphql(`
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      token
      email
    }
  }
`);
const INVITE_DEVELOPER = graphql(`
  mutation InviteDeveloper($e: String!, $p: ID!) {
    inviteUser(email: $e, role: DEVELOPER, partnerId: $p) {
      token
      email
    }
  }
`);

type Pending =
  | { kind: 'plan'; planId: string; planName: string }
  | { kind: 'suspend' | 'reactivate' }
  | { kind: 'revoke-invitation'; id: string; email: string }
  | { kind: 'revoke-key'; id: string; name: string };

function dialogTitle(pending: Pending | undefined, name: string): string {
  switch (pending?.kind) {
    case 'plan':
      return `Move ${name} to ${pending.planName}?`;
    case 'suspend':
      return `Suspend ${name}?`;
    case 'reactivate':
      return `Reactivate ${name}?`;
    case 'revoke-invitation':
      return `Revoke the invitation of ${pending.email}?`;
    case 'revoke-key':
      return `Revoke the key ${pending.name}?`;
    default:
      return '';
  }
}

function PartnerPage({ partnerId }: { partnerId: string }) {
  const { data, error, reload } = useApi(PAGE, { p: partnerId, audit: AUDIT_SHOWN });
  const [reason, setReason] = useState('');
  const [inviteEmail, setInviteEmail] = useState('');
  const [inviting, setInviting] = useState(false);
  const [inviteFailure, setInviteFailure] = useState<unknown>();
  const [link, setLink] = useState<{ email: string; url: string }>();
  const partner = data?.partner;
  const showLink = (email: string, token: string) =>
    setLink({ email, url: `${window.location.origin}/console/accept?token=${encodeURIComponent(token)}` });
  const change = useConfirmedChange<Pending>(async (pending) => {
    switch (pending.kind) {
      case 'plan':
        await callApi(CHANGE_PLAN, { p: partnerId, plan: pending.planId });
        return `${partner?.name} is now on the ${pending.planName} plan.`;
      case 'suspend':
      case 'reactivate': {
        const status = { p: partnerId, r: reason };
        await (pending.kind === 'suspend' ? callApi(SUSPEND, status) : callApi(REACTIVATE, status));
        setReason('');
        return `${partner?.name} is ${pending.kind === 'suspend' ? 'suspended' : 'active again'}.`;
      }
      case 'revoke-invitation':
        await callApi(REVOKE_INVITATION, { id: pending.id });
        return `The invitation of ${pending.email} is revoked: its link no longer works.`;
      case 'revoke-key':
        await callApi(REVOKE_KEY, { id: pending.id });
        return `The key ${pending.name} is revoked.`;
    }
  }, reload);
  const resend = async (id: string) => {
    setInviteFailure(undefined);
    try {
      const { resendInvitation } = await callApi(RESEND_INVITATION, { id });
      showLink(resendInvitation.email, resendInvitation.token);
      reload();
    } catch (caught) {
      setInviteFailure(caught);
    }
  };
  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setInviting(true);
    setInviteFailure(undefined);
    try {
      const { inviteUser } = await callApi(INVITE_DEVELOPER, { e: inviteEmail.trim(), p: partnerId });
      showLink(inviteUser.email, inviteUser.token);
      setInviteEmail('');
      reload();
    } catch (caught) {
      setInviteFailure(caught);
    } finally {
      setInviting(false);
    }
  };
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p>Loading the partner…</p>;
  if (!partner) return <div className="alert alert--warning">There is no partner {partnerId}.</div>;
  const { pending } = change;
  const statusChange = pending?.kind === 'suspend' || pending?.kind === 'reactivate';
  return (
    <>
      <DoneNotice done={change.done} />
      <section aria-labelledby="partner-summary" className="margin-bottom--lg">
        <h2 id="partner-summary">{partner.name}</h2>
        <p>
          <code>{partner.id}</code> · since {formatDay(partner.createdAt)} · customer{' '}
          {partner.customer?.name ?? 'none'}
        </p>
        <div className={styles.formWide}>
          <div className={styles.field}>
            <label htmlFor="partner-plan">Plan</label>
            <select
              id="partner-plan"
              value={partner.plan.id}
              onChange={(event) => {
                const plan = data.plans.find((p) => p.id === event.target.value);
                if (plan) change.ask({ kind: 'plan', planId: plan.id, planName: plan.name });
              }}
            >
              {data.plans.map((plan) => (
                <option key={plan.id} value={plan.id}>
                  {plan.name} ({formatCents(plan.monthlyPriceCents)}/month)
                </option>
              ))}
            </select>
          </div>
          <div className={styles.field}>
            <span className={styles.legend}>Status</span>
            <div className={styles.actions}>
              <strong data-testid="partner-status">
                {partner.suspendedAt ? `Suspended since ${formatDay(partner.suspendedAt)}` : 'Active'}
              </strong>
              <button
                type="button"
                className={`button button--sm ${partner.suspendedAt ? 'button--primary' : 'button--danger'}`}
                onClick={() => change.ask({ kind: partner.suspendedAt ? 'reactivate' : 'suspend' })}
              >
                {partner.suspendedAt ? 'Reactivate…' : 'Suspend…'}
              </button>
            </div>
          </div>
          <div className={styles.field}>
            <span className={styles.legend}>Operations this month</span>
            <p className="margin-bottom--none" data-testid="partner-usage">
              {formatNumber(data.quota.used)} of {formatNumber(data.quota.limit)} ·{' '}
              <Link to={`/console/usage${partnerSearch(partner.id)}`}>usage charts</Link>
            </p>
          </div>
        </div>
      </section>

      <section aria-labelledby="status-history" className="margin-bottom--lg">
        <h3 id="status-history">Status history</h3>
        {partner.statusHistory.length === 0 ? (
          <p>Active since {formatDay(partner.createdAt)}; no change of status recorded.</p>
        ) : (
          <ol data-testid="status-history">
            {partner.statusHistory.map((entry, index) => (
              <li key={index}>
                {formatTime(entry.at)}:{' '}
                <strong>{entry.status === 'SUSPENDED' ? 'Suspended' : 'Active'}</strong> by {entry.actor}
                {entry.reason ? ` — ${entry.reason}` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="people" className="margin-bottom--lg">
        <h3 id="people">People and invitations</h3>
        {data.users.length === 0 ? (
          <p>Nobody has joined yet.</p>
        ) : (
          <ul>
            {data.users.map((user) => (
              <li key={user.id}>
                {user.name} ({user.email}), since {formatDay(user.createdAt)}
              </li>
            ))}
          </ul>
        )}
        <ErrorNotice error={inviteFailure} />
        {link ? (
          <div className="alert alert--success margin-bottom--md" role="status">
            An invitation was e-mailed to <strong>{link.email}</strong>. Its link, shown once:
            <code className={styles.secret} data-testid="invitation-link">
              {link.url}
            </code>
            <CopyButton text={link.url} label={`Copy the invitation link for ${link.email}`} />
          </div>
        ) : null}
        <div className={styles.tableWrap}>
          <table className={styles.stacked} data-testid="invitations">
            <caption className={styles.visuallyHidden}>Pending invitations</caption>
            <thead>
              <tr>
                <th scope="col">Invited</th>
                <th scope="col">Sent</th>
                <th scope="col">Link valid until</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {partner.invitations.length === 0 ? (
                <tr>
                  <td colSpan={4}>No pending invitations.</td>
                </tr>
              ) : (
                partner.invitations.map((invitation) => (
                  <tr key={invitation.id} data-invitation={invitation.email}>
                    <td data-label="Invited">{invitation.email}</td>
                    <td data-label="Sent">{formatTime(invitation.createdAt)}</td>
                    <td data-label="Link valid until">{formatTime(invitation.expiresAt)}</td>
                    <td data-label="Actions">
                      <div className={styles.actions}>
                        <button
                          type="button"
                          className="button button--secondary button--sm"
                          aria-label={`Resend the invitation of ${invitation.email}`}
                          onClick={() => void resend(invitation.id)}
                        >
                          Resend
                        </button>
                        <button
                          type="button"
                          className="button button--secondary button--sm"
                          aria-label={`Revoke the invitation of ${invitation.email}`}
                          onClick={() =>
                            change.ask({
                              kind: 'revoke-invitation',
                              id: invitation.id,
                              email: invitation.email,
                            })
                          }
                        >
                          Revoke
                        </button>
                      </div>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <form
          className={styles.formWide}
          onSubmit={(event) => void invite(event)}
          aria-label="Invite a developer"
        >
          <div className={styles.field}>
            <label htmlFor="invite-email">Invite a developer</label>
            <input
              id="invite-email"
              type="email"
              required
              autoComplete="off"
              placeholder="dev@partner.example"
              value={inviteEmail}
              onChange={(event) => setInviteEmail(event.target.value)}
            />
          </div>
          <div>
            <button type="submit" className="button button--primary" disabled={inviting}>
              {inviting ? 'Inviting…' : 'Send invitation'}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="keys" className="margin-bottom--lg">
        <h3 id="keys">API keys</h3>
        {data.apiKeys.length === 0 ? (
          <p>No keys yet.</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.stacked}>
              <caption className={styles.visuallyHidden}>API keys of {partner.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {data.apiKeys.map((key) => (
                  <tr key={key.id}>
                    <td data-label="Key">
                      {key.name} <code>{`${key.prefix}…${key.lastFour}`}</code>
                    </td>
                    <td data-label="Scopes">{key.scopes.join(', ')}</td>
                    <td data-label="Last used">{formatTime(key.lastUsedAt)}</td>
                    <td data-label="Actions">
                      {key.revokedAt ? (
                        `Revoked ${formatDay(key.revokedAt)}`
                      ) : (
                        <button
                          type="button"
                          className="button button--secondary button--sm"
                          aria-label={`Revoke the key ${key.name}`}
                          onClick={() => change.ask({ kind: 'revoke-key', id: key.id, name: key.name })}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="invoices" className="margin-bottom--lg">
        <h3 id="invoices">Invoices</h3>
        {data.invoices.length === 0 ? (
          <p>No invoices yet.</p>
        ) : (
          <ul>
            {data.invoices.map((invoice) => (
              <li key={invoice.id}>
                {invoice.period}: {invoice.status.toLowerCase()}, {formatCents(invoice.totalCents)}
              </li>
            ))}
          </ul>
        )}
        <Link to={`/admin/invoices${partnerSearch(partner.id)}`}>All invoices of {partner.name}</Link>
      </section>

      <section aria-labelledby="audit" className="margin-bottom--lg">
        <h3 id="audit">Audit log</h3>
        {partner.auditLog.length === 0 ? (
          <p>Nothing recorded yet: changes by the business team and the partner's key events appear here.</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.stacked} data-testid="audit-log">
              <caption className={styles.visuallyHidden}>
                Who did what to {partner.name}, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {partner.auditLog.map((event) => (
                  <tr key={event.id} data-action={event.action}>
                    <td data-label="When">{formatTime(event.createdAt)}</td>
                    <td data-label="Who">{event.actor}</td>
                    <td data-label="What">
                      <code>{event.action}</code>
                    </td>
                    <td data-label="Details">
                      {[event.subject, event.detail, event.reason ? `reason: ${event.reason}` : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ConfirmDialog
        open={pending !== undefined}
        title={dialogTitle(pending, partner.name)}
        confirmLabel={
          pending?.kind === 'plan'
            ? 'Change plan'
            : pending?.kind === 'suspend'
              ? 'Suspend'
              : pending?.kind === 'reactivate'
                ? 'Reactivate'
                : 'Revoke'
        }
        danger={pending?.kind !== 'plan' && pending?.kind !== 'reactivate'}
        busy={change.busy}
        error={change.failure}
        onConfirm={() => void change.confirm()}
        onCancel={() => change.ask(undefined)}
      >
        {statusChange ? (
          <div className={styles.field}>
            <p>
              {pending.kind === 'suspend'
                ? 'Every key of this partner will be refused with PARTNER_SUSPENDED within a second. Its developers can still sign in.'
                : "The partner's keys work again within a second."}
            </p>
            <label htmlFor="status-reason">Reason (required, kept in the history)</label>
            <textarea
              id="status-reason"
              rows={3}
              required
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
        ) : (
          <p>
            {pending?.kind === 'plan'
              ? 'The new limits and quota apply to every key at once.'
              : pending?.kind === 'revoke-invitation'
                ? 'Its link stops working at once.'
                : 'Calls with this key are refused within a second.'}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

function Chosen({ session }: { session: Session }) {
  const { partnerId, picker } = usePartnerChoice(session);
  return (
    <>
      {picker}
      {partnerId ? <PartnerPage key={partnerId} partnerId={partnerId} /> : <p>Choose a partner above.</p>}
    </>
  );
}

export default function AdminPartner() {
  return (
    <ConsoleLayout
      title="Partner"
      description="One partner: plan, status, people, keys, usage and audit log."
      admin
    >
      {(session) => <Chosen session={session} />}
    </ConsoleLayout>
  );
}
