import Link from '@docusaurus/Link';
import { useEffect, useState } from 'react';
import ConfirmDialog from '../../components/ConfirmDialog';
import ConsoleLayout from '../../components/ConsoleLayout';
import DoneNotice from '../../components/DoneNotice';
import ErrorNotice from '../../components/ErrorNotice';
import { partnerSearch } from '../../components/PartnerPicker';
import styles from '../../components/console.module.css';
import { formatCents, formatDay, formatNumber } from '../../lib/format';
import { callApi } from '../../lib/session';
import { useApi } from '../../lib/useApi';
import { useConfirmedChange } from '../../lib/useConfirmedChange';

interface Plan {
  id: string;
  name: string;
  monthlyPriceCents: number;
  monthlyQuota: number;
}

interface Partner {
  id: string;
  name: string;
  createdAt: string;
  suspendedAt: string | null;
  plan: { id: string; name: string };
  customer: { name: string } | null;
}

interface QuotaUse {
  used: number;
  limit: number;
}

const PARTNERS = `query AdminPartners {
  partners { id name createdAt suspendedAt plan { id name } customer { name } }
  plans { id name monthlyPriceCents monthlyQuota }
}`;
/** The gateway allows 10 root fields an operation: quotas are asked for ten partners at a time. */
const QUOTAS_PER_CALL = 10;

/** This month's operations of every partner, in as few calls as the gateway's root-field limit allows. */
function useQuotas(partnerIds: string[] | undefined): Record<string, QuotaUse> {
  const [quotas, setQuotas] = useState<Record<string, QuotaUse>>({});
  const key = partnerIds?.join(',') ?? '';
  useEffect(() => {
    if (!key) return;
    let current = true;
    const ids = key.split(',');
    for (let start = 0; start < ids.length; start += QUOTAS_PER_CALL) {
      const chunk = ids.slice(start, start + QUOTAS_PER_CALL);
      const query = `query PartnerQuotas(${chunk.map((_, i) => `$p${i}: ID!`).join(', ')}) {
        ${chunk.map((_, i) => `q${i}: quota(partnerId: $p${i}) { used limit }`).join('\n')} }`;
      const variables = Object.fromEntries(chunk.map((id, i) => [`p${i}`, id]));
      void callApi<Record<string, QuotaUse>>(query, variables).then(
        (answer) => {
          if (!current) return;
          setQuotas((known) => ({
            ...known,
            ...Object.fromEntries(chunk.map((id, i) => [id, answer[`q${i}`]!])),
          }));
        },
        () => undefined,
      );
    }
    return () => {
      current = false;
    };
  }, [key]);
  return quotas;
}

type Pending =
  { kind: 'plan'; partner: Partner; plan: Plan } | { kind: 'suspend' | 'reactivate'; partner: Partner };

