/** Schema migrations of the billing store, applied in name order. */
import type { Kysely } from 'kysely';
import type { Migrations } from '@meridian/kit';

export const migrations: Migrations = {
  '0001_accounts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('customer')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('industry', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('plan')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('monthly_price_cents', 'integer', (c) => c.notNull())
        .addColumn('requests_per_minute', 'integer', (c) => c.notNull())
        .addColumn('monthly_quota', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('partner')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.references('customer.id'))
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plan.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('partner_customer').on('partner').column('customer_id').execute();
    },
  },
};
