/** Who each partner's invoices are addressed to; copied onto an invoice when it is issued. */
import type { Kysely } from 'kysely';
import type { InvoiceParty } from '../invoices/parties';
import type { BillingDatabase, BillingProfileTable } from './tables';

export interface BillingProfileRecord extends InvoiceParty {
  partnerId: string;
  updatedAt: Date;
  updatedBy: string | null;
}

const toProfile = (row: BillingProfileTable): BillingProfileRecord => ({
  partnerId: row.partner_id,
  name: row.legal_name,
  addressLines: row.address.split('\n'),
  country: row.country,
  vatId: row.vat_id,
  email: row.email,
  updatedAt: new Date(row.updated_at),
  updatedBy: row.updated_by,
});

export function createBillingProfilesStore(db: Kysely<BillingDatabase>) {
  return {
    billingProfilesByPartnerIds: async (ids: readonly string[]) =>
      (await db.selectFrom('billing_profile').selectAll().where('partner_id', 'in', ids).execute()).map(
        toProfile,
      ),
    /** Creates or replaces a partner's profile (already checked); invoices issued before keep theirs. */
    async saveBillingProfile(
      partnerId: string,
      party: InvoiceParty,
      now: Date,
      updatedBy: string | null,
    ): Promise<BillingProfileRecord> {
      const changes = {
        legal_name: party.name,
        address: party.addressLines.join('\n'),
        country: party.country,
        vat_id: party.vatId,
        email: party.email,
        updated_at: now.toISOString(),
        updated_by: updatedBy,
      };
      const row: BillingProfileTable = { partner_id: partnerId, ...changes };
      await db
        .insertInto('billing_profile')
        .values(row)
        .onConflict((conflict) => conflict.column('partner_id').doUpdateSet(changes))
        .execute();
      return toProfile(row);
    },
  };
}
