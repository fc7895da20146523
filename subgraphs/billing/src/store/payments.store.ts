/**
 * Payments received against issued invoices. The invoice row carries the running sum, so that a payment is
 * accepted by one conditional update: two admins recording the same transfer at once cannot both push the
 * invoice past its total.
 */
import { sql, type Kysely } from 'kysely';
import type { BillingDatabase, InvoicePaymentTable } from './tables';

export interface InvoicePaymentRecord {
  id: string;
  invoiceId: string;
  amountCents: number;
  /** `YYYY-MM-DD` */
  paidOn: string;
  reference: string;
  recordedAt: Date;
  recordedBy: string | null;
}

const toPayment = (row: InvoicePaymentTable): InvoicePaymentRecord => ({
  id: row.id,
  invoiceId: row.invoice_id,
  amountCents: row.amount_cents,
  paidOn: row.paid_on,
  reference: row.reference,
  recordedAt: new Date(row.recorded_at),
  recordedBy: row.recorded_by,
});

export function createPaymentsStore(db: Kysely<BillingDatabase>) {
  return {
    /**
     * Adds a payment to an issued invoice when it fits in what is still due; the invoice becomes paid,
     * as of the payment's day, once nothing is due. Resolves to whether the payment was taken.
     */
    async recordPayment(payment: InvoicePaymentRecord): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const after = sql<number>`amount_paid_cents + ${payment.amountCents}`;
        const taken = await trx
          .updateTable('invoice')
          .set({
            amount_paid_cents: after,
            status: sql<string>`case when ${after} >= total_cents then 'paid' else status end`,
            paid_at: sql<
              string | null
            >`case when ${after} >= total_cents then ${`${payment.paidOn}T00:00:00.000Z`} else paid_at end`,
          })
          .where('id', '=', payment.invoiceId)
          .where('status', '=', 'issued')
          .where(after, '<=', sql<number>`total_cents`)
          .executeTakeFirst();
        if (taken.numUpdatedRows === 0n) return false;
        await trx
          .insertInto('invoice_payment')
          .values({
            id: payment.id,
            invoice_id: payment.invoiceId,
            amount_cents: payment.amountCents,
            paid_on: payment.paidOn,
            reference: payment.reference,
            recorded_at: payment.recordedAt.toISOString(),
            recorded_by: payment.recordedBy,
          })
          .execute();
        return true;
      });
    },
    /** Every payment of these invoices, in the order they arrived. */
    paymentsByInvoiceIds: async (ids: readonly string[]) =>
      (
        await db
          .selectFrom('invoice_payment')
          .selectAll()
          .where('invoice_id', 'in', ids)
          .orderBy('paid_on')
          .orderBy('recorded_at')
          .execute()
      ).map(toPayment),
  };
}