function Partners() {
  const { data, error, reload } = useApi<{ partners: Partner[]; plans: Plan[] }>(PARTNERS, {});
  const quotas = useQuotas(data?.partners.map((partner) => partner.id));
  const change = useConfirmedChange<Pending>(async (pending) => {
    if (pending.kind === 'plan') {
      await callApi(
        'mutation ChangePlan($p: ID!, $plan: ID!) { changePartnerPlan(partnerId: $p, planId: $plan) { id } }',
        { p: pending.partner.id, plan: pending.plan.id },
      );
      return `${pending.partner.name} is now on the ${pending.plan.name} plan.`;
    }
    const field = pending.kind === 'suspend' ? 'suspendPartner' : 'reactivatePartner';
    await callApi(`mutation SetSuspension($p: ID!) { ${field}(partnerId: $p) { id suspendedAt } }`, {
      p: pending.partner.id,
    });
    return `${pending.partner.name} is ${pending.kind === 'suspend' ? 'suspended' : 'active again'}.`;
  }, reload);
  const { pending, done } = change;
  const plans = data?.plans ?? [];
  return (
    <>
      <p>
        <Link className="button button--primary" to="/admin/onboard">
          Onboard a partner
        </Link>
      </p>
      <ErrorNotice error={error} />
      <DoneNotice done={done} />
      {data ? (
        <div className={styles.tableWrap}>
          <table className={styles.stacked}>
            <caption className={styles.visuallyHidden}>
              Partner organisations with their plan and usage
            </caption>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Customer</th>
                <th scope="col">Plan</th>
                <th scope="col" className={styles.numeric}>
                  Operations this month
                </th>
                <th scope="col">Since</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.partners.map((partner) => {
                const quota = quotas[partner.id];
                return (
                  <tr key={partner.id} data-partner-id={partner.id}>
                    <td data-label="Partner">{partner.name}</td>
                    <td data-label="Customer">{partner.customer?.name ?? 'None'}</td>
                    <td data-label="Plan">
                      <label className={styles.visuallyHidden} htmlFor={`plan-${partner.id}`}>
                        Plan of {partner.name}
                      </label>
                      <select
                        id={`plan-${partner.id}`}
                        value={partner.plan.id}
                        onChange={(event) => {
                          const plan = plans.find((p) => p.id === event.target.value);
                          if (plan) change.ask({ kind: 'plan', partner, plan });
                        }}
                      >
                        {plans.map((plan) => (
                          <option key={plan.id} value={plan.id}>
                            {plan.name} ({formatCents(plan.monthlyPriceCents)}/month)
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label="Operations this month" className={styles.numeric}>
                      {quota ? `${formatNumber(quota.used)} of ${formatNumber(quota.limit)}` : '…'}
                    </td>
                    <td data-label="Since">{formatDay(partner.createdAt)}</td>
                    <td data-label="Status">
                      {partner.suspendedAt ? `Suspended ${formatDay(partner.suspendedAt)}` : 'Active'}
                    </td>
                    <td data-label="Actions">
                      <div className={styles.actions}>
                        <Link
                          className="button button--secondary button--sm"
                          to={`/console/usage${partnerSearch(partner.id)}`}
                          aria-label={`Usage of ${partner.name}`}
                        >
                          Usage
                        </Link>
                        <Link
                          className="button button--secondary button--sm"
                          to={`/console/invoices${partnerSearch(partner.id)}`}
                          aria-label={`Invoices of ${partner.name}`}
                        >
                          Invoices
                        </Link>
                        <button
                          type="button"
                          className={`button button--sm ${partner.suspendedAt ? 'button--secondary' : 'button--danger'}`}
                          aria-label={`${partner.suspendedAt ? 'Reactivate' : 'Suspend'} ${partner.name}`}
                          onClick={() =>
                            change.ask({ kind: partner.suspendedAt ? 'reactivate' : 'suspend', partner })
                          }
                        >
                          {partner.suspendedAt ? 'Reactivate' : 'Suspend'}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={pending !== undefined}
        title={
          pending?.kind === 'plan'
            ? `Move ${pending.partner.name} to ${pending.plan.name}?`
            : pending?.kind === 'suspend'
              ? `Suspend ${pending.partner.name}?`
              : `Reactivate ${pending?.partner.name}?`
        }
        confirmLabel={
          pending?.kind === 'plan' ? 'Change plan' : pending?.kind === 'suspend' ? 'Suspend' : 'Reactivate'
        }
        danger={pending?.kind === 'suspend'}
        busy={change.busy}
        error={change.failure}
        onConfirm={() => void change.confirm()}
        onCancel={() => change.ask(undefined)}
      >
        <p>
          {pending?.kind === 'plan'
            ? `The new limits and quota (${formatNumber(pending.plan.monthlyQuota)} operations a month) apply to every key at once.`
            : pending?.kind === 'suspend'
              ? 'Every key of this partner will be refused with PARTNER_SUSPENDED within a second. Its developers can still sign in.'
              : "The partner's keys work again within a second."}
        </p>
      </ConfirmDialog>
    </>
  );
}

export default function AdminPartners() {
  return (
    <ConsoleLayout title="Partners" description="Partner organisations, their plans and usage." admin>
      {() => <Partners />}
    </ConsoleLayout>
  );
}
