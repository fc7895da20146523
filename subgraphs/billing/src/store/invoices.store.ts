/**
 * Invoices and their lines. A draft may be recomputed; once issued, an invoice keeps its lines, number,
 * dates and parties for good, and only its payments are added to.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { ComputedInvoice, InvoiceLine } from '../invoices/compute';
import type { InvoiceParty } from '../invoices/parties';
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
  number: string | null;
  /** `YYYY-MM-DD` */
  dueOn: string | null;
  seller: InvoiceParty | null;
  buyer: InvoiceParty | null;
  amountPaidCents: number;
  /** Why the month was issued before it ended, by whom (user id) and when; null when it had ended. */
  override: { reason: string; by: string | null; at: Date } | null;
}

/** What issuing writes onto a draft, besides its number. */
export interface IssueFacts {
  issuedAt: Date;
  dueOn: string;
  numberPrefix: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  override: { reason: string; by: string | null } | null;
}

/** @public Named in the store's method signatures, which declarations must spell out. */
export interface InvoiceLineRecord extends InvoiceLine {
  invoiceId: string;
  position: number;
}

/** A party as stored in a text column (the snapshot on an invoice). */
function partyToJson(party: InvoiceParty): string {
  return JSON.stringify(party);
}

/** A snapshot read back; null for a column never written (a draft) or not holding a party. */
function partyFromJson(text: string | null): InvoiceParty | null {
  if (!text) return null;
  const value = JSON.parse(text) as Partial<InvoiceParty>;
  if (typeof value.name !== 'string' || !Array.isArray(value.addressLines)) return null;
  return {
    name: value.name,
    addressLines: value.addressLines.map(String),
    country: String(value.country ?? ''),
    vatId: typeof value.vatId === 'string' ? value.vatId : null,
    email: String(value.email ?? ''),
  };
}

/**
 * `MER-2026-0001`: four digits at least, so numbers sort as they were issued within a year.
 * @internal
 */
export function formatInvoiceNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(4, '0')}`;
}

const toInvoice = (row: Selectable<InvoiceTable>): InvoiceRecord => ({
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
  number: row.number,
  dueOn: row.due_on,
  seller: partyFromJson(row.seller),
  buyer: partyFromJson(row.buyer),
  amountPaidCents: row.amount_paid_cents,
  override:
    row.override_reason && row.override_at
      ? { reason: row.override_reason, by: row.override_by, at: new Date(row.override_at) }
      : null,
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
        const row: Insertable<InvoiceTable> = {
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
        return toInvoice(
          await trx.selectFrom('invoice').selectAll().where('id', '=', invoiceId).executeTakeFirstOrThrow(),
        );
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
    /**
     * Issues a draft: the next number of the issue's year, the due date, the parties and any override,
     * in one transaction. The year's counter row stays locked until the transaction ends, so concurrent
     * issues take turns, and a failed issue rolls its number back: no gaps, no duplicates (the unique
     * index on the number guards that too). Resolves to undefined when the invoice is not a draft (any
     * more). An invoice of nothing is paid the moment it is issued.
     */
    async issueDraft(id: string, facts: IssueFacts): Promise<InvoiceRecord | undefined> {
      return db.transaction().execute(async (trx) => {
        const issuedAt = facts.issuedAt.toISOString();
        const claimed = await trx
          .updateTable('invoice')
          .set({
            status: sql<string>`case when total_cents = 0 then 'paid' else 'issued' end`,
            issued_at: issuedAt,
            paid_at: sql<string | null>`case when total_cents = 0 then ${issuedAt} else null end`,
            due_on: facts.dueOn,
            seller: partyToJson(facts.seller),
            buyer: partyToJson(facts.buyer),
            override_reason: facts.override?.reason ?? null,
            override_by: facts.override?.by ?? null,
            override_at: facts.override ? issuedAt : null,
          })
          .where('id', '=', id)
          .where('status', '=', 'draft')
          .executeTakeFirst();
        if (claimed.numUpdatedRows === 0n) return undefined;
        const year = facts.issuedAt.getUTCFullYear();
        const { last_number } = await trx
          .insertInto('invoice_number_sequence')
          .values({ year, last_number: 1 })
          .onConflict((conflict) =>
            conflict
              .column('year')
              .doUpdateSet({ last_number: sql<number>`invoice_number_sequence.last_number + 1` }),
          )
          .returning('last_number')
          .executeTakeFirstOrThrow();
        const number = formatInvoiceNumber(facts.numberPrefix, year, last_number);
        await trx.updateTable('invoice').set({ number }).where('id', '=', id).execute();
        return toInvoice(
          await trx.selectFrom('invoice').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        );
      });
    },
  };
}
