/**
 * The API business's own dashboards (billing's `businessDashboard`): what Meridian invoices, its recurring
 * revenue, which partners use and pay the most, who is close to their quota, and partners won and lost.
 * Every amount is in the one currency the API states; every period is named by its dates, and the one in
 * progress is marked "so far".
 */
import ErrorNotice from './ErrorNotice';
import PeriodChart from './PeriodChart';
import styles from './console.module.css';
import { formatMoney, formatNumber } from '../lib/format';
import { formatDate, formatMonth, formatSpan, SO_FAR } from '../lib/periods';
import { graphql } from '../gql';
import type { BusinessDashboardQuery } from '../gql/graphql';
import { useApi } from '../lib/useApi';

type Dashboard = BusinessDashboardQuery['businessDashboard'];
type Period = Dashboard['rankingSpan'];
type PartnerFigure = Dashboard['topPartnersByUsage'][number];

const BUSINESS = graphql(`
  query BusinessDashboard {
    businessDashboard(weeks: 12, months: 6, top: 5) {
      currency
      asOf
      revenueWindow {
        start
        end
        partial
        revenue
        invoices
        target
        attainment
      }
      weeklyRevenue {
        start
        end
        partial
        revenue
        invoices
      }
      mrr
      mrrByPlan {
        planId
        planName
        activePartners
        monthlyPrice
        mrr
      }
      rankingSpan {
        start
        end
        partial
      }
      topPartnersByUsage {
        partnerId
        name
        planName
        billedRequests
        revenue
      }
      topPartnersByRevenue {
        partnerId
        name
        planName
        billedRequests
        revenue
      }
      quotaMonth {
        start
        end
        partial
      }
      quotaWatchPercent
      partnersNearQuota {
        partnerId
        name
        planName
        billedRequests
        monthlyQuota
        share
      }
      partnerGrowth {
        start
        end
        partial
        joined
        churned
        activeAtEnd
      }
    }
  }
`);

const spanLabel = (period: Period) =>
  `${formatSpan(period.start, period.end)}${period.partial ? ` ${SO_FAR}` : ''}`;

function RevenueTarget({ data }: { data: Dashboard }) {
  const window = data.revenueWindow;
  return (
    <section className={styles.panel} aria-labelledby="business-target-title">
      <h3 id="business-target-title">Invoiced revenue against the 30-day target</h3>
      <p data-testid="business-revenue">
        <span className={styles.stat}>{formatMoney(window.revenue, data.currency)}</span> of{' '}
        {formatMoney(window.target, data.currency)} target:{' '}
        <strong>{Math.round(window.attainment * 100)} %</strong>
      </p>
      <meter
        className={styles.meter}
        min={0}
        max={Math.max(window.target, window.revenue)}
        low={window.target * 0.8}
        optimum={window.target}
        value={window.revenue}
        aria-label="Invoiced revenue as a share of the target"
      />
      <p className={styles.hint} data-testid="business-window">
        {spanLabel(window)}: {window.invoices} invoices issued, net of tax
      </p>
    </section>
  );
}

