/** The business team's step before issuing: a month's draft, computed (again) from the plan and the usage. */
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { Invoice } from '../../lib/invoices';
import { callApi } from '../../lib/session';
import ErrorNotice from '../ErrorNotice';
import styles from '../console.module.css';

const GENERATE = graphql(`
  mutation GenerateInvoice($partnerId: ID!, $period: String!) {
    generateInvoice(partnerId: $partnerId, period: $period) {
      ...InvoiceFields
    }
  }
`);
const MONTHS_OFFERED = 12;

/** `YYYY-MM` of this UTC month and the ones before it, newest first. */
function recentMonths(count: number, now = new Date()): string[] {
  return Array.from({ length: count }, (_, back) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7),
  );
}

export default function PrepareDraft({
  partnerId,
  onPrepared,
}: {
  partnerId: string;
  onPrepared: (draft: Invoice) => void;
}) {
  const months = recentMonths(MONTHS_OFFERED);
  // The month just ended: the one usually invoiced.
  const [period, setPeriod] = useState(months[1]!);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const prepare = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { generateInvoice } = await callApi(GENERATE, { partnerId, period });
      onPrepared(generateInvoice);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.panel} aria-labelledby="prepare-title">
      <h2 id="prepare-title">Prepare an invoice</h2>
      <ErrorNotice error={error} />
      <p className={styles.hint}>
        Billing prepares every partner&apos;s draft for the month just ended by itself. Preparing one here
        computes it (again) from the plan and the operations metered in the month, say after a plan change.
        The partner sees it once it is issued; a month is issued once it has ended.
      </p>
      <form onSubmit={prepare} className={styles.form}>
        <div className={styles.field}>
          <label htmlFor="invoice-period">Month</label>
          <select id="invoice-period" value={period} onChange={(event) => setPeriod(event.target.value)}>
            {months.map((month) => (
              <option key={month} value={month}>
                {month}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Preparing…' : 'Prepare draft'}
          </button>
        </div>
      </form>
    </section>
  );
}
