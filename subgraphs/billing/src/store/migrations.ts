/** Schema migrations of the billing store, applied in name order. */
import { sql, type Kysely } from 'kysely';
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
  '0002_keys_usage_invoices_shop': {
    async up(db: Kysely<unknown>) {
      for (const [column, fallback] of [
        ['cost_points_per_minute', '0'],
        ['concurrent_subscriptions', '0'],
        ['overage_cents_per_thousand', '0'],
      ] as const) {
        await db.schema
          .alterTable('plan')
          .addColumn(column, 'integer', (c) => c.notNull().defaultTo(sql.raw(fallback)))
          .execute();
      }
      await db.schema
        .alterTable('plan')
        .addColumn('allowed_scopes', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema
        .createTable('portal_user')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.references('partner.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('portal_user_partner').on('portal_user').column('partner_id').execute();
      await db.schema
        .createTable('invitation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.references('partner.id'))
        .addColumn('invited_by', 'text', (c) => c.references('portal_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'text')
        .execute();
      await db.schema
        .createTable('session')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('portal_user.id'))
        .addColumn('refresh_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('api_key')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('environment', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('last_four', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('previous_hash', 'text', (c) => c.unique())
        .addColumn('previous_valid_until', 'text')
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('api_key_partner').on('api_key').column('partner_id').execute();
      await db.schema
        .createTable('usage_event')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('subgraphs', 'text', (c) => c.notNull())
        .addColumn('cost', 'integer', (c) => c.notNull())
        .addColumn('duration_ms', 'double precision', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('subscription_messages', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('usage_rollup')
        .addColumn('granularity', 'text', (c) => c.notNull())
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('subgraph', 'text', (c) => c.notNull())
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('requests', 'bigint', (c) => c.notNull())
        .addColumn('errors', 'integer', (c) => c.notNull())
        .addColumn('cost', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'double precision', (c) => c.notNull())
        .addColumn('bytes', 'bigint', (c) => c.notNull())
        .addColumn('subscription_messages', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('usage_rollup_pk', [
          'granularity',
          'partner_id',
          'bucket',
          'key_id',
          'subgraph',
          'operation',
        ])
        .execute();
      await db.schema
        .createTable('invoice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id'))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal_cents', 'integer', (c) => c.notNull())
        .addColumn('tax_basis_points', 'integer', (c) => c.notNull())
        .addColumn('tax_cents', 'integer', (c) => c.notNull())
        .addColumn('total_cents', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text')
        .addColumn('paid_at', 'text')
        .addUniqueConstraint('invoice_partner_period', ['partner_id', 'period'])
        .execute();
      await db.schema
        .createTable('invoice_line')
        .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoice.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('invoice_line_pk', ['invoice_id', 'position'])
        .execute();
      await db.schema
        .createTable('shop_person')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('shop_product')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('vendor', 'text', (c) => c.notNull())
        .addColumn('price_cents', 'integer', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('shop_order')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('person_id', 'integer', (c) => c.notNull().references('shop_person.id'))
        .addColumn('product_id', 'integer', (c) => c.notNull().references('shop_product.id'))
        .addColumn('subtotal_cents', 'integer', (c) => c.notNull())
        .addColumn('tax_cents', 'integer', (c) => c.notNull())
        .addColumn('total_cents', 'integer', (c) => c.notNull())
        .addColumn('discount_cents', 'integer')
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('shop_order_created').on('shop_order').column('created_at_ms').execute();
      await db.schema.createIndex('shop_order_person').on('shop_order').column('person_id').execute();
    },
  },
  '0003_shop_order_daily_index': {
    async up(db: Kysely<unknown>) {
      // Lets the question builder sum orders per day by walking this index in order, without sorting a
      // million rows; the days are then folded into weeks, months, quarters or years. The expression must
      // read exactly as the store's queries write it.
      await sql`create index shop_order_day on shop_order ((created_at_ms / 86400000), total_cents)`.execute(
        db,
      );
    },
  },
  '0004_partner_suspension': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('partner').addColumn('suspended_at', 'text').execute();
    },
  },
  '0005_safelists': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('api_key')
        .addColumn('safelist_only', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('safelist_operation')
        .addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('safelist_operation_pk', ['partner_id', 'id'])
        .execute();
    },
  },
  '0006_used_refresh_tokens': {
    async up(db: Kysely<unknown>) {
      // A refresh token that comes back after it was exchanged has been copied: remembering each exchanged
      // token until its session expires lets billing end the session it belongs to.
      await db.schema
        .createTable('used_refresh_token')
        .addColumn('refresh_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('session.id'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('used_refresh_token_expiry')
        .on('used_refresh_token')
        .column('expires_at')
        .execute();
    },
  },
  '0007_fleet_catalog_scope': {
    async up(db: Kysely<unknown>) {
      // Telemetry became per operator, with the whole fleet catalog a scope of its own that the Enterprise
      // plan sells; a data folder from before gets it on that plan and on the development demo key, which
      // read every fleet until then.
      const add = (column: string) =>
        sql`case when ${sql.ref(column)} like '%telemetry:catalog%' then ${sql.ref(column)}
          else replace(${sql.ref(column)}, '"telemetry:write"', '"telemetry:write","telemetry:catalog"') end`;
      await sql`update plan set allowed_scopes = ${add('allowed_scopes')} where id = 'plan_enterprise'`.execute(
        db,
      );
      await sql`update api_key set scopes = ${add('scopes')} where partner_id = 'par_demo' and revoked_at is null`.execute(
        db,
      );
    },
  },
  '0008_account_recovery': {
    async up(db: Kysely<unknown>) {
      // Password resets, like invitations, are single-use links stored only as a hash.
      await db.schema
        .createTable('password_reset')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('portal_user.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('password_reset_user').on('password_reset').column('user_id').execute();
      await db.schema
        .createTable('access_request')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('use_case', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text', (c) => c.references('portal_user.id'))
        .addColumn('partner_id', 'text', (c) => c.references('partner.id'))
        .execute();
      await db.schema.createIndex('access_request_status').on('access_request').column('status').execute();
      await db.schema
        .createTable('outbox_message')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outbox_message_created')
        .on('outbox_message')
        .column('created_at')
        .execute();
    },
  },
  '0009_billed_requests_and_request_log': {
    async up(db: Kysely<unknown>) {
      // Refused calls and the portal's own calls stay in `requests` but not in `billed`, which quotas and
      // invoices count. Rows from before were all charged, so they keep what they charged.
      await db.schema
        .alterTable('usage_rollup')
        .addColumn('billed', 'bigint', (c) => c.notNull().defaultTo(sql.raw('0')))
        .execute();
      await sql`update usage_rollup set billed = requests`.execute(db);
      await db.schema
        .createTable('request_log')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('error_code', 'text')
        .addColumn('cost', 'integer', (c) => c.notNull())
        .addColumn('duration_ms', 'double precision', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('billable', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('request_log_key')
        .on('request_log')
        .columns(['partner_id', 'key_id', 'occurred_at'])
        .execute();
      await db.schema
        .createIndex('request_log_request')
        .on('request_log')
        .columns(['partner_id', 'request_id'])
        .execute();
      await db.schema.createIndex('request_log_time').on('request_log').column('occurred_at').execute();
    },
  },
  '0010_partner_audit': {
    async up(db: Kysely<unknown>) {
      // Who did what to a partner, kept for the business team: onboarding, plan and status changes with
      // their reasons, invitations, access decisions and every key event. Rows are only ever added.
      await db.schema
        .createTable('audit_event')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // Null for what concerns no partner yet, such as a declined access request.
        .addColumn('partner_id', 'text', (c) => c.references('partner.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('detail', 'text')
        .addColumn('reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_event_partner')
        .on('audit_event')
        .columns(['partner_id', 'created_at'])
        .execute();
      // An invitation can be withdrawn before it is used; a resent one gets a new token hash instead.
      await db.schema.alterTable('invitation').addColumn('revoked_at', 'text').execute();
      await db.schema.createIndex('invitation_partner').on('invitation').column('partner_id').execute();
    },
  },
  '0011_saved_questions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('saved_question')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.notNull().references('portal_user.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('shared', 'integer', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('saved_question_owner')
        .on('saved_question')
        .columns(['owner_id', 'created_at'])
        .execute();
    },
  },
  '0012_invoice_numbers_payments': {
    async up(db: Kysely<unknown>) {
      // What a finance team needs on an invoice: a number given at issue, gap-free per year (one counter row
      // per year, incremented in the issuing transaction), a due date, both parties as they were at issue,
      // payments in parts, and why a month was issued before it ended.
      await db.schema
        .createTable('billing_profile')
        .addColumn('partner_id', 'text', (c) => c.primaryKey().references('partner.id'))
        .addColumn('legal_name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('vat_id', 'text')
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
      await db.schema
        .createTable('invoice_number_sequence')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('last_number', 'integer', (c) => c.notNull())
        .execute();
      for (const column of [
        'number',
        'due_on',
        'seller',
        'buyer',
        'override_reason',
        'override_by',
        'override_at',
      ]) {
        await db.schema.alterTable('invoice').addColumn(column, 'text').execute();
      }
      await db.schema
        .alterTable('invoice')
        .addColumn('amount_paid_cents', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // Paid invoices from before payments were recorded one by one count as paid in full.
      await sql`update invoice set amount_paid_cents = total_cents where status = 'paid'`.execute(db);
      await db.schema.createIndex('invoice_number').on('invoice').column('number').unique().execute();
      await db.schema
        .createTable('invoice_payment')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoice.id'))
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('paid_on', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text')
        .execute();
      await db.schema
        .createIndex('invoice_payment_invoice')
        .on('invoice_payment')
        .column('invoice_id')
        .execute();
    },
  },
};
