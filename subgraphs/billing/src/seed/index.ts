/**
 * Deterministic demo data for an empty billing store: the shared demo customers, three plans, a partner
 * organisation for each customer with its billing profile, the business team's first admin, and a
 * generated shop for the dashboards.
 * Kept small, so a first start stays fast; the Metabase importer replaces the shop with the real sample.
 * Composed here from the domain (the plans' scopes, the admin's password hash, the shop generator) and
 * written through the store, which loads none of it.
 */
import { Faker, en } from '@faker-js/faker';
import { demoCustomers } from '@meridian/kit';
import { hashPassword } from '../auth/password';
import { CATALOG_SCOPE, knownScopes, readScopes } from '../auth/scopes';
import { generateShop } from '../ingest/shop-demo';
import type { BillingStore } from '../store';
import type { PlanTable } from '../store/tables';

export interface SeedOptions {
  readonly seed: number;
  readonly adminEmail: string;
  /** Without one, no admin is created: production starts with none until `ADMIN_PASSWORD` is given. */
  readonly adminPassword: string | undefined;
}

const demoPlans: PlanTable[] = [
  {
    id: 'plan_free',
    name: 'Free',
    monthly_price_cents: 0,
    requests_per_minute: 60,
    cost_points_per_minute: 1_000,
    monthly_quota: 10_000,
    concurrent_subscriptions: 2,
    allowed_scopes: JSON.stringify(readScopes),
    overage_cents_per_thousand: 0,
  },
  {
    id: 'plan_pro',
    name: 'Pro',
    monthly_price_cents: 49_900,
    requests_per_minute: 600,
    cost_points_per_minute: 20_000,
    monthly_quota: 1_000_000,
    concurrent_subscriptions: 50,
    // Everything but the catalog of every operator's fleet data, which only Enterprise sells.
    allowed_scopes: JSON.stringify(knownScopes.filter((scope) => scope !== CATALOG_SCOPE)),
    overage_cents_per_thousand: 40,
  },
  {
    id: 'plan_enterprise',
    name: 'Enterprise',
    monthly_price_cents: 499_000,
    requests_per_minute: 6_000,
    cost_points_per_minute: 250_000,
    monthly_quota: 50_000_000,
    concurrent_subscriptions: 1_000,
    allowed_scopes: JSON.stringify(knownScopes),
    overage_cents_per_thousand: 20,
  },
];

/** Size of the generated shop: enough for every dashboard to show something, small enough to seed in well under a second. */
const DEMO_SHOP = { people: 500, products: 60, orders: 6_000 } as const;
const DEMO_SHOP_SPAN = { from: new Date(Date.UTC(2024, 0, 1)), to: new Date(Date.UTC(2026, 0, 1)) } as const;

export async function seedIfEmpty(store: BillingStore, options: SeedOptions): Promise<boolean> {
  if ((await store.listCustomers()).length > 0) return false;
  const faker = new Faker({ locale: en, seed: options.seed });
  const since = new Date(Date.UTC(2024, 0, 1));
  const adminHash =
    options.adminPassword === undefined ? undefined : await hashPassword(options.adminPassword);
  const customers = demoCustomers.map((customer) => ({
    ...customer,
    created_at: faker.date.between({ from: since, to: Date.UTC(2025, 0, 1) }).toISOString(),
  }));
  const partners = demoCustomers.map((customer, index) => ({
    id: `par_${String(index + 1).padStart(4, '0')}`,
    name: customer.name,
    customer_id: customer.id,
    plan_id: faker.helpers.arrayElement(demoPlans).id,
    created_at: faker.date.between({ from: Date.UTC(2025, 0, 1), to: Date.UTC(2026, 0, 1) }).toISOString(),
  }));
  // Each demo partner has a billing profile, so its drafts can be issued straight away.
  const billingProfiles = demoCustomers.map((customer, index) => ({
    partner_id: `par_${String(index + 1).padStart(4, '0')}`,
    legal_name: customer.name,
    address: [faker.location.streetAddress(), `${faker.location.zipCode()} ${faker.location.city()}`].join(
      '\n',
    ),
    country: customer.country,
    vat_id: `${customer.country === 'GR' ? 'EL' : customer.country}${faker.string.numeric(9)}`,
    email: `billing@${customer.id.replace('_', '-')}.example`,
    updated_at: since.toISOString(),
    updated_by: null,
  }));
  const admins =
    adminHash === undefined
      ? []
      : [
          {
            id: 'usr_admin',
            email: options.adminEmail,
            name: 'Meridian admin',
            password_hash: adminHash,
            role: 'admin',
            partner_id: null,
            created_at: since.toISOString(),
          },
        ];
  await store.writeSeed({ customers, plans: demoPlans, partners, billingProfiles, users: admins });
  await store.replaceShop(generateShop({ seed: options.seed, ...DEMO_SHOP, ...DEMO_SHOP_SPAN }));
  return true;
}
