/**
 * A partner's invoices. Its developers see them once issued. The business team (role admin) chooses a
 * partner, prepares a month's draft from its plan and metered usage, issues it and records its payment.
 * Every invoice opens as the page billing renders, in a sandboxed frame, and downloads as an HTML file.
 */
import { useState, type FormEvent } from 'react';
import ConfirmDialog from '../../components/ConfirmDialog';
import ConsoleLayout from '../../components/ConsoleLayout';
import DoneNotice from '../../components/DoneNotice';
import ErrorNotice from '../../components/ErrorNotice';
import { usePartnerChoice } from '../../components/PartnerPicker';
import styles from '../../components/console.module.css';
import { formatDay, formatExactCents } from '../../lib/format';
import { callApi, type Session } from '../../lib/session';
import { useApi } from '../../lib/useApi';
import { useConfirmedChange } from '../../lib/useConfirmedChange';

type InvoiceStatus = 'DRAFT' | 'ISSUED' | 'PAID';

interface Invoice {
  id: string;
  period: string;
  status: InvoiceStatus;
  currency: string;
  totalCents: number;
  issuedAt: string | null;
  paidAt: string | null;
}

const INVOICE_FIELDS = 'id period status currency totalCents issuedAt paidAt';
const INVOICES = `query PartnerInvoices($partnerId: ID!) {
  partner(id: $partnerId) { id name }
  invoices(partnerId: $partnerId) { ${INVOICE_FIELDS} }
}`;
const INVOICE_PAGE = 'query InvoicePage($id: ID!) { invoice(id: $id) { id html } }';
const GENERATE = `mutation GenerateInvoice($partnerId: ID!, $period: String!) {
  generateInvoice(partnerId: $partnerId, period: $period) { ${INVOICE_FIELDS} }
}`;
const ADVANCE = {
  issue: 'mutation IssueInvoice($id: ID!) { issueInvoice(id: $id) { id status } }',
  pay: 'mutation MarkInvoicePaid($id: ID!) { markInvoicePaid(id: $id) { id status } }',
};
const STATUS_LABELS: Record<InvoiceStatus, string> = {
  DRAFT: 'Draft (only Meridian sees it)',
  ISSUED: 'Issued, awaiting payment',
  PAID: 'Paid',
};
const MONTHS_OFFERED = 12;

/** `YYYY-MM` of this UTC month and the ones before it, newest first. */
function recentMonths(count: number, now = new Date()): string[] {
  return Array.from({ length: count }, (_, back) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7),
  );
}

const money = (invoice: Invoice) => formatExactCents(invoice.totalCents, invoice.currency);

