/**
 * A partner's invoices, for its people: each month once issued, with its number, due date, what is still
 * due, the printable page and the PDF. Read only: the business team issues invoices and records payments
 * on its own page (/admin/invoices), where an admin who opens this one is sent, with the partner chosen.
 */
import { Redirect, useLocation } from '@docusaurus/router';
import { useState } from 'react';
import ConsoleLayout from '../../components/ConsoleLayout';
import ErrorNotice from '../../components/ErrorNotice';
import InvoiceViewer from '../../components/invoices/InvoiceViewer';
import PdfButton from '../../components/invoices/PdfButton';
import styles from '../../components/console.module.css';
import { formatDay } from '../../lib/format';
import { graphql } from '../../gql';
import { invoiceName, money, statusLabel, type Invoice } from '../../lib/invoices';
import type { Session } from '../../lib/session';
import { useApi } from '../../lib/useApi';

const INVOICES = graphql(`
  query PartnerInvoices($partnerId: ID!) {
    partner(id: $partnerId) {
      id
      name
    }
    invoices(partnerId: $partnerId) {
      ...InvoiceFields
    }
  }
`);

function InvoiceTable({
  invoices,
  onView,
  onError,
}: {
  invoices: Invoice[];
  onView: (invoice: Invoice) => void;
  onError: (error: unknown) => void;
}) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.stacked}>
        <caption className={styles.visuallyHidden}>Invoices, newest month first</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Month</th>
            <th scope="col" className={styles.numeric}>
              Total
            </th>
            <th scope="col" className={styles.numeric}>
              Due
            </th>
            <th scope="col">Status</th>
            <th scope="col">Issued</th>
            <th scope="col">Due date</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id} data-invoice-id={invoice.id}>
              <td data-label="Number">{invoice.number}</td>
              <td data-label="Month">{invoice.period}</td>
              <td data-label="Total" className={styles.numeric}>
                {money(invoice)}
              </td>
              <td data-label="Due" className={styles.numeric}>
                {money(invoice, invoice.amountDueCents)}
              </td>
              <td data-label="Status">{statusLabel(invoice)}</td>
              <td data-label="Issued">{invoice.issuedAt ? formatDay(invoice.issuedAt) : '—'}</td>
              <td data-label="Due date">{invoice.dueOn ?? '—'}</td>
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
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PartnerInvoices({ partnerId }: { partnerId: string }) {
  const { data, error } = useApi(INVOICES, { partnerId });
  const [viewed, setViewed] = useState<Invoice>();
  const [failure, setFailure] = useState<unknown>();
  return (
    <>
      <ErrorNotice error={error ?? failure} />
      {data?.partner ? (
        <>
          <h2>Invoices of {data.partner.name}</h2>
          <p className={styles.hint}>
            Each month is invoiced once it has ended, payable within the terms shown as its due date. Quote
            the invoice number with your payment.
          </p>
          {data.invoices.length === 0 ? (
            <p>No invoices yet.</p>
          ) : (
            <InvoiceTable invoices={data.invoices} onView={setViewed} onError={setFailure} />
          )}
        </>
      ) : null}
      <InvoiceViewer invoice={viewed} onClose={() => setViewed(undefined)} />
    </>
  );
}

function Invoices({ session }: { session: Session }) {
  const { search } = useLocation();
  if (session.user.role === 'ADMIN') return <Redirect to={`/admin/invoices${search}`} />;
  const partnerId = session.user.partner?.id;
  return partnerId ? <PartnerInvoices partnerId={partnerId} /> : null;
}

export default function InvoicesPage() {
  return (
    <ConsoleLayout title="Invoices" description="Your Meridian invoices: each month's plan, overage and tax.">
      {(session) => <Invoices session={session} />}
    </ConsoleLayout>
  );
}
