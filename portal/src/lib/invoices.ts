/**
 * What the partner console and the admin invoices page share about invoices: the fields they ask for, how a
 * status reads, and the PDF download (billing renders it; the browser saves it under the invoice number).
 */
import { graphql } from '../gql';
import type { InvoiceFieldsFragment } from '../gql/graphql';
import { formatExactCents } from './format';
import { callApi } from './session';

/** The fields every invoice list asks for (spread as `...InvoiceFields`). */
graphql(`
  fragment InvoiceFields on Invoice {
    id
    number
    fileName
    period
    status
    overdue
    currency
    totalCents
    amountPaidCents
    amountDueCents
    issuedAt
    dueOn
    paidAt
    partner {
      id
      name
    }
  }
`);

export type Invoice = InvoiceFieldsFragment;

const INVOICE_PDF = graphql(`
  query InvoicePdf($id: ID!) {
    invoice(id: $id) {
      id
      fileName
      pdf
    }
  }
`);

export const money = (invoice: Invoice, cents = invoice.totalCents) =>
  formatExactCents(cents, invoice.currency);

/** How the status reads in a table: overdue is an issued invoice past its due date. */
export function statusLabel(invoice: Invoice): string {
  if (invoice.status === 'DRAFT') return 'Draft (only Meridian sees it)';
  if (invoice.status === 'PAID') return 'Paid';
  if (invoice.overdue) return `Overdue since ${invoice.dueOn}`;
  return invoice.amountPaidCents > 0 ? 'Partly paid' : 'Issued, awaiting payment';
}

/** "MER-2026-0001 (2026-10) of Acme Data", or for a draft "the 2026-10 draft of Acme Data". */
export function invoiceName(invoice: Invoice): string {
  const partner = invoice.partner?.name ?? 'the partner';
  return invoice.number
    ? `invoice ${invoice.number} of ${partner}`
    : `the ${invoice.period} draft of ${partner}`;
}

/** Fetches the invoice's PDF and saves it as `<number>.pdf` (a draft as `DRAFT-<month>.pdf`). */
export async function downloadInvoicePdf(invoiceId: string): Promise<void> {
  const { invoice } = await callApi(INVOICE_PDF, { id: invoiceId });
  if (!invoice) throw new Error('This invoice is not yours to see, or no longer exists.');
  const bytes = Uint8Array.from(atob(invoice.pdf), (char) => char.charCodeAt(0));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  link.download = `${invoice.fileName}.pdf`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

/** Whether a month (`YYYY-MM`) is over, in UTC as billing counts it. */
export function monthEnded(period: string, now = new Date()): boolean {
  const [year, month] = period.split('-').map(Number);
  return now.getTime() >= Date.UTC(year!, month!, 1);
}
