/** Row types of the billing store, as Kysely sees them. */
export interface CustomerTable {
  id: string;
  name: string;
  country: string;
  industry: string;
  created_at: string;
}

export interface PlanTable {
  id: string;
  name: string;
  monthly_price_cents: number;
  requests_per_minute: number;
  monthly_quota: number;
}

export interface PartnerTable {
  id: string;
  name: string;
  customer_id: string | null;
  plan_id: string;
  created_at: string;
}

export interface BillingDatabase {
  customer: CustomerTable;
  plan: PlanTable;
  partner: PartnerTable;
}
