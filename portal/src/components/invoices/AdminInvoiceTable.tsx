/**
 * Invoices as the business team works through them: each with its number, month (and whether the month
 * has ended, for a draft), amounts, status, why it was issued early if it was, its due date, and the
 * next step (issue a draft, record a payment of an issued one).
 */
import { graphql } from '../../gql';
import type { AdminInvoiceFieldsFragment } from '../../gql/graphql';
import { formatDay } from '../../lib/format';
import { invoiceName, money, monthEnded, statusLabel, type Invoice } from '../../lib/invoices';
import styles from '../console.module.css';
import PdfButton from './PdfButton';

/** Numbers and days read as one word: never broken at their dashes. */
const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** What the business team's tables show of an invoice: the shared fields and why it was issued early. */
graphql(`
  fragment AdminInvoiceFields on Invoice {
    ...InvoiceFields
    issueOverride {
      reason
      by
      at
    }
  }
`);

export type AdminInvoice = AdminInvoiceFieldsFragment;

export default function AdminInvoiceTable({
  invoices,
  showPartner,
  caption,
  onView,
  onIssue,
  onPay,
  onError,
}: {
  invoices: AdminInvoice[];
  showPartner: boolean;
  caption: string;
  onView: (invoice: Invoice) => void;
  onIssue: (invoice: Invoice) => void;
  onPay: (invoice: Invoice) => void;
  onError: (error: unknown) => void;
}) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.stacked}>
        <caption className={styles.visuallyHidden}>{caption}</caption>
        <thead>
          <tr>
            {showPartner ? <th scope="col">Partner</th> : null}
            <th scope="col">Number</th>
            <th scope="col">Month</th>
            <th scope="col" className={styles.numeric}>
              Total
            </th>
            <th scope="col" className={styles.numeric}>
              Due
            </th>
            <th scope="col">Status</th>
            <th scope="col">Due date</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id} data-invoice-id={invoice.id}>
              {showPartner ? <td data-label="Partner">{invoice.partner?.name}</td> : null}
              <td data-label="Number" style={NOWRAP}>
                {invoice.number ?? '—'}
              </td>
              <td data-label="Month" style={NOWRAP}>
                {invoice.period}
                {invoice.status === 'DRAFT' ? (
                  <div className={styles.hint}>
                    {monthEnded(invoice.period) ? 'Month ended' : 'Month not over yet'}
                  </div>
                ) : null}
              </td>
              <td data-label="Total" className={styles.numeric}>
                {money(invoice)}
              </td>
              <td data-label="Due" className={styles.numeric}>
                {money(invoice, invoice.amountDueCents)}
              </td>
              <td data-label="Status">
                <span>{statusLabel(invoice)}</span>
                {invoice.issueOverride ? (
                  <div className={styles.hint} data-testid="issue-override">
                    Issued before the month ended by {invoice.issueOverride.by ?? 'an admin'} on{' '}
                    {formatDay(invoice.issueOverride.at)}: {invoice.issueOverride.reason}
                  </div>
                ) : null}
              </td>
              <td data-label="Due date" style={NOWRAP}>
                {invoice.dueOn ?? '—'}
              </td>
              <td data-label="Actions">
                <div className={styles.actions}>
                  <button
                    type="button"
                    className="button button--secondary button--sm"
                    aria-label={`View ${invoiceName(invoice)}`}
                    onClick={() => onView(invoice)}
                  >
                    View
                  </button>
                  <PdfButton invoice={invoice} onError={onError} />
                  {invoice.status === 'DRAFT' ? (
                    <button
                      type="button"
                      className="button button--primary button--sm"
                      aria-label={`Issue ${invoiceName(invoice)}`}
                      onClick={() => onIssue(invoice)}
                    >
                      Issue
                    </button>
                  ) : null}
                  {invoice.status === 'ISSUED' ? (
                    <button
                      type="button"
                      className="button button--primary button--sm"
                      aria-label={`Record a payment of ${invoiceName(invoice)}`}
                      onClick={() => onPay(invoice)}
                    >
                      Record payment
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
