import Link from '@docusaurus/Link';
import ConsoleLayout from '../../components/ConsoleLayout';
import ErrorNotice from '../../components/ErrorNotice';
import { usePartnerChoice } from '../../components/PartnerPicker';
import styles from '../../components/console.module.css';
import QuotaPanel from '../../components/QuotaPanel';
import SuspendedNotice from '../../components/SuspendedNotice';
import { graphql } from '../../gql';
import { formatNumber } from '../../lib/format';
import type { Session } from '../../lib/session';
import { useApi } from '../../lib/useApi';

const OVERVIEW = graphql(`
  query ConsoleOverview($partnerId: ID!) {
    partner(id: $partnerId) {
      name
      suspendedAt
      plan {
        name
        monthlyQuota
        requestsPerMinute
        costPointsPerMinute
        concurrentSubscriptions
      }
    }
    quota(partnerId: $partnerId) {
      ...MonthlyQuota
    }
  }
`);

function OverviewPanels({ session }: { session: Session }) {
  const { partnerId, picker } = usePartnerChoice(session);
  const { data, error } = useApi(OVERVIEW, partnerId ? { partnerId } : null);
  return (
    <>
      {picker}
      <ErrorNotice error={error} />
      {data?.partner ? (
        <>
          {data.partner.suspendedAt ? (
            <SuspendedNotice name={data.partner.name} suspendedAt={data.partner.suspendedAt} />
          ) : null}
          <div className={styles.grid}>
            <section className={styles.panel} aria-labelledby="plan-title">
              <h2 id="plan-title">
                {data.partner.name}: {data.partner.plan.name} plan
              </h2>
              <ul>
                <li>{formatNumber(data.partner.plan.requestsPerMinute)} requests a minute per key</li>
                <li>{formatNumber(data.partner.plan.costPointsPerMinute)} cost points a minute</li>
                <li>{formatNumber(data.partner.plan.concurrentSubscriptions)} subscriptions at once</li>
              </ul>
            </section>
            <QuotaPanel quota={data.quota} />
          </div>
          <p>
            <Link to="/console/keys">Create an API key</Link>, then follow{' '}
            <Link to="/docs/getting-started">Getting started</Link> for a first query, or try one in the{' '}
            <Link to="/console/explorer">explorer</Link>.
          </p>
        </>
      ) : null}
    </>
  );
}

export default function ConsoleHome() {
  return (
    <ConsoleLayout title="Console" description="Your Meridian plan, quota, API keys and usage.">
      {(session) => <OverviewPanels session={session} />}
    </ConsoleLayout>
  );
}
