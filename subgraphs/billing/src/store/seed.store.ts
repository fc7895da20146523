/**
 * The first rows of an empty store, written in one transaction: what `seed/` composes (the demo customers, the
 * plans, a partner with its billing profile for each customer, the first admin).
 */
import type { Insertable, Kysely } from 'kysely';
import type {
  BillingDatabase,
  BillingProfileTable,
  CustomerTable,
  PartnerTable,
  PlanTable,
  UserTable,
} from './tables';

export interface SeedRows {
  readonly customers: readonly CustomerTable[];
  readonly plans: readonly PlanTable[];
  readonly partners: readonly Insertable<PartnerTable>[];
  readonly billingProfiles: readonly BillingProfileTable[];
  /** The business team's first admin, or none. */
  readonly users: readonly UserTable[];
}

export function createSeedStore(db: Kysely<BillingDatabase>) {
  return {
    async writeSeed(rows: SeedRows): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('customer').values(rows.customers).execute();
        await trx.insertInto('plan').values(rows.plans).execute();
        await trx.insertInto('partner').values(rows.partners).execute();
        await trx.insertInto('billing_profile').values(rows.billingProfiles).execute();
        if (rows.users.length > 0) await trx.insertInto('portal_user').values(rows.users).execute();
      });
    },
  };
}
