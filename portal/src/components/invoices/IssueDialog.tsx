/**
 * Issuing a draft, confirmed. A month that has not ended would be invoiced without the rest of its usage and
 * never corrected, so the dialog says so and asks why it must go now; billing refuses it without a reason
 * (PERIOD_NOT_ENDED) and keeps the reason on the invoice.
 */
import { useState } from 'react';
import { graphql } from '../../gql';
import { callApi } from '../../lib/session';
import { invoiceName, money, monthEnded, type Invoice } from '../../lib/invoices';
import ConfirmDialog from '../ConfirmDialog';
import styles from '../console.module.css';

const ISSUE = graphql(`
  mutation IssueInvoice($id: ID!, $overrideReason: String) {
    issueInvoice(id: $id, overrideReason: $overrideReason) {
      id
      number
      dueOn
    }
  }
`);

export default function IssueDialog({
  invoice,
  onClose,
  onIssued,
}: {
  invoice: Invoice | undefined;
  onClose: () => void;
  onIssued: (sentence: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const early = invoice !== undefined && !monthEnded(invoice.period);
  const close = () => {
    setReason('');
    setFailure(undefined);
    onClose();
  };
  const issue = async () => {
    if (!invoice) return;
    if (early && reason.trim() === '') {
      setFailure(new Error('Give the reason for issuing before the month has ended.'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const { issueInvoice } = await callApi(ISSUE, {
        id: invoice.id,
        overrideReason: early ? reason : null,
      });
      setReason('');
      onIssued(
        `Issued ${issueInvoice.number} to ${invoice.partner?.name ?? 'the partner'}, due ${issueInvoice.dueOn}.`,
      );
    } catch (problem) {
      setFailure(problem);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open={invoice !== undefined}
      title={invoice ? `Issue ${invoiceName(invoice)}?` : ''}
      confirmLabel={early ? 'Issue early' : 'Issue invoice'}
      danger={early}
      busy={busy}
      error={failure}
      onConfirm={() => void issue()}
      onCancel={close}
    >
      {invoice ? (
        <>
          <p>
            {invoice.partner?.name} will see it, for {money(invoice)}. It gets the next invoice number and its
            due date, and cannot change afterwards.
          </p>
          {early ? (
            <>
              <div className="alert alert--warning margin-bottom--md" role="status">
                {invoice.period} has not ended: the rest of the month&apos;s usage would never be invoiced.
              </div>
              <div className={styles.field}>
                <label htmlFor="override-reason">Why issue it now? (kept on the invoice)</label>
                <textarea
                  id="override-reason"
                  rows={3}
                  maxLength={500}
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
              </div>
            </>
          ) : null}
        </>
      ) : null}
    </ConfirmDialog>
  );
}
