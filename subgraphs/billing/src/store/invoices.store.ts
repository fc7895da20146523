/** Invoices and their lines. A draft may be recomputed; an issued or paid invoice never changes again. */
import type { Kysely } from 'kysely';
import type { ComputedInvoice, InvoiceLine } from '../invoices/compute';
import type { BillingDatabase, InvoiceLineTable, InvoiceTable } from './tables';

export type InvoiceStatus = 'draft' | 'issued' | 'paid';

export interface InvoiceRecord {
  id: string;
  partnerId: string;
  period: string;
  status: InvoiceStatus;
  currency: string;
  subtotalCents: number;
  taxBasisPoints: number;
  taxCents: number;
  totalCents: number;
  createdAt: Date;
  issuedAt: Date | null;
  paidAt: Date | null;
}

export interface InvoiceLineRecord extends InvoiceLine {
  invoiceId: string;
  position: number;
}

const toInvoice = (row: InvoiceTable): InvoiceRecord => ({
  id: row.id,
  partnerId: row.partner_id,
  period: row.period,
  status: row.status as InvoiceStatus,
  currency: row.currency,
  subtotalCents: row.subtotal_cents,
  taxBasisPoints: row.tax_basis_points,
  taxCents: row.tax_cents,
  totalCents: row.total_cents,
  createdAt: new Date(row.created_at),
  issuedAt: row.issued_at ? new Date(row.issued_at) : null,
  paidAt: row.paid_at ? new Date(row.paid_at) : null,
});

const toLine = (row: InvoiceLineTable): InvoiceLineRecord => ({
  invoiceId: row.invoice_id,
  position: row.position,
  description: row.description,
  quantity: row.quantity,
  unitPriceCents: row.unit_price_cents,
  amountCents: row.amount_cents,
});

export function createInvoicesStore(db: Kysely<BillingDatabase>) {
  const invoices = () => db.selectFrom('invoice').selectAll();
  return {
    /**
     * Writes the draft for a partner's month, replacing an earlier draft; resolves to the invoice, or to
     * the existing one unchanged when it is already issued or paid.
     */
    async saveDraft(
      id: string,
      partnerId: string,
      invoice: ComputedInvoice,
      now: Date,
    ): Promise<InvoiceRecord> {
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('invoice')
          .selectAll()
          .where('partner_id', '=', partnerId)
          .where('period', '=', invoice.period)
          .executeTakeFirst();
        if (existing && existing.status !== 'draft') return toInvoice(existing);
        const invoiceId = existing?.id ?? id;
        const row: InvoiceTable = {
          id: invoiceId,
          partner_id: partnerId,
          period: invoice.period,
          status: 'draft',
          currency: invoice.currency,
          subtotal_cents: invoice.subtotalCents,
          tax_basis_points: invoice.taxBasisPoints,
          tax_cents: invoice.taxCents,
          total_cents: invoice.totalCents,
          created_at: now.toISOString(),
          issued_at: null,
          paid_at: null,
        };
        if (existing) {
          await trx.deleteFrom('invoice_line').where('invoice_id', '=', invoiceId).execute();
          await trx.updateTable('invoice').set(row).where('id', '=', invoiceId).execute();
        } else {
          await trx.insertInto('invoice').values(row).execute();
        }
        await trx
          .insertInto('invoice_line')
          .values(
            invoice.lines.map((line, position) => ({
              invoice_id: invoiceId,
              position,
              description: line.description,
              quantity: line.quantity,
              unit_price_cents: line.unitPriceCents,
              amount_cents: line.amountCents,
            })),
          )
          .execute();
        return toInvoice(row);
      });
    },
    invoicesByIds: async (ids: readonly string[]) =>
      (await invoices().where('id', 'in', ids).execute()).map(toInvoice),
    invoicesByPartner: async (partnerId: string) =>
      (await invoices().where('partner_id', '=', partnerId).orderBy('period', 'desc').execute()).map(
        toInvoice,
      ),
    /** Every partner's invoices in a status, or of a month: newest month first, then by partner. */
    async invoicesAcrossPartners(filter: { status?: InvoiceStatus; period?: string }) {
      let query = invoices();
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.period) query = query.where('period', '=', filter.period);
      const rows = await query.orderBy('period', 'desc').orderBy('partner_id').execute();
      return rows.map(toInvoice);
    },
    linesByInvoiceIds: async (ids: readonly string[]) =>
      (
        await db
          .selectFrom('invoice_line')
          .selectAll()
          .where('invoice_id', 'in', ids)
          .orderBy('position')
          .execute()
      ).map(toLine),
    /** Moves an invoice one step on (draft → issued → paid); resolves to whether it was in `from`. */
    async advanceStatus(id: string, from: InvoiceStatus, to: InvoiceStatus, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('invoice')
        .set(
          to === 'issued'
            ? { status: to, issued_at: now.toISOString() }
            : { status: to, paid_at: now.toISOString() },
        )
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type InvoicesStore = ReturnType<typeof createInvoicesStore>;
