/**
 * The business team's dashboards: first Meridian's own API business (invoices, MRR, partners), then the
 * seed's sample shop (the Metabase sample orders, in US$) with its question builder.
 */
import { useState } from 'react';
import BusinessDashboards from '../../components/BusinessDashboards';
import ConsoleLayout from '../../components/ConsoleLayout';
import ErrorNotice from '../../components/ErrorNotice';
import PeriodChart from '../../components/PeriodChart';
import QuestionBuilder from '../../components/QuestionBuilder';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import type { RevenueDashboardsQuery } from '../../gql/graphql';
import { formatMoney } from '../../lib/format';
import { formatDate, formatSpan } from '../../lib/periods';
import { useApi } from '../../lib/useApi';

const DASHBOARDS = graphql(`
  query RevenueDashboards {
    revenueAgainstTarget(days: 30) {
      from
      to
      revenue
      target
      attainment
      currency
    }
    revenueByWeek {
      weekStart
      revenue
    }
  }
`);
const TOP_CUSTOMERS = graphql(`
  query TopCustomers($offset: Int!) {
    topCustomersBySales(top: 10, first: 5, offset: $offset) {
      rows {
        rank
        name
        amount
        currency
      }
      from
      to
      total
    }
  }
`);

type Dashboards = RevenueDashboardsQuery;
/** Weeks of revenue the weekly chart shows, ending with the latest. */
const WEEKS_SHOWN = 26;
const PAGE_SIZE = 5;

const DAY_MS = 86_400_000;

function TargetPanel({ data }: { data: Dashboards['revenueAgainstTarget'] }) {
  const percent = Math.round(data.attainment * 100);
  return (
    <section className={styles.panel} aria-labelledby="target-title">
      <h3 id="target-title">Shop revenue against target, last 30 days of orders</h3>
      <p>
        <span className={styles.stat}>{formatMoney(data.revenue, data.currency)}</span> of{' '}
        {formatMoney(data.target, data.currency)} target: <strong>{percent} %</strong>
      </p>
      <meter
        className={styles.meter}
        min={0}
        max={Math.max(data.target, data.revenue)}
        low={data.target * 0.8}
        optimum={data.target}
        value={data.revenue}
        aria-label="Revenue as a share of the target"
      />
      <p className={styles.hint} data-testid="shop-window">
        {formatSpan(data.from, data.to)}: the sample’s last 30 days of orders, in US$
      </p>
    </section>
  );
}

/**
 * The shop's weekly revenue. Its orders stop on a fixed day, so the last week may hold only a few days of
 * them: that week is marked partial rather than drawn as a drop.
 */
function WeeklyRevenue({
  weeks,
  window,
}: {
  weeks: Dashboards['revenueByWeek'];
  window: Dashboards['revenueAgainstTarget'];
}) {
  const shown = weeks.slice(-WEEKS_SHOWN);
  const dataEnd = Date.parse(window.to);
  const bars = shown.map((week) => ({
    label: formatDate(week.weekStart),
    value: week.revenue,
    partial: Date.parse(week.weekStart) + 7 * DAY_MS > dataEnd,
  }));
  const last = shown.at(-1);
  return (
    <PeriodChart
      title={`Shop revenue per week (US$, last ${shown.length} weeks of orders)`}
      bars={bars}
      format={(value) => formatMoney(value, window.currency)}
      partialNote={
        last && bars.at(-1)?.partial
          ? `the week of ${formatDate(last.weekStart)}, partial: the orders end on ${formatDate(new Date(dataEnd - 1))}`
          : undefined
      }
    />
  );
}

function TopCustomersTable() {
  const [offset, setOffset] = useState(0);
  const { data, error } = useApi(TOP_CUSTOMERS, { offset });
  const page = data?.topCustomersBySales;
  return (
    <section className={styles.panel} aria-labelledby="top-title">
      <h3 id="top-title">Top shop customers by sales (US$)</h3>
      <ErrorNotice error={error} />
      {page ? (
        <>
          <div className={styles.tableWrap}>
            <table>
              <caption className={styles.visuallyHidden}>The ten best customers by total sales</caption>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Customer</th>
                  <th scope="col" className={styles.numeric}>
                    Sales
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((row) => (
                  <tr key={row.rank}>
                    <td>{row.rank}</td>
                    <td>{row.name}</td>
                    <td className={styles.numeric}>{formatMoney(row.amount, row.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className={styles.actions}>
            <button
              type="button"
              className="button button--secondary button--sm"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
            >
              Previous
            </button>
            <span role="status">
              Rows {page.from}–{page.to} of {page.total}
            </span>
            <button
              type="button"
              className="button button--secondary button--sm"
              disabled={page.to >= page.total}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              Next
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

function ShopDashboards() {
  const { data, error } = useApi(DASHBOARDS, {});
  return (
    <section aria-labelledby="shop-title" className="margin-top--lg">
      <h2 id="shop-title">Sample shop (the seed’s Metabase sample orders, in US$)</h2>
      <ErrorNotice error={error} />
      {data ? (
        <div className={styles.grid}>
          <TargetPanel data={data.revenueAgainstTarget} />
          <WeeklyRevenue weeks={data.revenueByWeek} window={data.revenueAgainstTarget} />
        </div>
      ) : null}
      <TopCustomersTable />
      <QuestionBuilder currency={data?.revenueAgainstTarget.currency ?? 'USD'} />
    </section>
  );
}

export default function AdminDashboards() {
  return (
    <ConsoleLayout
      title="Revenue"
      description="Meridian's invoiced revenue, MRR and partners; the sample shop's revenue and questions."
      admin
    >
      {() => (
        <>
          <BusinessDashboards />
          <ShopDashboards />
        </>
      )}
    </ConsoleLayout>
  );
}