function Mrr({ data }: { data: Dashboard }) {
  return (
    <section className={styles.panel} aria-labelledby="mrr-title">
      <h3 id="mrr-title">Monthly recurring revenue</h3>
      <p>
        <span className={styles.stat} data-testid="business-mrr">
          {formatMoney(data.mrr, data.currency)}
        </span>{' '}
        a month, from active partners at their plan’s price
      </p>
      <div className={styles.tableWrap}>
        <table>
          <caption className={styles.visuallyHidden}>Monthly recurring revenue by plan</caption>
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col" className={styles.numeric}>
                Active partners
              </th>
              <th scope="col" className={styles.numeric}>
                MRR
              </th>
            </tr>
          </thead>
          <tbody>
            {data.mrrByPlan.map((plan) => (
              <tr key={plan.planId}>
                <td>
                  {plan.planName} ({formatMoney(plan.monthlyPrice, data.currency)})
                </td>
                <td className={styles.numeric}>{plan.activePartners}</td>
                <td className={styles.numeric}>{formatMoney(plan.mrr, data.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function WeeklyRevenue({ data }: { data: Dashboard }) {
  const weeks = data.weeklyRevenue;
  const current = weeks.find((week) => week.partial);
  return (
    <>
      <PeriodChart
        title={`Invoiced revenue per week (${data.currency})`}
        bars={weeks.map((week) => ({
          label: formatDate(week.start),
          value: week.revenue,
          partial: week.partial,
        }))}
        format={(value) => formatMoney(value, data.currency)}
        partialNote={current ? `the week of ${formatDate(current.start)}, ${SO_FAR}` : undefined}
      />
      <details className={styles.panel}>
        <summary>Weekly revenue as a table</summary>
        <div className={styles.tableWrap}>
          <table>
            <caption className={styles.visuallyHidden}>Invoiced revenue per week</caption>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col" className={styles.numeric}>
                  Invoices
                </th>
                <th scope="col" className={styles.numeric}>
                  Revenue
                </th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week.start} data-partial={week.partial ? 'true' : undefined}>
                  <td>
                    {formatDate(week.start)}
                    {week.partial ? ` (${spanLabel(week)})` : ''}
                  </td>
                  <td className={styles.numeric}>{week.invoices}</td>
                  <td className={styles.numeric}>{formatMoney(week.revenue, data.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

function TopPartners({
  id,
  title,
  rows,
  data,
}: {
  id: string;
  title: string;
  rows: PartnerFigure[];
  data: Dashboard;
}) {
  return (
    <section className={styles.panel} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p className={styles.hint}>{spanLabel(data.rankingSpan)}</p>
      {rows.length === 0 ? (
        <p>Nothing billed in these months.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table data-testid={id}>
            <caption className={styles.visuallyHidden}>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col" className={styles.numeric}>
                  Billed requests
                </th>
                <th scope="col" className={styles.numeric}>
                  Revenue
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.partnerId}>
                  <td>
                    {row.name} <span className={styles.hint}>({row.planName})</span>
                  </td>
                  <td className={styles.numeric}>{formatNumber(row.billedRequests)}</td>
                  <td className={styles.numeric}>{formatMoney(row.revenue, data.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function QuotaWatch({ data }: { data: Dashboard }) {
  const rows = data.partnersNearQuota;
  return (
    <section className={styles.panel} aria-labelledby="quota-watch-title">
      <h3 id="quota-watch-title">Partners over {data.quotaWatchPercent} % of their monthly quota</h3>
      <p className={styles.hint}>{spanLabel(data.quotaMonth)}</p>
      {rows.length === 0 ? (
        <p>No partner is near its quota this month.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table data-testid="quota-watch">
            <caption className={styles.visuallyHidden}>Partners near their monthly quota</caption>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col" className={styles.numeric}>
                  Billed / quota
                </th>
                <th scope="col" className={styles.numeric}>
                  Used
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.partnerId}>
                  <td>
                    {row.name} <span className={styles.hint}>({row.planName})</span>
                  </td>
                  <td className={styles.numeric}>
                    {formatNumber(row.billedRequests)} / {formatNumber(row.monthlyQuota)}
                  </td>
                  <td className={styles.numeric}>{Math.floor(row.share * 100)} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PartnerGrowth({ data }: { data: Dashboard }) {
  return (
    <section className={styles.panel} aria-labelledby="growth-title">
      <h3 id="growth-title">Partners won and lost per month</h3>
      <p className={styles.hint}>Lost: suspended in that month and not reactivated since.</p>
      <div className={styles.tableWrap}>
        <table data-testid="partner-growth">
          <caption className={styles.visuallyHidden}>Partners won and lost per month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className={styles.numeric}>
                New
              </th>
              <th scope="col" className={styles.numeric}>
                Lost
              </th>
              <th scope="col" className={styles.numeric}>
                Active at its end
              </th>
            </tr>
          </thead>
          <tbody>
            {data.partnerGrowth.map((month) => (
              <tr key={month.start}>
                <td>
                  {formatMonth(month.start)}
                  {month.partial ? ` (${spanLabel(month)})` : ''}
                </td>
                <td className={styles.numeric}>{month.joined}</td>
                <td className={styles.numeric}>{month.churned}</td>
                <td className={styles.numeric}>{month.activeAtEnd}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function BusinessDashboards() {
  const { data, error } = useApi(BUSINESS, {});
  const dashboard = data?.businessDashboard;
  return (
    <section aria-labelledby="business-title">
      <h2 id="business-title">Meridian API business</h2>
      <ErrorNotice error={error} />
      {dashboard ? (
        <>
          <p className={styles.hint} data-testid="business-currency">
            Amounts in {dashboard.currency}, net of tax, from issued and paid invoices on their issue date. As
            of {formatDate(dashboard.asOf)}.
          </p>
          <div className={styles.grid}>
            <RevenueTarget data={dashboard} />
            <Mrr data={dashboard} />
          </div>
          <WeeklyRevenue data={dashboard} />
          <div className={styles.grid}>
            <TopPartners
              id="top-usage"
              title="Top partners by usage"
              rows={dashboard.topPartnersByUsage}
              data={dashboard}
            />
            <TopPartners
              id="top-revenue"
              title="Top partners by revenue"
              rows={dashboard.topPartnersByRevenue}
              data={dashboard}
            />
          </div>
          <div className={styles.grid}>
            <QuotaWatch data={dashboard} />
            <PartnerGrowth data={dashboard} />
          </div>
        </>
      ) : null}
    </section>
  );
}
