/**
 * The business team's invoices. Without a partner chosen: every partner's drafts to issue, the invoices
 * awaiting payment (overdue ones say so) and those paid. With one (`?partner=par_…`): its billing profile,
 * a month's draft to prepare, and its invoices. Issuing a month that has not ended needs a reason, kept on
 * the invoice; payments are recorded as they arrive, with their day and bank reference.
 */
import { useState } from 'react';
import ConsoleLayout from '../../components/ConsoleLayout';
import DoneNotice from '../../components/DoneNotice';
import ErrorNotice from '../../components/ErrorNotice';
import { usePartnerChoice } from '../../components/PartnerPicker';
import AdminInvoiceTable, { type AdminInvoice } from '../../components/invoices/AdminInvoiceTable';
import BillingProfileForm from '../../components/invoices/BillingProfileForm';
import InvoiceViewer from '../../components/invoices/InvoiceViewer';
import IssueDialog from '../../components/invoices/IssueDialog';
import PaymentDialog from '../../components/invoices/PaymentDialog';
import PrepareDraft from '../../components/invoices/PrepareDraft';
import { graphql } from '../../gql';
import { money, type Invoice } from '../../lib/invoices';
import type { Session } from '../../lib/session';
import { useApi } from '../../lib/useApi';

const PARTNER_INVOICES = graphql(`
  query AdminPartnerInvoices($partnerId: ID!) {
    partner(id: $partnerId) {
      id
      name
    }
    invoices(partnerId: $partnerId) {
      ...AdminInvoiceFields
    }
  }
`);
const ALL_INVOICES = graphql(`
  query AdminInvoices {
    drafts: invoices(status: DRAFT) {
      ...AdminInvoiceFields
    }
    issued: invoices(status: ISSUED) {
      ...AdminInvoiceFields
    }
    paid: invoices(status: PAID) {
      ...AdminInvoiceFields
    }
  }
`);

function Invoices({ session }: { session: Session }) {
  const { partnerId, picker } = usePartnerChoice(session);
  const one = useApi(PARTNER_INVOICES, partnerId ? { partnerId } : null);
  const all = useApi(ALL_INVOICES, partnerId ? null : {});
  const reload = () => (partnerId ? one.reload() : all.reload());
  const [viewed, setViewed] = useState<Invoice>();
  const [issuing, setIssuing] = useState<Invoice>();
  const [paying, setPaying] = useState<Invoice>();
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const table = (invoices: AdminInvoice[], caption: string) => (
    <AdminInvoiceTable
      invoices={invoices}
      showPartner={!partnerId}
      caption={caption}
      onView={setViewed}
      onIssue={setIssuing}
      onPay={setPaying}
      onError={setFailure}
    />
  );
  const section = (title: string, invoices: AdminInvoice[], empty: string) => (
    <>
      <h2>{title}</h2>
      {invoices.length === 0 ? <p>{empty}</p> : table(invoices, title)}
    </>
  );
  const finished = (sentence: string) => {
    setIssuing(undefined);
    setPaying(undefined);
    setDone(sentence);
    reload();
  };
  return (
    <>
      {picker}
      <ErrorNotice error={one.error ?? all.error ?? failure} />
      <DoneNotice done={done} />
      {partnerId ? (
        <>
          <BillingProfileForm
            key={`profile-${partnerId}`}
            partnerId={partnerId}
            onSaved={() => setDone('')}
          />
          <PrepareDraft
            key={partnerId}
            partnerId={partnerId}
            onPrepared={(draft) => {
              setDone(`The ${draft.period} draft comes to ${money(draft)}.`);
              one.reload();
            }}
          />
          {one.data?.partner
            ? section(`Invoices of ${one.data.partner.name}`, one.data.invoices, 'No invoices yet.')
            : null}
        </>
      ) : all.data ? (
        <>
          {section(
            'Drafts to issue',
            all.data.drafts,
            "No drafts waiting. Billing prepares every partner's draft when a month ends.",
          )}
          {section('Awaiting payment', all.data.issued, 'Nothing is awaiting payment.')}
          {section('Paid', all.data.paid, 'No invoice is paid yet.')}
        </>
      ) : null}
      <InvoiceViewer invoice={viewed} onClose={() => setViewed(undefined)} />
      <IssueDialog invoice={issuing} onClose={() => setIssuing(undefined)} onIssued={finished} />
      <PaymentDialog invoice={paying} onClose={() => setPaying(undefined)} onRecorded={finished} />
    </>
  );
}

export default function AdminInvoicesPage() {
  return (
    <ConsoleLayout
      title="Invoices"
      description="Issue partners' invoices, record their payments and keep their billing profiles."
      admin
    >
      {(session) => <Invoices session={session} />}
    </ConsoleLayout>
  );
}
