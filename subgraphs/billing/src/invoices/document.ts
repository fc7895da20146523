/**
 * What an invoice says, once, for every format it is rendered in (the HTML page and the PDF): the title,
 * the facts (number, dates, period, status), both parties, the lines, the totals, the payments and what is
 * still due. The renderers only lay these out, so the page and the PDF cannot say different things.
 */
import type { InvoiceLine } from './compute';
import type { InvoiceParty } from './parties';

export interface InvoiceDocument {
  /** Null for a draft: numbers are given at issue. */
  number: string | null;
  status: 'draft' | 'issued' | 'paid';
  overdue: boolean;
  period: string;
  currency: string;
  lines: readonly InvoiceLine[];
  subtotalCents: number;
  taxBasisPoints: number;
  taxCents: number;
  totalCents: number;
  /** `YYYY-MM-DD` */
  issuedOn: string | null;
  dueOn: string | null;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  payments: readonly { paidOn: string; reference: string; amountCents: number }[];
  amountPaidCents: number;
}

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

/** "Invoice MER-2026-0001", or for a draft, which has no number yet, "DRAFT invoice". */
export function documentTitle(doc: InvoiceDocument): string {
  return doc.number ? `Invoice ${doc.number}` : 'DRAFT invoice';
}

/** The name a download is saved under, before its extension: the number, or `DRAFT-<month>` for a draft. */
export function documentFileName(doc: { number: string | null; period: string }): string {
  return doc.number ?? `DRAFT-${doc.period}`;
}

const STATUS_WORDS: Record<InvoiceDocument['status'], string> = {
  draft: 'draft, not issued',
  issued: 'issued, awaiting payment',
  paid: 'paid',
};

/** The facts block: label and value, in order. */
export function documentFacts(doc: InvoiceDocument): [string, string][] {
  const facts: [string, string][] = [];
  if (doc.number) facts.push(['Invoice number', doc.number]);
  if (doc.issuedOn) facts.push(['Issue date', doc.issuedOn]);
  if (doc.dueOn) facts.push(['Due date', doc.dueOn]);
  facts.push(['Period', doc.period]);
  facts.push(['Status', doc.overdue ? 'overdue' : STATUS_WORDS[doc.status]]);
  return facts;
}

/** A party's block: name, address, country, VAT id and e-mail, one line each. */
export function partyLines(party: InvoiceParty): string[] {
  return [
    party.name,
    ...party.addressLines,
    ...(party.country ? [party.country] : []),
    ...(party.vatId ? [`VAT id ${party.vatId}`] : []),
    ...(party.email ? [party.email] : []),
  ];
}

/** The totals under the lines, then what was paid and what is still due. */
export interface TotalRow {
  label: string;
  value: string;
  /** `total` and `due` stand out (bold, ruled). */
  kind: 'total' | 'due' | 'plain';
}

export function documentTotals(doc: InvoiceDocument): TotalRow[] {
  const money = (cents: number) => formatMoney(cents, doc.currency);
  const rows: TotalRow[] = [
    { label: 'Subtotal', value: money(doc.subtotalCents), kind: 'plain' },
    { label: `VAT (${doc.taxBasisPoints / 100} %)`, value: money(doc.taxCents), kind: 'plain' },
    { label: 'Total', value: money(doc.totalCents), kind: 'total' },
  ];
  if (doc.status !== 'draft') {
    rows.push({ label: 'Paid', value: money(doc.amountPaidCents), kind: 'plain' });
    rows.push({ label: 'Amount due', value: money(doc.totalCents - doc.amountPaidCents), kind: 'due' });
  }
  return rows;
}

/** The closing sentence: how to pay, or that this is a draft. */
export function documentNote(doc: InvoiceDocument): string {
  if (!doc.number) return 'DRAFT: not an invoice yet. It may still change and has no number until issued.';
  if (doc.status === 'paid') return 'Paid in full. Thank you.';
  return `Please pay ${formatMoney(doc.totalCents - doc.amountPaidCents, doc.currency)} by ${doc.dueOn}, quoting ${doc.number}.`;
}
