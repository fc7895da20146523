/**
 * The billing store: every read and write of billing data goes through here, so loaders and resolvers never
 * see SQL. Rows leave it as camel-cased records. Each area has its own module; this one opens the database
 * and puts them together.
 */
import { openDatabase, pingDatabase, type DatabaseLocation, type OpenedStore } from '@meridian/kit';
import type { Kysely } from 'kysely';
import { createAccountsStore } from './accounts.store';
import { createBillingProfilesStore } from './billing-profiles.store';
import { createBusinessStore } from './business.store';
import { createAuditStore } from './audit.store';
import { createInvoicesStore } from './invoices.store';
import { createKeysStore } from './keys.store';
import { createPaymentsStore } from './payments.store';
import { migrations } from './migrations';
import { createOnboardingStore } from './onboarding.store';
import { createRecoveryStore } from './recovery.store';
import { createSafelistStore } from './safelist.store';
import { createSavedQuestionsStore } from './saved-questions.store';
import { createSeedStore } from './seed.store';
import { createShopStore, type SqlDialect } from './shop.store';
import type { BillingDatabase, CustomerTable } from './tables';
import { createUsageStore } from './usage.store';

export type { PartnerRecord, UserRecord } from './accounts.store';
export type { ApiKeyRecord, KeyGrant } from './keys.store';
export type { AuditActor, NewAuditEvent } from './audit.store';
export type { InvitationChangeFailure, PendingInvitationRecord } from './onboarding.store';
export type { AccessRequestRecord } from './recovery.store';
export type { InvoiceRecord, InvoiceStatus } from './invoices.store';
export type { ShopRows, SummaryRow } from './shop.store';
export type { SafelistedOperationRecord } from './safelist.store';
export type { SavedQuestionRecord } from './saved-questions.store';
export { ALL_SUBGRAPHS } from './usage-rollups';
export type { UsagePointRecord } from './usage.store';

/** @public Named in the store's method signatures, which declarations must spell out. */
export interface CustomerRecord {
  id: string;
  name: string;
  country: string;
  industry: string;
  createdAt: Date;
}

const toCustomer = (row: CustomerTable): CustomerRecord => ({
  id: row.id,
  name: row.name,
  country: row.country,
  industry: row.industry,
  createdAt: new Date(row.created_at),
});

function createBillingStore(db: Kysely<BillingDatabase>, dialect: SqlDialect) {
  const customers = () => db.selectFrom('customer').selectAll();
  return {
    ...createAccountsStore(db),
    ...createAuditStore(db),
    ...createOnboardingStore(db),
    ...createKeysStore(db, dialect),
    ...createSafelistStore(db),
    ...createUsageStore(db, dialect),
    ...createInvoicesStore(db),
    ...createPaymentsStore(db),
    ...createBillingProfilesStore(db),
    ...createRecoveryStore(db),
    ...createShopStore(db, dialect),
    ...createBusinessStore(db),
    ...createSavedQuestionsStore(db),
    ...createSeedStore(db),
    customersByIds: async (ids: readonly string[]) =>
      (await customers().where('id', 'in', ids).execute()).map(toCustomer),
    listCustomers: async () => (await customers().orderBy('name').execute()).map(toCustomer),
    /** Resolves when the database answers; used by `/healthz`. */
    ping: () => pingDatabase(db),
    close: () => db.destroy(),
  };
}

export type BillingStore = ReturnType<typeof createBillingStore>;

export async function openBillingStore(options: {
  location: DatabaseLocation;
  /** Writes the first data into a fresh store (`seed/`); resolves to whether it did. */
  seedIfEmpty: (store: BillingStore) => Promise<boolean>;
}): Promise<OpenedStore<BillingStore>> {
  const dialect = options.location.dialect;
  const { db, seeded } = await openDatabase<BillingDatabase>({
    location: options.location,
    migrations,
    seedIfEmpty: (fresh) => options.seedIfEmpty(createBillingStore(fresh, dialect)),
  });
  return { store: createBillingStore(db, dialect), seeded };
}
