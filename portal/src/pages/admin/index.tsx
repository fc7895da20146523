import Link from '@docusaurus/Link';
import { useEffect, useMemo, useState } from 'react';
import ConsoleLayout from '../../components/ConsoleLayout';
import ErrorNotice from '../../components/ErrorNotice';
import { partnerSearch } from '../../components/PartnerPicker';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import type { AdminPartnersQuery, QuotaUseFragment } from '../../gql/graphql';
import { formatDay, formatNumber } from '../../lib/format';
import { partnerQuotasOperation, QUOTAS_PER_CALL } from '../../lib/quotas';
import { callApi } from '../../lib/session';
import { useApi } from '../../lib/useApi';

const PARTNERS = graphql(`
  query AdminPartners {
    partners {
      id
      name
      createdAt
      status
      suspendedAt
      plan {
        id
        name
        monthlyPriceCents
      }
      customer {
        name
      }
    }
    accessRequests(status: PENDING) {
      id
    }
  }
`);

type Partner = AdminPartnersQuery['partners'][number];

type SortKey = 'name' | 'plan' | 'created' | 'status';
type StatusFilter = 'ALL' | 'ACTIVE' | 'SUSPENDED';

const SORTS: Record<SortKey, { label: string; compare: (a: Partner, b: Partner) => number }> = {
  name: { label: 'Name', compare: (a, b) => a.name.localeCompare(b.name) },
  plan: {
    label: 'Plan',
    compare: (a, b) => a.plan.monthlyPriceCents - b.plan.monthlyPriceCents || a.name.localeCompare(b.name),
  },
  created: { label: 'Newest first', compare: (a, b) => b.createdAt.localeCompare(a.createdAt) },
  status: {
    label: 'Status (suspended first)',
    compare: (a, b) => b.status.localeCompare(a.status) || a.name.localeCompare(b.name),
  },
};

/** This month's operations of the partners shown, in as few calls as the gateway's root-field limit allows. */
function useQuotas(partnerIds: string[]): Record<string, QuotaUseFragment> {
  const [quotas, setQuotas] = useState<Record<string, QuotaUseFragment>>({});
  const key = partnerIds.join(',');
  useEffect(() => {
    if (!key) return;
    let current = true;
    const ids = key.split(',');
    for (let start = 0; start < ids.length; start += QUOTAS_PER_CALL) {
      const chunk = ids.slice(start, start + QUOTAS_PER_CALL);
      const variables = Object.fromEntries(chunk.map((id, i) => [`p${i}`, id]));
      void callApi(partnerQuotasOperation(chunk.length), variables).then(
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

function Partners() {
  const { data, error } = useApi(PARTNERS, {});
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const [status, setStatus] = useState<StatusFilter>('ALL');
  const shown = useMemo(() => {
    const wanted = search.trim().toLowerCase();
    return (data?.partners ?? [])
      .filter((partner) => status === 'ALL' || partner.status === status)
      .filter(
        (partner) =>
          !wanted || partner.name.toLowerCase().includes(wanted) || partner.id.toLowerCase().includes(wanted),
      )
      .sort(SORTS[sort].compare);
  }, [data, search, sort, status]);
  const quotas = useQuotas(shown.map((partner) => partner.id));
  const pendingRequests = data?.accessRequests.length ?? 0;
  return (
    <>
      <div className={`${styles.actions} margin-bottom--md`}>
        <Link className="button button--primary" to="/admin/onboard">
          Onboard a partner
        </Link>
        <Link className="button button--secondary" to="/admin/requests" data-testid="pending-requests">
          Access requests{data ? `: ${pendingRequests} pending` : ''}
        </Link>
      </div>
      <ErrorNotice error={error} />
      <form
        className={`${styles.formWide} margin-bottom--md`}
        aria-label="Find partners"
        onSubmit={(event) => event.preventDefault()}
      >
        <div className={styles.field}>
          <label htmlFor="partners-search">Search</label>
          <input
            id="partners-search"
            type="search"
            placeholder="Name or id"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="partners-status">Status</label>
          <select
            id="partners-status"
            value={status}
            onChange={(event) => setStatus(event.target.value as StatusFilter)}
          >
            <option value="ALL">All</option>
            <option value="ACTIVE">Active</option>
            <option value="SUSPENDED">Suspended</option>
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="partners-sort">Sort by</label>
          <select
            id="partners-sort"
            value={sort}
            onChange={(event) => setSort(event.target.value as SortKey)}
          >
            {Object.entries(SORTS).map(([key, { label }]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </form>
      {data ? (
        <>
          <p className={styles.hint} aria-live="polite">
            {shown.length === data.partners.length
              ? `${formatNumber(shown.length)} partners`
              : `${formatNumber(shown.length)} of ${formatNumber(data.partners.length)} partners`}
          </p>
          <div className={styles.tableWrap}>
            <table className={styles.stacked}>
              <caption className={styles.visuallyHidden}>
                Partner organisations with their plan, usage and status
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
                </tr>
              </thead>
              <tbody>
                {shown.map((partner) => {
                  const quota = quotas[partner.id];
                  return (
                    <tr key={partner.id} data-partner-id={partner.id}>
                      <td data-label="Partner">
                        <Link to={`/admin/partner${partnerSearch(partner.id)}`}>{partner.name}</Link>
                      </td>
                      <td data-label="Customer">{partner.customer?.name ?? 'None'}</td>
                      <td data-label="Plan">{partner.plan.name}</td>
                      <td data-label="Operations this month" className={styles.numeric}>
                        {quota ? `${formatNumber(quota.used)} of ${formatNumber(quota.limit)}` : '…'}
                      </td>
                      <td data-label="Since">{formatDay(partner.createdAt)}</td>
                      <td data-label="Status">
                        {partner.suspendedAt ? `Suspended ${formatDay(partner.suspendedAt)}` : 'Active'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
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
