import { useMemo, useState } from 'react';
import ConsoleLayout from '../../components/ConsoleLayout';
import ErrorNotice from '../../components/ErrorNotice';
import { usePartnerChoice } from '../../components/PartnerPicker';
import QuotaPanel from '../../components/QuotaPanel';
import SeriesChart, { type ChartLimit, type ChartRow } from '../../components/SeriesChart';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import type { UsageGranularity, UsageGrouping } from '../../gql/graphql';
import { formatDay, formatHour, formatNumber } from '../../lib/format';
import type { Session } from '../../lib/session';
import { useApi } from '../../lib/useApi';
import own from './usage.module.css';

const USAGE = graphql(`
  query UsagePage(
    $partnerId: ID!
    $from: DateTimeISO!
    $to: DateTimeISO!
    $granularity: UsageGranularity
    $groupBy: UsageGrouping
  ) {
    usage(partnerId: $partnerId, from: $from, to: $to, granularity: $granularity, groupBy: $groupBy) {
      group
      points {
        bucket
        requests
        billed
        errors
        cost
        meanDurationMs
      }
    }
    partner(id: $partnerId) {
      plan {
        name
        requestsPerMinute
        costPointsPerMinute
        monthlyQuota
      }
    }
    quota(partnerId: $partnerId) {
      ...MonthlyQuota
    }
    apiKeys(partnerId: $partnerId) {
      id
      name
    }
  }
`);

const RANGES = [
  { id: '24h', label: 'Last 24 hours, per hour', granularity: 'HOUR' as UsageGranularity, buckets: 24 },
  { id: '7d', label: 'Last 7 days, per day', granularity: 'DAY' as UsageGranularity, buckets: 7 },
  { id: '30d', label: 'Last 30 days, per day', granularity: 'DAY' as UsageGranularity, buckets: 30 },
];
const GROUPINGS: { id: UsageGrouping; label: string }[] = [
  { id: 'TOTAL', label: 'Everything together' },
  { id: 'KEY', label: 'API key' },
  { id: 'SUBGRAPH', label: 'Subgraph' },
  { id: 'OPERATION', label: 'Operation' },
];
type Measure = 'requests' | 'billed' | 'cost' | 'errors';
const MEASURES: { key: Measure; title: string }[] = [
  { key: 'requests', title: "Requests (all, refused and the portal's own included)" },
  { key: 'billed', title: 'Billed operations (what the quota counts)' },
  { key: 'cost', title: 'Cost points' },
  { key: 'errors', title: 'Errors (failed or refused operations)' },
];
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The bucket starts of the window ending with the current hour or UTC day. */
function bucketWindow(
  granularity: UsageGranularity,
  count: number,
): { buckets: number[]; from: string; to: string } {
  const step = granularity === 'HOUR' ? HOUR_MS : DAY_MS;
  const last = Math.floor(Date.now() / step) * step;
  const buckets = Array.from({ length: count }, (_, i) => last - (count - 1 - i) * step);
  return {
    buckets,
    from: new Date(buckets[0]!).toISOString(),
    to: new Date(last + step).toISOString(),
  };
}

