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
  partner: { id: string; name: string } | null;
}

const INVOICE_FIELDS = 'id period status currency totalCents issuedAt paidAt partner { id name }';
const INVOICES = `query PartnerInvoices($partnerId: ID!) {
  partner(id: $partnerId) { id name }
  invoices(partnerId: $partnerId) { ${INVOICE_FIELDS} }
}`;
const DRAFTS = `query InvoiceDrafts { invoices(status: DRAFT) { ${INVOICE_FIELDS} } }`;
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
      error={error}
      onConfirm={download}
      onCancel={onClose}
    >
      {html ? (
        <iframe title={`Invoice ${invoice?.id}`} className={styles.document} sandbox="" srcDoc={html} />
      ) : (
        <p>Loading the invoice…</p>
      )}
    </ConfirmDialog>
  );
}

type Pending = { step: keyof typeof ADVANCE; invoice: Invoice };

/** "the 2026-10 invoice of Acme Data" */
const named = (invoice: Invoice) =>
  `the ${invoice.period} invoice of ${invoice.partner?.name ?? 'the partner'}`;

/** Invoices with their status and the buttons the user may press: view, and for admins issue or mark paid. */
function InvoiceTable({
  invoices,
  showPartner,
  admin,
  onView,
  onAdvance,
}: {
  invoices: Invoice[];
  showPartner: boolean;
  admin: boolean;
  onView: (invoice: Invoice) => void;
  onAdvance: (pending: Pending) => void;
}) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.stacked}>
        <caption className={styles.visuallyHidden}>Invoices, newest month first</caption>
        <thead>
          <tr>
            {showPartner ? <th scope="col">Partner</th> : null}
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
          {invoices.map((invoice) => (
            <tr key={invoice.id} data-invoice-id={invoice.id}>
              {showPartner ? <td data-label="Partner">{invoice.partner?.name}</td> : null}
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
                    aria-label={`View ${named(invoice)}`}
                    onClick={() => onView(invoice)}
                  >
                    View
                  </button>
                  {admin && invoice.status !== 'PAID' ? (
                    <button
                      type="button"
                      className="button button--primary button--sm"
                      aria-label={`${invoice.status === 'DRAFT' ? 'Issue' : 'Mark paid'} ${named(invoice)}`}
                      onClick={() =>
                        onAdvance({ step: invoice.status === 'DRAFT' ? 'issue' : 'pay', invoice })
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
  );
}

function Invoices({ session }: { session: Session }) {
  const admin = session.user.role === 'ADMIN';
  const { partnerId, picker } = usePartnerChoice(session);
  const partnerInvoices = useApi<{ partner: { name: string } | null; invoices: Invoice[] }>(
    INVOICES,
    partnerId ? { partnerId } : null,
  );
  // With no partner chosen, the business team sees every partner's drafts waiting to be issued.
  const drafts = useApi<{ invoices: Invoice[] }>(DRAFTS, admin && !partnerId ? {} : null);
  const reload = () => (partnerId ? partnerInvoices.reload() : drafts.reload());
  const [viewed, setViewed] = useState<Invoice>();
  const [prepared, setPrepared] = useState('');
  const change = useConfirmedChange<Pending>(
    async ({ step, invoice }) => {
      await callApi(ADVANCE[step], { id: invoice.id });
      const done = `${named(invoice)} is ${step === 'issue' ? 'issued' : 'paid'}.`;
      return done.charAt(0).toUpperCase() + done.slice(1);
    },
    () => {
      setPrepared('');
      reload();
    },
  );
  const { pending } = change;
  const table = (invoices: Invoice[], showPartner: boolean) => (
    <InvoiceTable
      invoices={invoices}
      showPartner={showPartner}
      admin={admin}
      onView={setViewed}
      onAdvance={change.ask}
    />
  );
  return (
    <>
      {picker}
      <ErrorNotice error={partnerInvoices.error ?? drafts.error} />
      <DoneNotice done={prepared || change.done} />
      {admin && partnerId ? (
        <PrepareDraft
          key={partnerId}
          partnerId={partnerId}
          onPrepared={(draft) => {
            setPrepared(`The ${draft.period} draft comes to ${money(draft)}.`);
            partnerInvoices.reload();
          }}
        />
      ) : null}
      {partnerId && partnerInvoices.data?.partner ? (
        <>
          <h2>Invoices of {partnerInvoices.data.partner.name}</h2>
          {partnerInvoices.data.invoices.length === 0 ? (
            <p>No invoices yet.</p>
          ) : (
            table(partnerInvoices.data.invoices, false)
          )}
        </>
      ) : null}
      {!partnerId && drafts.data ? (
        <>
          <h2>Drafts to issue</h2>
          {drafts.data.invoices.length === 0 ? (
            <p>No drafts waiting. Billing prepares every partner&apos;s draft when a month ends.</p>
          ) : (
            table(drafts.data.invoices, true)
          )}
        </>
      ) : null}
      <InvoiceViewer invoice={viewed} onClose={() => setViewed(undefined)} />
      <ConfirmDialog
        open={pending !== undefined}
        title={
          pending
            ? `${pending.step === 'issue' ? 'Issue' : 'Record payment of'} ${named(pending.invoice)}?`
            : ''
        }
        confirmLabel={pending?.step === 'issue' ? 'Issue invoice' : 'Mark paid'}
        busy={change.busy}
        error={change.failure}
        onConfirm={() => void change.confirm()}
        onCancel={() => change.ask(undefined)}
      >
        <p>
          {pending?.step === 'issue'
            ? `${pending.invoice.partner?.name} will see it, for ${money(pending.invoice)}; it cannot change afterwards.`
            : pending
              ? `${money(pending.invoice)} received from ${pending.invoice.partner?.name}.`
              : null}
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
