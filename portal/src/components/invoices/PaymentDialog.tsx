/** Recording money received against an issued invoice: the amount, the day it arrived, the bank's reference. */
import { useEffect, useState } from 'react';
import { graphql } from '../../gql';
import { callApi } from '../../lib/session';
import { invoiceName, money, type Invoice } from '../../lib/invoices';
import ConfirmDialog from '../ConfirmDialog';
import styles from '../console.module.css';

const RECORD = graphql(`
  mutation RecordPayment($id: ID!, $amountCents: Int!, $paidOn: String!, $reference: String!) {
    recordPayment(invoiceId: $id, amountCents: $amountCents, paidOn: $paidOn, reference: $reference) {
      id
      status
      amountDueCents
    }
  }
`);

/** "12.50" or "12,50" → 1250; undefined unless a positive amount with at most two decimals. */
function parseCents(text: string): number | undefined {
  const match = /^\s*(\d+)(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents > 0 && Number.isSafeInteger(cents) ? cents : undefined;
}

const today = () => new Date().toISOString().slice(0, 10);

export default function PaymentDialog({
  invoice,
  onClose,
  onRecorded,
}: {
  invoice: Invoice | undefined;
  onClose: () => void;
  onRecorded: (sentence: string) => void;
}) {
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(today());
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    if (!invoice) return;
    setAmount((invoice.amountDueCents / 100).toFixed(2));
    setPaidOn(today());
    setReference('');
    setFailure(undefined);
  }, [invoice]);
  const record = async () => {
    if (!invoice) return;
    const amountCents = parseCents(amount);
    if (amountCents === undefined) {
      setFailure(new Error('Enter the amount received, e.g. 120.50.'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const { recordPayment } = await callApi(RECORD, { id: invoice.id, amountCents, paidOn, reference });
      onRecorded(
        recordPayment.status === 'PAID'
          ? `Recorded ${money(invoice, amountCents)}: ${invoice.number} is paid.`
          : `Recorded ${money(invoice, amountCents)}: ${money(invoice, recordPayment.amountDueCents)} of ${invoice.number} still due.`,
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
      title={invoice ? `Record a payment of ${invoiceName(invoice)}` : ''}
      confirmLabel="Record payment"
      busy={busy}
      error={failure}
      onConfirm={() => void record()}
      onCancel={onClose}
    >
      {invoice ? (
        <>
          <p>
            {money(invoice, invoice.amountDueCents)} of {money(invoice)} is still due.
          </p>
          <div className={styles.form}>
            <div className={styles.field}>
              <label htmlFor="payment-amount">Amount received ({invoice.currency})</label>
              <input
                id="payment-amount"
                inputMode="decimal"
                value={amount}
                onChange={(event) => setAmount(event.target.value)}
              />
            </div>
            <div className={styles.field}>
              <label htmlFor="payment-date">Received on</label>
              <input
                id="payment-date"
                type="date"
                max={today()}
                value={paidOn}
                onChange={(event) => setPaidOn(event.target.value)}
              />
            </div>
            <div className={styles.field}>
              <label htmlFor="payment-reference">Bank reference</label>
              <input
                id="payment-reference"
                maxLength={140}
                value={reference}
                onChange={(event) => setReference(event.target.value)}
              />
            </div>
          </div>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
