/** Row types of the billing store, as Kysely sees them. Times are ISO-8601 text unless named `_ms`. */
import type { ColumnType } from 'kysely';

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
  cost_points_per_minute: number;
  monthly_quota: number;
  concurrent_subscriptions: number;
  /** JSON array of scope names. */
  allowed_scopes: string;
  /** Price of each started thousand operations beyond the quota. */
  overage_cents_per_thousand: number;
}

export interface PartnerTable {
  id: string;
  name: string;
  customer_id: string | null;
  plan_id: string;
  created_at: string;
  /** When an admin suspended the partner (its keys are refused); null while active. Optional on insert. */
  suspended_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  partner_id: string | null;
  created_at: string;
}

export interface InvitationTable {
  id: string;
  token_hash: string;
  email: string;
  role: string;
  partner_id: string | null;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  /** When an admin withdrew the invitation; its link no longer works. Optional on insert. */
  revoked_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionTable {
  id: string;
  user_id: string;
  refresh_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** A refresh token already exchanged, kept until its session expires so that its reuse ends the session. */
interface UsedRefreshTokenTable {
  refresh_hash: string;
  session_id: string;
  /** The session's expiry: after it the token is refused anyway, and the row is dropped. */
  expires_at: string;
}

/** A password reset link: stored as the SHA-256 of its secret, used once, before `expires_at`. */
interface PasswordResetTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Someone asking for a partner account; `status` is pending, approved or declined. */
export interface AccessRequestTable {
  id: string;
  organisation: string;
  name: string;
  email: string;
  use_case: string;
  status: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  /** The partner an approval created. */
  partner_id: string | null;
}

/** An e-mail kept instead of sent, when no SMTP server is configured (development). */
export interface OutboxMessageTable {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
}

export interface ApiKeyTable {
  id: string;
  partner_id: string;
  name: string;
  environment: string;
  prefix: string;
  last_four: string;
  hash: string;
  /** The secret before the last roll, accepted until `previous_valid_until`. */
  previous_hash: string | null;
  previous_valid_until: string | null;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  /** 1 when the key may run only operations on its partner's safelist. */
  safelist_only: number;
}

/** An operation a partner registered: `id` is the SHA-256 (hex) of `text`, exactly as registered. */
export interface SafelistOperationTable {
  partner_id: string;
  id: string;
  text: string;
  name: string | null;
  created_at: string;
}

interface UsageEventTable {
  id: string;
  occurred_at: string;
  partner_id: string;
  key_id: string;
  operation: string;
  subgraphs: string;
  cost: number;
  duration_ms: number;
  outcome: string;
  bytes: number;
  subscription_messages: number;
}

export interface UsageRollupTable {
  granularity: string;
  bucket: string;
  partner_id: string;
  key_id: string;
  /** `*` holds the totals over every subgraph of the operation. */
  subgraph: string;
  operation: string;
  requests: number;
  /** Requests that count against the quota and the invoice (answered calls with a key). */
  billed: number;
  errors: number;
  cost: number;
  duration_ms: number;
  bytes: number;
  subscription_messages: number;
}

/** The last requests of each key, for the console's request log; pruned by age and by count per key. */
interface RequestLogTable {
  /** The usage event's id, so an event replayed by the gateway is logged once. */
  event_id: string;
  request_id: string;
  occurred_at: string;
  partner_id: string;
  key_id: string;
  operation: string;
  status: number | null;
  error_code: string | null;
  cost: number;
  duration_ms: number;
  outcome: string;
  /** 1 when the request counts against the quota. */
  billable: number;
}

export interface InvoiceTable {
  id: string;
  partner_id: string;
  period: string;
  status: string;
  currency: string;
  subtotal_cents: number;
  tax_basis_points: number;
  tax_cents: number;
  total_cents: number;
  created_at: string;
  issued_at: string | null;
  paid_at: string | null;
  /** `MER-2026-0001`, given at issue; null for a draft. Unique. */
  number: ColumnType<string | null, string | null | undefined, string | null>;
  /** `YYYY-MM-DD`, set at issue from the payment terms. */
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON of the seller and the buyer as they were at issue (`InvoiceParty`). */
  seller: ColumnType<string | null, string | null | undefined, string | null>;
  buyer: ColumnType<string | null, string | null | undefined, string | null>;
  /** Sum of the payments recorded. */
  amount_paid_cents: ColumnType<number, number | undefined, number>;
  /** Set when an admin issued the month before it ended: why, who (user id) and when. */
  override_reason: ColumnType<string | null, string | null | undefined, string | null>;
  override_by: ColumnType<string | null, string | null | undefined, string | null>;
  override_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One payment received against an issued invoice. */
export interface InvoicePaymentTable {
  id: string;
  invoice_id: string;
  amount_cents: number;
  /** `YYYY-MM-DD`: the day the money arrived. */
  paid_on: string;
  /** The bank's reference. */
  reference: string;
  recorded_at: string;
  /** The portal user who recorded it. */
  recorded_by: string | null;
}

/** The last invoice number given in each year: incremented inside the transaction that issues. */
interface InvoiceNumberSequenceTable {
  year: number;
  last_number: number;
}

/** Who a partner's invoices are addressed to. */
export interface BillingProfileTable {
  partner_id: string;
  legal_name: string;
  /** Address lines joined by newlines. */
  address: string;
  country: string;
  vat_id: string | null;
  email: string;
  updated_at: string;
  updated_by: string | null;
}

export interface InvoiceLineTable {
  invoice_id: string;
  position: number;
  description: string;
  quantity: number;
  unit_price_cents: number;
  amount_cents: number;
}

export interface ShopPersonTable {
  id: number;
  name: string;
  email: string;
  city: string;
  state: string;
  source: string;
  created_at_ms: number;
}

export interface ShopProductTable {
  id: number;
  title: string;
  category: string;
  vendor: string;
  price_cents: number;
  created_at_ms: number;
}

export interface ShopOrderTable {
  id: number;
  person_id: number;
  product_id: number;
  subtotal_cents: number;
  tax_cents: number;
  total_cents: number;
  discount_cents: number | null;
  quantity: number;
  created_at_ms: number;
}

/** A question of the question builder an admin saved: its own, or shared with every admin. */
export interface SavedQuestionTable {
  id: string;
  owner_id: string;
  name: string;
  /** 1 when every admin sees it. */
  shared: number;
  /** The question as asked (metric, field, groupBy, filter), as JSON. */
  question: string;
  created_at: string;
}

/** One thing done to a partner, by whom, and why when a reason was asked for. */
export interface AuditEventTable {
  id: string;
  /** Null for what concerns no partner (a declined access request). */
  partner_id: string | null;
  /** What happened, as `<thing>.<verb>` (`partner.suspended`, `key.rolled`, …). */
  action: string;
  /** The user or key that acted; null for the service itself. */
  actor_id: string | null;
  /** How the actor reads in the log (an e-mail address, a key name), kept as it was at the time. */
  actor: string;
  /** The id or address acted on, when not the partner itself. */
  subject: string | null;
  detail: string | null;
  reason: string | null;
  created_at: string;
}

export interface BillingDatabase {
  customer: CustomerTable;
  plan: PlanTable;
  partner: PartnerTable;
  portal_user: UserTable;
  invitation: InvitationTable;
  audit_event: AuditEventTable;
  session: SessionTable;
  used_refresh_token: UsedRefreshTokenTable;
  password_reset: PasswordResetTable;
  access_request: AccessRequestTable;
  outbox_message: OutboxMessageTable;
  api_key: ApiKeyTable;
  safelist_operation: SafelistOperationTable;
  usage_event: UsageEventTable;
  usage_rollup: UsageRollupTable;
  request_log: RequestLogTable;
  invoice: InvoiceTable;
  invoice_line: InvoiceLineTable;
  invoice_payment: InvoicePaymentTable;
  invoice_number_sequence: InvoiceNumberSequenceTable;
  billing_profile: BillingProfileTable;
  shop_person: ShopPersonTable;
  shop_product: ShopProductTable;
  shop_order: ShopOrderTable;
  saved_question: SavedQuestionTable;
}
