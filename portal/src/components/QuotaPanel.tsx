import { formatDay, formatNumber } from '../lib/format';
import styles from './console.module.css';

export interface Quota {
  periodStart: string;
  periodEnd: string;
  limit: number;
  used: number;
  remaining: number;
}

export default function QuotaPanel({ quota }: { quota: Quota }) {
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
