/**
 * Deterministic demo data for an empty billing store: the shared demo customers, three plans, and a partner
 * organisation for most customers.
 */
import { Faker, en } from '@faker-js/faker';
import { demoCustomers } from '@meridian/kit';
import type { Kysely } from 'kysely';
import type { BillingDatabase, PlanTable } from './tables';

const plans: PlanTable[] = [
  { id: 'plan_free', name: 'Free', monthly_price_cents: 0, requests_per_minute: 60, monthly_quota: 10_000 },
  {
    id: 'plan_pro',
    name: 'Pro',
    monthly_price_cents: 49_900,
    requests_per_minute: 600,
    monthly_quota: 1_000_000,
  },
  {
    id: 'plan_enterprise',
    name: 'Enterprise',
    monthly_price_cents: 499_000,
    requests_per_minute: 6_000,
    monthly_quota: 50_000_000,
  },
];

export async function seedIfEmpty(db: Kysely<BillingDatabase>, seed: number): Promise<boolean> {
  const existing = await db.selectFrom('customer').select('id').limit(1).execute();
  if (existing.length > 0) return false;
  const faker = new Faker({ locale: en, seed });
  const since = new Date(Date.UTC(2024, 0, 1));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('customer')
      .values(
        demoCustomers.map((customer) => ({
          ...customer,
          created_at: faker.date.between({ from: since, to: Date.UTC(2025, 0, 1) }).toISOString(),
        })),
      )
      .execute();
    await trx.insertInto('plan').values(plans).execute();
    await trx
      .insertInto('partner')
      .values(
        demoCustomers.map((customer, index) => ({
          id: `par_${String(index + 1).padStart(4, '0')}`,
          name: customer.name,
          customer_id: customer.id,
          plan_id: faker.helpers.arrayElement(plans).id,
          created_at: faker.date
            .between({ from: Date.UTC(2025, 0, 1), to: Date.UTC(2026, 0, 1) })
            .toISOString(),
        })),
      )
      .execute();
  });
  return true;
}