function Usage({ session }: { session: Session }) {
  const { partnerId, picker } = usePartnerChoice(session);
  const [rangeId, setRangeId] = useState('24h');
  const [groupBy, setGroupBy] = useState<UsageGrouping>('TOTAL');
  // Limits are usually far above the bars; without them the charts scale to the usage itself.
  const [showLimits, setShowLimits] = useState(true);
  const range = RANGES.find((r) => r.id === rangeId)!;
  // The window is fixed when the choice is made, so re-renders do not ask again.
  const span = useMemo(() => bucketWindow(range.granularity, range.buckets), [range]);
  const { data, error, loading, reload } = useApi(
    USAGE,
    partnerId ? { partnerId, from: span.from, to: span.to, granularity: range.granularity, groupBy } : null,
  );

  const keyNames = new Map((data?.apiKeys ?? []).map((key) => [key.id, key.name]));
  // Calls made with a portal session (this console, the explorer) carry no key.
  const keyName = (id: string) =>
    id === 'anonymous' ? 'Portal sessions (no key)' : (keyNames.get(id) ?? id);
  const series = (data?.usage ?? []).map((entry) => ({
    key: entry.group,
    name: entry.group === '*' ? 'All' : groupBy === 'KEY' ? keyName(entry.group) : entry.group,
    points: new Map(entry.points.map((point) => [Date.parse(point.bucket), point])),
  }));
  const label = (at: number) =>
    range.granularity === 'HOUR'
      ? formatHour(new Date(at).toISOString())
      : formatDay(new Date(at).toISOString());
  // The plan's limits as the most each bucket could hold: the rate limits are per minute.
  const plan = data?.partner?.plan;
  const minutes = range.granularity === 'HOUR' ? 60 : 1440;
  const limits: Partial<Record<Measure, ChartLimit>> =
    plan && showLimits
      ? {
          requests: {
            value: plan.requestsPerMinute * minutes,
            label: `rate limit, ${formatNumber(plan.requestsPerMinute)}/min`,
          },
          billed: { value: plan.monthlyQuota, label: `monthly quota, ${formatNumber(plan.monthlyQuota)}` },
          cost: {
            value: plan.costPointsPerMinute * minutes,
            label: `cost limit, ${formatNumber(plan.costPointsPerMinute)}/min`,
          },
        }
      : {};
  const rowsOf = (measure: Measure): ChartRow[] =>
    span.buckets.map((at) => ({
      label: label(at),
      ...Object.fromEntries(series.map((s) => [s.key, s.points.get(at)?.[measure] ?? 0])),
    }));
  const totals = series.map((s) => {
    const points = [...s.points.values()];
    const requests = points.reduce((sum, p) => sum + p.requests, 0);
    return {
      ...s,
      requests,
      errors: points.reduce((sum, p) => sum + p.errors, 0),
      cost: points.reduce((sum, p) => sum + p.cost, 0),
      meanMs: requests ? points.reduce((sum, p) => sum + p.meanDurationMs * p.requests, 0) / requests : 0,
    };
  });
  const all = totals.reduce((sum, t) => sum + t.requests, 0);

  return (
    <>
      {picker}
      <ErrorNotice error={error} />
      <div className={`${styles.formWide} margin-bottom--md`}>
        <div className={styles.field}>
          <label htmlFor="usage-range">Period</label>
          <select id="usage-range" value={rangeId} onChange={(event) => setRangeId(event.target.value)}>
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="usage-group">Split by</label>
          <select
            id="usage-group"
            value={groupBy}
            onChange={(event) => setGroupBy(event.target.value as UsageGrouping)}
          >
            {GROUPINGS.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <label className={own.toggle}>
          <input
            type="checkbox"
            checked={showLimits}
            onChange={(event) => setShowLimits(event.target.checked)}
          />
          Draw the plan&apos;s limits
        </label>
        <div className={styles.actions}>
          <button type="button" className="button button--secondary" onClick={reload} disabled={loading}>
            {loading ? 'Loading…' : 'Refresh'}
          </button>
        </div>
      </div>
      {data ? (
        <>
          <QuotaPanel quota={data.quota} />
          <p role="status" data-testid="usage-total">
            {formatNumber(all)} requests in this period.
          </p>
          <p>
            Only operations made with an API key and answered count against the quota. Refused requests
            (authentication, limits, cost, validation) and this console&apos;s own calls spend nothing; the
            console&apos;s calls beyond its monthly allowance are billed like key calls.{' '}
            <a href="/docs/rate-limits#what-is-metered">What is metered</a>
          </p>
          <div className={styles.grid}>
            {MEASURES.map((measure) => (
              <SeriesChart
                key={measure.key}
                title={`${measure.title} per ${range.granularity === 'HOUR' ? 'hour' : 'day'}`}
                rows={rowsOf(measure.key)}
                series={series}
                limit={limits[measure.key]}
              />
            ))}
          </div>
          <div className={styles.tableWrap}>
            <table className={styles.stacked}>
              <caption className={styles.visuallyHidden}>Usage totals of the period</caption>
              <thead>
                <tr>
                  <th scope="col">{GROUPINGS.find((g) => g.id === groupBy)!.label}</th>
                  <th scope="col" className={styles.numeric}>
                    Requests
                  </th>
                  <th scope="col" className={styles.numeric}>
                    Errors
                  </th>
                  <th scope="col" className={styles.numeric}>
                    Cost points
                  </th>
                  <th scope="col" className={styles.numeric}>
                    Mean duration
                  </th>
                </tr>
              </thead>
              <tbody>
                {totals.map((t) => (
                  <tr key={t.key}>
                    <td data-label="Group">{t.name}</td>
                    <td data-label="Requests" className={styles.numeric}>
                      {formatNumber(t.requests)}
                    </td>
                    <td data-label="Errors" className={styles.numeric}>
                      {formatNumber(t.errors)}
                    </td>
                    <td data-label="Cost points" className={styles.numeric}>
                      {formatNumber(t.cost)}
                    </td>
                    <td data-label="Mean duration" className={styles.numeric}>
                      {t.meanMs.toFixed(1)} ms
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

export default function UsagePage() {
  return (
    <ConsoleLayout title="Usage" description="Requests, cost points and errors of your keys, and your quota.">
      {(session) => <Usage session={session} />}
    </ConsoleLayout>
  );
}
