/**
 * The figures of the API business's own dashboards, read from Meridian's invoices, partners, plans and usage
 * rollups (the shop sample's figures are in `shop.store.ts`). Revenue is net (invoice subtotals: tax is
 * collected for the state, not earned), counted on the day an invoice was issued, from issued and paid
 * invoices only: a draft may still change, so it is no revenue yet. Only invoices in the one configured
 * currency are summed, so no figure adds euros to dollars.
 */
import { sql, type Kysely } from 'kysely';
import type { BillingDatabase, UsageRollupTable } from './tables';
import { ALL_SUBGRAPHS } from './usage-rollups';

/** Rollup rows per INSERT, under SQLite's bound-parameter limit (13 columns each). */
const ROLLUP_CHUNK = 500;

/** The invoice statuses that count as revenue. */
const REVENUE_STATUSES = ['issued', 'paid'] as const;

export interface IssuedInvoiceRecord {
  partnerId: string;
  issuedAt: Date;
  subtotalCents: number;
}

export interface PlanMrrRecord {
  planId: string;
  planName: string;
  monthlyPriceCents: number;
  /** Partners on the plan that are not suspended. */
  activePartners: number;
}

export interface PartnerUsageRecord {
  partnerId: string;
  billed: number;
}

export function createBusinessStore(db: Kysely<BillingDatabase>) {
  return {
    /** Issued and paid invoices in `currency` issued in `[from, to)`, oldest first. */
    async issuedInvoicesBetween(from: Date, to: Date, currency: string): Promise<IssuedInvoiceRecord[]> {
      const rows = await db
        .selectFrom('invoice')
        .select(['partner_id', 'issued_at', 'subtotal_cents'])
        .where('status', 'in', [...REVENUE_STATUSES])
        .where('currency', '=', currency)
        .where('issued_at', '>=', from.toISOString())
        .where('issued_at', '<', to.toISOString())
        .orderBy('issued_at')
        .execute();
      return rows.map((row) => ({
        partnerId: row.partner_id,
        issuedAt: new Date(row.issued_at!),
        subtotalCents: Number(row.subtotal_cents),
      }));
    },

    /** Every plan with its count of active (not suspended) partners, cheapest plan first. */
    async activePartnersByPlan(): Promise<PlanMrrRecord[]> {
      const rows = await db
        .selectFrom('plan')
        .leftJoin('partner', (join) =>
          join.onRef('partner.plan_id', '=', 'plan.id').on('partner.suspended_at', 'is', null),
        )
        .select([
          'plan.id',
          'plan.name',
          'plan.monthly_price_cents',
          sql<number>`count(partner.id)`.as('partners'),
        ])
        .groupBy(['plan.id', 'plan.name', 'plan.monthly_price_cents'])
        .orderBy('plan.monthly_price_cents')
        .orderBy('plan.id')
        .execute();
      return rows.map((row) => ({
        planId: row.id,
        planName: row.name,
        monthlyPriceCents: Number(row.monthly_price_cents),
        activePartners: Number(row.partners),
      }));
    },

    /**
     * Billed requests (what quotas and invoices count) per partner over the days in `[from, to)`, from the
     * daily rollups; partners without any are absent.
     */
    async billedByPartner(from: Date, to: Date): Promise<PartnerUsageRecord[]> {
      const rows = await db
        .selectFrom('usage_rollup')
        .select(['partner_id', sql<number>`sum(billed)`.as('billed')])
        .where('granularity', '=', 'day')
        .where('subgraph', '=', ALL_SUBGRAPHS)
        .where('bucket', '>=', from.toISOString())
        .where('bucket', '<', to.toISOString())
        .groupBy('partner_id')
        .execute();
      return rows.map((row) => ({ partnerId: row.partner_id, billed: Number(row.billed) }));
    },

    /** Whether any rollup row of `keyId` exists (the demo history writes its own key's rows once). */
    async hasRollupsOfKey(keyId: string): Promise<boolean> {
      const row = await db
        .selectFrom('usage_rollup')
        .select('key_id')
        .where('key_id', '=', keyId)
        .limit(1)
        .execute();
      return row.length > 0;
    },

    /** Adds rollup rows as they are (the demo history's; metered usage goes through `ingestUsage`). */
    async insertRollups(rows: readonly UsageRollupTable[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += ROLLUP_CHUNK) {
          await trx
            .insertInto('usage_rollup')
            .values(rows.slice(i, i + ROLLUP_CHUNK))
            .execute();
        }
      });
    },
  };
}
