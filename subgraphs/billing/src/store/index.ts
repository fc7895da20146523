/**
 * The billing store: every read and write of billing data goes through here, so loaders and resolvers never
 * see SQL. Rows leave it as camel-cased records.
 */
import { openDatabase, pingDatabase, type DatabaseLocation, type OpenedStore } from '@meridian/kit';
import type { Kysely } from 'kysely';
import { migrations } from './migrations';
import { seedIfEmpty } from './seed';
import type { BillingDatabase, CustomerTable, PartnerTable, PlanTable } from './tables';

export interface CustomerRecord {
  id: string;
  name: string;
  country: string;
  industry: string;
  createdAt: Date;
}

export interface PlanRecord {
  id: string;
  name: string;
  monthlyPriceCents: number;
  requestsPerMinute: number;
  monthlyQuota: number;
}

export interface PartnerRecord {
  id: string;
  name: string;
  customerId: string | null;
  planId: string;
  createdAt: Date;
}

export interface BillingStore {
  customersByIds(ids: readonly string[]): Promise<CustomerRecord[]>;
  listCustomers(): Promise<CustomerRecord[]>;
  partnersByIds(ids: readonly string[]): Promise<PartnerRecord[]>;
  partnersByCustomerIds(ids: readonly string[]): Promise<PartnerRecord[]>;
  listPartners(): Promise<PartnerRecord[]>;
  plansByIds(ids: readonly string[]): Promise<PlanRecord[]>;
  listPlans(): Promise<PlanRecord[]>;
  /** Resolves when the database answers; used by `/healthz`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openBillingStore(options: {
  location: DatabaseLocation;
  seed: number;
}): Promise<OpenedStore<BillingStore>> {
  const { db, seeded } = await openDatabase<BillingDatabase>({
    location: options.location,
    migrations,
    seedIfEmpty: (fresh) => seedIfEmpty(fresh, options.seed),
  });
  return { store: createBillingStore(db), seeded };
}

const toCustomer = (row: CustomerTable): CustomerRecord => ({
  id: row.id,
  name: row.name,
  country: row.country,
  industry: row.industry,
  createdAt: new Date(row.created_at),
});

const toPlan = (row: PlanTable): PlanRecord => ({
  id: row.id,
  name: row.name,
  monthlyPriceCents: row.monthly_price_cents,
  requestsPerMinute: row.requests_per_minute,
  monthlyQuota: row.monthly_quota,
});

const toPartner = (row: PartnerTable): PartnerRecord => ({
  id: row.id,
  name: row.name,
  customerId: row.customer_id,
  planId: row.plan_id,
  createdAt: new Date(row.created_at),
});

export function createBillingStore(db: Kysely<BillingDatabase>): BillingStore {
  const customers = () => db.selectFrom('customer').selectAll();
  const partners = () => db.selectFrom('partner').selectAll();
  const plans = () => db.selectFrom('plan').selectAll();
  return {
    customersByIds: async (ids) => (await customers().where('id', 'in', ids).execute()).map(toCustomer),
    listCustomers: async () => (await customers().orderBy('name').execute()).map(toCustomer),
    partnersByIds: async (ids) => (await partners().where('id', 'in', ids).execute()).map(toPartner),
    partnersByCustomerIds: async (ids) =>
      (await partners().where('customer_id', 'in', ids).orderBy('name').execute()).map(toPartner),
    listPartners: async () => (await partners().orderBy('name').execute()).map(toPartner),
    plansByIds: async (ids) => (await plans().where('id', 'in', ids).execute()).map(toPlan),
    listPlans: async () => (await plans().orderBy('monthly_price_cents').execute()).map(toPlan),
    ping: () => pingDatabase(db),
    close: () => db.destroy(),
  };
}