/** The business team's step: a month's draft, computed (again) from the plan and the metered usage. */
function PrepareDraft({
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
      const { generateInvoice } = await callApi<{ generateInvoice: Invoice }>(GENERATE, {
        partnerId,
        period,
      });
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
        Billing prepares every partner's draft for the month just ended by itself. Preparing one here computes
        it (again) from the plan and the operations metered in the month, say after a plan change. The partner
        sees it once it is issued.
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

/** The invoice as billing renders it, in a frame that may run nothing, with a download of the same page. */
function InvoiceViewer({ invoice, onClose }: { invoice: Invoice | undefined; onClose: () => void }) {
  const { data, error } = useApi<{ invoice: { id: string; html: string } | null }>(
    INVOICE_PAGE,
    invoice ? { id: invoice.id } : null,
  );
  const html = data?.invoice?.id === invoice?.id ? data?.invoice?.html : undefined;
  const download = () => {
    if (!html || !invoice) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    link.download = `meridian-invoice-${invoice.period}-${invoice.id}.html`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  };
  return (
    <ConfirmDialog
      open={invoice !== undefined}
      title={invoice ? `Invoice for ${invoice.period}: ${money(invoice)}` : 'Invoice'}
      confirmLabel="Download"
      cancelLabel="Close"
      wide
      busy={!html}
      onConfirm={download}
      onCancel={onClose}
    >
      <ErrorNotice error={error} />
      {html ? (
        <iframe title={`Invoice ${invoice?.id}`} className={styles.document} sandbox="" srcDoc={html} />
      ) : (
        <p>Loading the invoice…</p>
      )}
    </ConfirmDialog>
  );
}

type Pending = { step: keyof typeof ADVANCE; invoice: Invoice };

function Invoices({ session }: { session: Session }) {
  const admin = session.user.role === 'ADMIN';
  const { partnerId, picker } = usePartnerChoice(session);
  const { data, error, reload } = useApi<{ partner: { name: string } | null; invoices: Invoice[] }>(
    INVOICES,
    partnerId ? { partnerId } : null,
  );
  const [viewed, setViewed] = useState<Invoice>();
  const [prepared, setPrepared] = useState('');
  const change = useConfirmedChange<Pending>(
    async ({ step, invoice }) => {
      await callApi(ADVANCE[step], { id: invoice.id });
      return `The ${invoice.period} invoice is ${step === 'issue' ? 'issued' : 'paid'}.`;
    },
    () => {
      setPrepared('');
      reload();
    },
  );
  const { pending } = change;
  const done = prepared || change.done;
  return (
    <>
      {picker}
      <ErrorNotice error={error ?? change.failure} />
      <DoneNotice done={done} />
      {admin && partnerId ? (
        <PrepareDraft
          key={partnerId}
          partnerId={partnerId}
          onPrepared={(draft) => {
            setPrepared(`The ${draft.period} draft comes to ${money(draft)}.`);
            reload();
          }}
        />
      ) : null}
      {data?.partner ? (
        <>
          <h2>Invoices of {data.partner.name}</h2>
          {data.invoices.length === 0 ? (
            <p>No invoices yet.</p>
          ) : (
            <div className={styles.tableWrap}>
              <table className={styles.stacked}>
                <caption className={styles.visuallyHidden}>Invoices, newest month first</caption>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" className={styles.numeric}>
                      Total
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">Issued</th>
                    <th scope="col">Paid</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {data.invoices.map((invoice) => (
                    <tr key={invoice.id} data-invoice-id={invoice.id}>
                      <td data-label="Month">{invoice.period}</td>
                      <td data-label="Total" className={styles.numeric}>
                        {money(invoice)}
                      </td>
                      <td data-label="Status">{STATUS_LABELS[invoice.status]}</td>
                      <td data-label="Issued">{invoice.issuedAt ? formatDay(invoice.issuedAt) : '—'}</td>
                      <td data-label="Paid">{invoice.paidAt ? formatDay(invoice.paidAt) : '—'}</td>
                      <td data-label="Actions">
                        <div className={styles.actions}>
                          <button
                            type="button"
                            className="button button--secondary button--sm"
                            aria-label={`View the ${invoice.period} invoice`}
                            onClick={() => setViewed(invoice)}
                          >
                            View
                          </button>
                          {admin && invoice.status !== 'PAID' ? (
                            <button
                              type="button"
                              className="button button--primary button--sm"
                              aria-label={`${invoice.status === 'DRAFT' ? 'Issue' : 'Mark paid'} the ${invoice.period} invoice`}
                              onClick={() =>
                                change.ask({ step: invoice.status === 'DRAFT' ? 'issue' : 'pay', invoice })
                              }
                            >
                              {invoice.status === 'DRAFT' ? 'Issue' : 'Mark paid'}
                            </button>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      <InvoiceViewer invoice={viewed} onClose={() => setViewed(undefined)} />
      <ConfirmDialog
        open={pending !== undefined}
        title={
          pending?.step === 'issue'
            ? `Issue the ${pending.invoice.period} invoice?`
            : `Record payment of the ${pending?.invoice.period} invoice?`
        }
        confirmLabel={pending?.step === 'issue' ? 'Issue invoice' : 'Mark paid'}
        busy={change.busy}
        onConfirm={() => void change.confirm()}
        onCancel={() => change.ask(undefined)}
      >
        <p>
          {pending?.step === 'issue'
            ? `${data?.partner?.name} will see it, for ${pending ? money(pending.invoice) : ''}; it cannot change afterwards.`
            : `${pending ? money(pending.invoice) : ''} received from ${data?.partner?.name}.`}
        </p>
      </ConfirmDialog>
    </>
  );
}

export default function InvoicesPage() {
  return (
    <ConsoleLayout title="Invoices" description="Your Meridian invoices: each month's plan, overage and tax.">
      {(session) => <Invoices session={session} />}
    </ConsoleLayout>
  );
}
