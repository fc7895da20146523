import { useState } from 'react';
import ConfirmDialog from '../../components/ConfirmDialog';
import ConsoleLayout from '../../components/ConsoleLayout';
import CopyButton from '../../components/CopyButton';
import ErrorNotice from '../../components/ErrorNotice';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import type { AccessRequestsQuery } from '../../gql/graphql';
import { formatTime } from '../../lib/format';
import { callApi } from '../../lib/session';
import { useApi } from '../../lib/useApi';
import { useConfirmedChange } from '../../lib/useConfirmedChange';

const REQUESTS = graphql(`
  query AccessRequests {
    accessRequests {
      id
      organisation
      name
      email
      useCase
      status
      createdAt
      decidedAt
    }
    plans {
      id
      name
    }
  }
`);
const APPROVE = graphql(`
  mutation ApproveAccessRequest($id: ID!, $planId: ID!) {
    approveAccessRequest(id: $id, planId: $planId) {
      request {
        id
        status
      }
      invitation {
        token
        email
      }
    }
  }
`);
const DECLINE = graphql(`
  mutation DeclineAccessRequest($id: ID!) {
    declineAccessRequest(id: $id) {
      id
      status
    }
  }
`);

type AccessRequest = AccessRequestsQuery['accessRequests'][number];

type Pending = { kind: 'approve' | 'decline'; request: AccessRequest };

function Requests() {
  const { data, error, reload } = useApi(REQUESTS, {});
  const [planId, setPlanId] = useState('');
  const [link, setLink] = useState<{ email: string; url: string }>();
  const chosenPlan = planId || data?.plans[0]?.id || '';
  const change = useConfirmedChange<Pending>(async ({ kind, request }) => {
    if (kind === 'decline') {
      await callApi(DECLINE, { id: request.id });
      return `Declined the request of ${request.organisation}.`;
    }
    const { approveAccessRequest } = await callApi(APPROVE, { id: request.id, planId: chosenPlan });
    const { invitation } = approveAccessRequest;
    setLink({
      email: invitation.email,
      url: `${window.location.origin}/console/accept?token=${encodeURIComponent(invitation.token)}`,
    });
    return `Approved ${request.organisation}: ${invitation.email} was invited by email.`;
  }, reload);
  const { pending } = change;
  const requests = data?.accessRequests ?? [];
  return (
    <>
      <p>
        People ask for a partner account with the public <a href="/console/request-access">request form</a>. A
        request grants nothing until it is approved here: approving creates the organisation on the plan you
        choose and emails the requester an invitation.
      </p>
      <ErrorNotice error={error} />
      {change.done ? (
        <div className="alert alert--success margin-bottom--md" role="status">
          {change.done}
          {link ? (
            <>
              {' '}
              The invitation link, if you prefer to send it yourself:{' '}
              <code data-testid="approval-link">{link.url}</code>{' '}
              <CopyButton text={link.url} label={`Copy the invitation link of ${link.email}`} />
            </>
          ) : null}
        </div>
      ) : null}
      {data && requests.length === 0 ? <p>No requests yet.</p> : null}
      {requests.length > 0 ? (
        <div className={styles.tableWrap}>
          <table className={styles.stacked}>
            <caption className={styles.visuallyHidden}>Requests for access, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Requester</th>
                <th scope="col">What for</th>
                <th scope="col">Received</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id}>
                  <td data-label="Organisation">{request.organisation}</td>
                  <td data-label="Requester">
                    {request.name} ({request.email})
                  </td>
                  <td data-label="What for">{request.useCase || '—'}</td>
                  <td data-label="Received">{formatTime(request.createdAt)}</td>
                  <td data-label="Status">
                    {request.status === 'PENDING'
                      ? 'Pending'
                      : `${request.status === 'APPROVED' ? 'Approved' : 'Declined'} ${formatTime(request.decidedAt)}`}
                  </td>
                  <td data-label="Actions">
                    {request.status === 'PENDING' ? (
                      <div className={styles.actions}>
                        <button
                          type="button"
                          className="button button--primary button--sm"
                          aria-label={`Approve ${request.organisation}`}
                          onClick={() => change.ask({ kind: 'approve', request })}
                        >
                          Approve
                        </button>
                        <button
                          type="button"
                          className="button button--secondary button--sm"
                          aria-label={`Decline ${request.organisation}`}
                          onClick={() => change.ask({ kind: 'decline', request })}
                        >
                          Decline
                        </button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={pending !== undefined}
        title={
          pending?.kind === 'approve'
            ? `Approve ${pending.request.organisation}?`
            : `Decline ${pending?.request.organisation}?`
        }
        confirmLabel={pending?.kind === 'approve' ? 'Approve and invite' : 'Decline'}
        danger={pending?.kind === 'decline'}
        busy={change.busy}
        error={change.failure}
        onConfirm={() => void change.confirm()}
        onCancel={() => change.ask(undefined)}
      >
        {pending?.kind === 'approve' ? (
          <div className={styles.field}>
            <p>
              Creates the organisation “{pending.request.organisation}” and emails {pending.request.email} an
              invitation to join it.
            </p>
            <label htmlFor="approve-plan">Plan</label>
            <select id="approve-plan" value={chosenPlan} onChange={(event) => setPlanId(event.target.value)}>
              {data?.plans.map((plan) => (
                <option key={plan.id} value={plan.id}>
                  {plan.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p>The requester gets no account. They may ask again later.</p>
        )}
      </ConfirmDialog>
    </>
  );
}

export default function AccessRequestsPage() {
  return (
    <ConsoleLayout
      title="Access requests"
      description="Approve or decline requests for a partner account."
      admin
    >
      {() => <Requests />}
    </ConsoleLayout>
  );
}
