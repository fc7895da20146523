import { graphql } from '../gql';
import type { MonthlyQuotaFragment } from '../gql/graphql';
import { formatDay, formatNumber } from '../lib/format';
import styles from './console.module.css';

/** What the panel shows of a quota: pages that show it ask for `quota { ...MonthlyQuota }`. */
graphql(`
  fragment MonthlyQuota on Quota {
    periodStart
    periodEnd
    limit
    used
    remaining
  }
`);

export default function QuotaPanel({ quota }: { quota: MonthlyQuotaFragment }) {
  return (
    <section className={styles.panel} aria-labelledby="quota-title">
      <h2 id="quota-title">Monthly quota</h2>
      <p>
        <span className={styles.stat}>{formatNumber(quota.used)}</span> of {formatNumber(quota.limit)}{' '}
        operations used, <strong>{formatNumber(quota.remaining)}</strong> remaining (
        {formatDay(quota.periodStart)} to {formatDay(quota.periodEnd)}).
      </p>
      <meter
        className={styles.meter}
        min={0}
        max={quota.limit}
        value={Math.min(quota.used, quota.limit)}
        high={quota.limit * 0.8}
        aria-label="Share of the monthly quota used"
      />
    </section>
  );
}
