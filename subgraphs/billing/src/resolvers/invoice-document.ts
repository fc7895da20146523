/**
 * An invoice as its HTML page and PDF present it: the record with its lines, payments and parties. An
 * issued invoice shows the parties copied onto it at issue; a draft shows who it would name today (the
 * configured seller and the partner's current billing profile, or just its name while it has none).
 */
import type { BillingContext } from '../context';
import type { InvoiceDocument } from '../invoices/document';
import { dayOf, isOverdue } from '../invoices/issue';
import type { InvoiceParty } from '../invoices/parties';
import type { InvoiceRecord } from '../store';

export async function buyerOf(context: BillingContext, invoice: InvoiceRecord): Promise<InvoiceParty> {
  if (invoice.buyer) return invoice.buyer;
  const [profile, partner] = await Promise.all([
    context.loaders.billingProfile.load(invoice.partnerId),
    context.loaders.partner.load(invoice.partnerId),
  ]);
  return (
    profile ?? {
      name: partner?.name ?? invoice.partnerId,
      addressLines: [],
      country: '',
      vatId: null,
      email: '',
    }
  );
}

export function sellerOf(context: BillingContext, invoice: InvoiceRecord): InvoiceParty {
  return invoice.seller ?? context.services.config.seller;
}

export async function loadInvoiceDocument(
  context: BillingContext,
  invoice: InvoiceRecord,
): Promise<InvoiceDocument> {
  const [lines, payments, buyer] = await Promise.all([
    context.loaders.invoiceLines.load(invoice.id),
    context.loaders.invoicePayments.load(invoice.id),
    buyerOf(context, invoice),
  ]);
  return {
    ...invoice,
    lines,
    payments,
    buyer,
    seller: sellerOf(context, invoice),
    issuedOn: invoice.issuedAt ? dayOf(invoice.issuedAt) : null,
    overdue: isOverdue(invoice, context.services.now()),
  };
}
