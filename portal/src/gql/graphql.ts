/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** PENDING until the business team approves (a partner is created) or declines it. */
export type AccessRequestStatus =
  | 'APPROVED'
  | 'DECLINED'
  | 'PENDING';

/** A billing profile as entered; blank address lines are dropped. */
export type BillingProfileInput = {
  /** 1 to 6 lines of at most 100 characters. */
  addressLines: Array<string>;
  /** ISO 3166-1 alpha-2 country code, e.g. GB. */
  country: string;
  /** Where invoices are sent. */
  email: string;
  /** The legal name, 1 to 200 characters. */
  name: string;
  /** VAT id with its country prefix, e.g. GB123456789; spaces and dots are removed. */
  vatId?: string | null | undefined;
};

export type FilterInput = {
  field: string;
  op: FilterOperator;
  /** One value, or several for IN; amounts as decimals, times as ISO-8601. */
  values: Array<string>;
};

export type FilterOperator =
  | 'EQ'
  | 'GT'
  | 'GTE'
  | 'IN'
  | 'LT'
  | 'LTE'
  | 'NE';

export type GroupByInput = {
  /** Needed for time fields. */
  bucket?: TimeBucket | null | undefined;
  /** A field such as `product.category` or `order.createdAt`. */
  field: string;
};

/** What a customer does with the data it buys. */
export type Industry =
  | 'ANALYTICS'
  | 'AVIATION'
  | 'BROADCASTING';

export type InvoiceStatus =
  | 'DRAFT'
  | 'ISSUED'
  | 'PAID';

/** LIVE keys (`mer_live_…`) for production traffic, TEST keys (`mer_test_…`) for development. */
export type KeyEnvironment =
  | 'LIVE'
  | 'TEST';

/** A partner organisation to create, with the developers to invite to it. */
export type OnboardPartnerInput = {
  /** Onboard even when a partner of the same name exists (refused with DUPLICATE_PARTNER_NAME otherwise). */
  allowDuplicateName?: boolean | null | undefined;
  customerId?: string | number | null | undefined;
  /** Each gets an invitation link by e-mail; every address is checked before anything is made. */
  developerEmails?: Array<string> | null | undefined;
  name: string;
  planId: string | number;
};

/** ACTIVE: its keys work. SUSPENDED: its keys are refused with PARTNER_SUSPENDED. */
export type PartnerStatus =
  | 'ACTIVE'
  | 'SUSPENDED';

/** ADMIN: the business team, across partners. DEVELOPER: a member of one partner organisation. */
export type Role =
  | 'ADMIN'
  | 'DEVELOPER';

export type SaveQuestionInput = {
  field?: string | null | undefined;
  filter?: Array<FilterInput> | null | undefined;
  groupBy?: Array<GroupByInput> | null | undefined;
  metric: SummaryMetric;
  /** 1 to 80 characters after trimming. */
  name: string;
  /** List it to every admin. */
  shared?: boolean;
};

/** DISTINCT counts distinct values. */
export type SummaryMetric =
  | 'AVG'
  | 'COUNT'
  | 'DISTINCT'
  | 'MAX'
  | 'MIN'
  | 'SUM';

/** Weeks start on Monday; all buckets are UTC. */
export type TimeBucket =
  | 'DAY'
  | 'MONTH'
  | 'QUARTER'
  | 'WEEK'
  | 'YEAR';

export type UsageGranularity =
  | 'DAY'
  | 'HOUR';

/** How usage is split into series: one total, or one per key, subgraph or operation. */
export type UsageGrouping =
  | 'KEY'
  | 'OPERATION'
  | 'SUBGRAPH'
  | 'TOTAL';

export type BusinessDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type BusinessDashboardQuery = { businessDashboard: { currency: string, asOf: string, mrr: number, quotaWatchPercent: number, revenueWindow: { start: string, end: string, partial: boolean, revenue: number, invoices: number, target: number, attainment: number }, weeklyRevenue: Array<{ start: string, end: string, partial: boolean, revenue: number, invoices: number }>, mrrByPlan: Array<{ planId: string, planName: string, activePartners: number, monthlyPrice: number, mrr: number }>, rankingSpan: { start: string, end: string, partial: boolean }, topPartnersByUsage: Array<{ partnerId: string, name: string, planName: string, billedRequests: number, revenue: number }>, topPartnersByRevenue: Array<{ partnerId: string, name: string, planName: string, billedRequests: number, revenue: number }>, quotaMonth: { start: string, end: string, partial: boolean }, partnersNearQuota: Array<{ partnerId: string, name: string, planName: string, billedRequests: number, monthlyQuota: number, share: number }>, partnerGrowth: Array<{ start: string, end: string, partial: boolean, joined: number, churned: number, activeAtEnd: number }> } };

export type ExplorerKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type ExplorerKeysQuery = { apiKeys: Array<{ id: string, name: string, prefix: string, lastFour: string, scopes: Array<string>, revokedAt: string | null, expiresAt: string | null }> };

export type PartnerChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerChoicesQuery = { partners: Array<{ id: string, name: string }> };

export type QuestionQueryVariables = Exact<{
  metric: SummaryMetric;
  field?: string | null | undefined;
  groupBy?: Array<GroupByInput> | GroupByInput | null | undefined;
  filter?: Array<FilterInput> | FilterInput | null | undefined;
}>;


export type QuestionQuery = { summarize: { columns: Array<string>, truncated: boolean, rows: Array<{ group: Array<string>, value: number | null }> } };

export type QuestionCsvQueryVariables = Exact<{
  metric: SummaryMetric;
  field?: string | null | undefined;
  groupBy?: Array<GroupByInput> | GroupByInput | null | undefined;
  filter?: Array<FilterInput> | FilterInput | null | undefined;
}>;


export type QuestionCsvQuery = { summarizeCsv: string };

export type FilterValuesQueryVariables = Exact<{
  field: string;
}>;


export type FilterValuesQuery = { filterValues: Array<{ value: string, orders: number }> };

export type SavedQuestionsQueryVariables = Exact<{ [key: string]: never; }>;


export type SavedQuestionsQuery = { savedQuestions: Array<{ id: string, name: string, shared: boolean, mine: boolean, metric: SummaryMetric, field: string | null, groupBy: Array<{ field: string, bucket: TimeBucket | null }>, filter: Array<{ field: string, op: FilterOperator, values: Array<string> }> }> };

export type SaveQuestionMutationVariables = Exact<{
  input: SaveQuestionInput;
}>;


export type SaveQuestionMutation = { saveQuestion: { id: string } };

export type DeleteSavedQuestionMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteSavedQuestionMutation = { deleteSavedQuestion: boolean };

export type MonthlyQuotaFragment = { periodStart: string, periodEnd: string, limit: number, used: number, remaining: number };

export type AdminInvoiceFieldsFragment = { id: string, number: string | null, fileName: string, period: string, status: InvoiceStatus, overdue: boolean, currency: string, totalCents: number, amountPaidCents: number, amountDueCents: number, issuedAt: string | null, dueOn: string | null, paidAt: string | null, issueOverride: { reason: string, by: string | null, at: string } | null, partner: { id: string, name: string } | null };

export type BillingProfileQueryVariables = Exact<{
  partnerId: string | number;
}>;


export type BillingProfileQuery = { billingProfile: { name: string, addressLines: Array<string>, country: string, vatId: string | null, email: string, updatedAt: string } | null };

export type SetBillingProfileMutationVariables = Exact<{
  partnerId: string | number;
  input: BillingProfileInput;
}>;


export type SetBillingProfileMutation = { setBillingProfile: { name: string } };

export type InvoicePageQueryVariables = Exact<{
  id: string | number;
}>;


export type InvoicePageQuery = { invoice: { id: string, html: string } | null };

export type IssueInvoiceMutationVariables = Exact<{
  id: string | number;
  overrideReason?: string | null | undefined;
}>;


export type IssueInvoiceMutation = { issueInvoice: { id: string, number: string | null, dueOn: string | null } };

export type RecordPaymentMutationVariables = Exact<{
  id: string | number;
  amountCents: number;
  paidOn: string;
  reference: string;
}>;


export type RecordPaymentMutation = { recordPayment: { id: string, status: InvoiceStatus, amountDueCents: number } };

export type GenerateInvoiceMutationVariables = Exact<{
  partnerId: string | number;
  period: string;
}>;


export type GenerateInvoiceMutation = { generateInvoice: { id: string, number: string | null, fileName: string, period: string, status: InvoiceStatus, overdue: boolean, currency: string, totalCents: number, amountPaidCents: number, amountDueCents: number, issuedAt: string | null, dueOn: string | null, paidAt: string | null, partner: { id: string, name: string } | null } };

export type InvoiceFieldsFragment = { id: string, number: string | null, fileName: string, period: string, status: InvoiceStatus, overdue: boolean, currency: string, totalCents: number, amountPaidCents: number, amountDueCents: number, issuedAt: string | null, dueOn: string | null, paidAt: string | null, partner: { id: string, name: string } | null };

export type InvoicePdfQueryVariables = Exact<{
  id: string | number;
}>;


export type InvoicePdfQuery = { invoice: { id: string, fileName: string, pdf: string } | null };

export type QuotaUseFragment = { used: number, limit: number };

export type SignedInUserQueryVariables = Exact<{ [key: string]: never; }>;


export type SignedInUserQuery = { me: { id: string, email: string, name: string, role: Role, partner: { id: string, name: string } | null } | null };

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignInMutation = { login: { accessToken: string, refreshToken: string, expiresAt: string } };

export type AcceptInvitationMutationVariables = Exact<{
  token: string;
  name: string;
  password: string;
}>;


export type AcceptInvitationMutation = { acceptInvitation: { accessToken: string, refreshToken: string, expiresAt: string } };

export type ResetPasswordMutationVariables = Exact<{
  token: string;
  password: string;
}>;


export type ResetPasswordMutation = { resetPassword: { accessToken: string, refreshToken: string, expiresAt: string } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { logout: boolean };

export type RevenueDashboardsQueryVariables = Exact<{ [key: string]: never; }>;


export type RevenueDashboardsQuery = { revenueAgainstTarget: { from: string, to: string, revenue: number, target: number, attainment: number, currency: string }, revenueByWeek: Array<{ weekStart: string, revenue: number }> };

export type TopCustomersQueryVariables = Exact<{
  offset: number;
}>;


export type TopCustomersQuery = { topCustomersBySales: { from: number, to: number, total: number, rows: Array<{ rank: number, name: string, amount: number, currency: string }> } };

export type AdminPartnersQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminPartnersQuery = { partners: Array<{ id: string, name: string, createdAt: string, status: PartnerStatus, suspendedAt: string | null, plan: { id: string, name: string, monthlyPriceCents: number }, customer: { name: string } | null }>, accessRequests: Array<{ id: string }> };

export type AdminPartnerInvoicesQueryVariables = Exact<{
  partnerId: string | number;
}>;


export type AdminPartnerInvoicesQuery = { partner: { id: string, name: string } | null, invoices: Array<{ id: string, number: string | null, fileName: string, period: string, status: InvoiceStatus, overdue: boolean, currency: string, totalCents: number, amountPaidCents: number, amountDueCents: number, issuedAt: string | null, dueOn: string | null, paidAt: string | null, issueOverride: { reason: string, by: string | null, at: string } | null, partner: { id: string, name: string } | null }> };

export type AdminInvoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminInvoicesQuery = { drafts: Array<{ id: string, number: string | null, fileName: string, period: string, status: InvoiceStatus, overdue: boolean, currency: string, totalCents: number, amountPaidCents: number, amountDueCents: number, issuedAt: string | null, dueOn: string | null, paidAt: string | null, issueOverride: { reason: string, by: string | null, at: string } | null, partner: { id: string, name: string } | null }>, issued: Array<{ id: string, number: string | null, fileName: string, period: string, status: InvoiceStatus, overdue: boolean, currency: string, totalCents: number, amountPaidCents: number, amountDueCents: number, issuedAt: string | null, dueOn: string | null, paidAt: string | null, issueOverride: { reason: string, by: string | null, at: string } | null, partner: { id: string, name: string } | null }>, paid: Array<{ id: string, number: string | null, fileName: string, period: string, status: InvoiceStatus, overdue: boolean, currency: string, totalCents: number, amountPaidCents: number, amountDueCents: number, issuedAt: string | null, dueOn: string | null, paidAt: string | null, issueOverride: { reason: string, by: string | null, at: string } | null, partner: { id: string, name: string } | null }> };

export type OnboardPlansQueryVariables = Exact<{ [key: string]: never; }>;


export type OnboardPlansQuery = { plans: Array<{ id: string, name: string, monthlyPriceCents: number, monthlyQuota: number, requestsPerMinute: number }>, customers: Array<{ id: string, name: string, industry: Industry }> };

export type OnboardPartnerMutationVariables = Exact<{
  input: OnboardPartnerInput;
}>;


export type OnboardPartnerMutation = { onboardPartner: { partner: { id: string, name: string, plan: { name: string } }, invitations: Array<{ token: string, email: string, expiresAt: string }> } };

export type OutboxQueryVariables = Exact<{ [key: string]: never; }>;


export type OutboxQuery = { outbox: Array<{ id: string, recipient: string, subject: string, body: string, createdAt: string }> };

export type AdminPartnerQueryVariables = Exact<{
  p: string | number;
  audit: number;
}>;


export type AdminPartnerQuery = { partner: { id: string, name: string, createdAt: string, status: PartnerStatus, suspendedAt: string | null, plan: { id: string, name: string }, customer: { name: string } | null, statusHistory: Array<{ status: PartnerStatus, actor: string, reason: string | null, at: string }>, invitations: Array<{ id: string, email: string, createdAt: string, expiresAt: string }>, auditLog: Array<{ id: string, action: string, actor: string, subject: string | null, detail: string | null, reason: string | null, createdAt: string }> } | null, plans: Array<{ id: string, name: string, monthlyPriceCents: number, monthlyQuota: number }>, users: Array<{ id: string, name: string, email: string, createdAt: string }>, apiKeys: Array<{ id: string, name: string, prefix: string, lastFour: string, scopes: Array<string>, lastUsedAt: string | null, revokedAt: string | null }>, quota: { used: number, limit: number, remaining: number }, invoices: Array<{ id: string, period: string, status: InvoiceStatus, totalCents: number }> };

export type ChangePlanMutationVariables = Exact<{
  p: string | number;
  plan: string | number;
}>;


export type ChangePlanMutation = { changePartnerPlan: { id: string } };

export type SuspendPartnerMutationVariables = Exact<{
  p: string | number;
  r: string;
}>;


export type SuspendPartnerMutation = { suspendPartner: { id: string } };

export type ReactivatePartnerMutationVariables = Exact<{
  p: string | number;
  r: string;
}>;


export type ReactivatePartnerMutation = { reactivatePartner: { id: string } };

export type RevokeInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeInvitationMutation = { revokeInvitation: { id: string } };

export type RevokeKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeKeyMutation = { revokeApiKey: { id: string } };

export type ResendInvitationMutationVariables = Exact<{
  id: string | number;
}>;


export type ResendInvitationMutation = { resendInvitation: { token: string, email: string } };

export type InviteDeveloperMutationVariables = Exact<{
  e: string;
  p: string | number;
}>;


export type InviteDeveloperMutation = { inviteUser: { token: string, email: string } };

export type AccessRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type AccessRequestsQuery = { accessRequests: Array<{ id: string, organisation: string, name: string, email: string, useCase: string, status: AccessRequestStatus, createdAt: string, decidedAt: string | null }>, plans: Array<{ id: string, name: string }> };

export type ApproveAccessRequestMutationVariables = Exact<{
  id: string | number;
  planId: string | number;
}>;


export type ApproveAccessRequestMutation = { approveAccessRequest: { request: { id: string, status: AccessRequestStatus }, invitation: { token: string, email: string } } };

export type DeclineAccessRequestMutationVariables = Exact<{
  id: string | number;
}>;


export type DeclineAccessRequestMutation = { declineAccessRequest: { id: string, status: AccessRequestStatus } };

export type InvitationPreviewQueryVariables = Exact<{
  token: string;
}>;


export type InvitationPreviewQuery = { invitation: { email: string, role: Role, organisation: string | null, expiresAt: string } };

export type ConsoleOverviewQueryVariables = Exact<{
  partnerId: string | number;
}>;


export type ConsoleOverviewQuery = { partner: { name: string, suspendedAt: string | null, plan: { name: string, monthlyQuota: number, requestsPerMinute: number, costPointsPerMinute: number, concurrentSubscriptions: number } } | null, quota: { periodStart: string, periodEnd: string, limit: number, used: number, remaining: number } };

export type PartnerInvoicesQueryVariables = Exact<{
  partnerId: string | number;
}>;


export type PartnerInvoicesQuery = { partner: { id: string, name: string } | null, invoices: Array<{ id: string, number: string | null, fileName: string, period: string, status: InvoiceStatus, overdue: boolean, currency: string, totalCents: number, amountPaidCents: number, amountDueCents: number, issuedAt: string | null, dueOn: string | null, paidAt: string | null, partner: { id: string, name: string } | null }> };

export type ApiKeysPageQueryVariables = Exact<{
  partnerId: string | number;
}>;


export type ApiKeysPageQuery = { partner: { id: string, name: string, suspendedAt: string | null, plan: { name: string, keyScopes: Array<string> } } | null, apiKeys: Array<{ id: string, name: string, environment: KeyEnvironment, prefix: string, lastFour: string, scopes: Array<string>, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, previousSecretValidUntil: string | null }> };

export type CreateApiKeyMutationVariables = Exact<{
  partnerId?: string | number | null | undefined;
  name: string;
  environment?: KeyEnvironment | null | undefined;
  scopes: Array<string> | string;
  expiresAt?: string | null | undefined;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string, key: { id: string, name: string } } };

export type RollApiKeyMutationVariables = Exact<{
  id: string | number;
  graceSeconds?: number | null | undefined;
}>;


export type RollApiKeyMutation = { rollApiKey: { secret: string, key: { id: string, name: string, previousSecretValidUntil: string | null } } };

export type UpdateApiKeyScopesMutationVariables = Exact<{
  id: string | number;
  scopes: Array<string> | string;
}>;


export type UpdateApiKeyScopesMutation = { updateApiKeyScopes: { id: string, scopes: Array<string> } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { id: string, revokedAt: string | null } };

export type RequestAccessMutationVariables = Exact<{
  organisation: string;
  name: string;
  email: string;
  useCase?: string | null | undefined;
}>;


export type RequestAccessMutation = { requestAccess: boolean };

export type RequestsPageQueryVariables = Exact<{
  partnerId: string | number;
  keyId?: string | number | null | undefined;
  requestId?: string | null | undefined;
}>;


export type RequestsPageQuery = { requestLog: Array<{ requestId: string, occurredAt: string, keyId: string, operation: string, status: number | null, errorCode: string | null, cost: number, durationMs: number, outcome: string, billable: boolean }>, apiKeys: Array<{ id: string, name: string }> };

export type RequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;


export type RequestPasswordResetMutation = { requestPasswordReset: boolean };

export type UsagePageQueryVariables = Exact<{
  partnerId: string | number;
  from: string;
  to: string;
  granularity?: UsageGranularity | null | undefined;
  groupBy?: UsageGrouping | null | undefined;
}>;


export type UsagePageQuery = { usage: Array<{ group: string, points: Array<{ bucket: string, requests: number, billed: number, errors: number, cost: number, meanDurationMs: number }> }>, partner: { plan: { name: string, requestsPerMinute: number, costPointsPerMinute: number, monthlyQuota: number } } | null, quota: { periodStart: string, periodEnd: string, limit: number, used: number, remaining: number }, apiKeys: Array<{ id: string, name: string }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const MonthlyQuotaFragmentDoc = new TypedDocumentString(`
    fragment MonthlyQuota on Quota {
  periodStart
  periodEnd
  limit
  used
  remaining
}
    `, {"fragmentName":"MonthlyQuota"}) as unknown as TypedDocumentString<MonthlyQuotaFragment, unknown>;
export const InvoiceFieldsFragmentDoc = new TypedDocumentString(`
    fragment InvoiceFields on Invoice {
  id
  number
  fileName
  period
  status
  overdue
  currency
  totalCents
  amountPaidCents
  amountDueCents
  issuedAt
  dueOn
  paidAt
  partner {
    id
    name
  }
}
    `, {"fragmentName":"InvoiceFields"}) as unknown as TypedDocumentString<InvoiceFieldsFragment, unknown>;
export const AdminInvoiceFieldsFragmentDoc = new TypedDocumentString(`
    fragment AdminInvoiceFields on Invoice {
  ...InvoiceFields
  issueOverride {
    reason
    by
    at
  }
}
    fragment InvoiceFields on Invoice {
  id
  number
  fileName
  period
  status
  overdue
  currency
  totalCents
  amountPaidCents
  amountDueCents
  issuedAt
  dueOn
  paidAt
  partner {
    id
    name
  }
}`, {"fragmentName":"AdminInvoiceFields"}) as unknown as TypedDocumentString<AdminInvoiceFieldsFragment, unknown>;
export const QuotaUseFragmentDoc = new TypedDocumentString(`
    fragment QuotaUse on Quota {
  used
  limit
}
    `, {"fragmentName":"QuotaUse"}) as unknown as TypedDocumentString<QuotaUseFragment, unknown>;
export const BusinessDashboardDocument = new TypedDocumentString(`
    query BusinessDashboard {
  businessDashboard(weeks: 12, months: 6, top: 5) {
    currency
    asOf
    revenueWindow {
      start
      end
      partial
      revenue
      invoices
      target
      attainment
    }
    weeklyRevenue {
      start
      end
      partial
      revenue
      invoices
    }
    mrr
    mrrByPlan {
      planId
      planName
      activePartners
      monthlyPrice
      mrr
    }
    rankingSpan {
      start
      end
      partial
    }
    topPartnersByUsage {
      partnerId
      name
      planName
      billedRequests
      revenue
    }
    topPartnersByRevenue {
      partnerId
      name
      planName
      billedRequests
      revenue
    }
    quotaMonth {
      start
      end
      partial
    }
    quotaWatchPercent
    partnersNearQuota {
      partnerId
      name
      planName
      billedRequests
      monthlyQuota
      share
    }
    partnerGrowth {
      start
      end
      partial
      joined
      churned
      activeAtEnd
    }
  }
}
    `) as unknown as TypedDocumentString<BusinessDashboardQuery, BusinessDashboardQueryVariables>;
export const ExplorerKeysDocument = new TypedDocumentString(`
    query ExplorerKeys {
  apiKeys {
    id
    name
    prefix
    lastFour
    scopes
    revokedAt
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ExplorerKeysQuery, ExplorerKeysQueryVariables>;
export const PartnerChoicesDocument = new TypedDocumentString(`
    query PartnerChoices {
  partners {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<PartnerChoicesQuery, PartnerChoicesQueryVariables>;
export const QuestionDocument = new TypedDocumentString(`
    query Question($metric: SummaryMetric!, $field: String, $groupBy: [GroupByInput!], $filter: [FilterInput!]) {
  summarize(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter) {
    columns
    rows {
      group
      value
    }
    truncated
  }
}
    `) as unknown as TypedDocumentString<QuestionQuery, QuestionQueryVariables>;
export const QuestionCsvDocument = new TypedDocumentString(`
    query QuestionCsv($metric: SummaryMetric!, $field: String, $groupBy: [GroupByInput!], $filter: [FilterInput!]) {
  summarizeCsv(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter)
}
    `) as unknown as TypedDocumentString<QuestionCsvQuery, QuestionCsvQueryVariables>;
export const FilterValuesDocument = new TypedDocumentString(`
    query FilterValues($field: String!) {
  filterValues(field: $field, first: 200) {
    value
    orders
  }
}
    `) as unknown as TypedDocumentString<FilterValuesQuery, FilterValuesQueryVariables>;
export const SavedQuestionsDocument = new TypedDocumentString(`
    query SavedQuestions {
  savedQuestions {
    id
    name
    shared
    mine
    metric
    field
    groupBy {
      field
      bucket
    }
    filter {
      field
      op
      values
    }
  }
}
    `) as unknown as TypedDocumentString<SavedQuestionsQuery, SavedQuestionsQueryVariables>;
export const SaveQuestionDocument = new TypedDocumentString(`
    mutation SaveQuestion($input: SaveQuestionInput!) {
  saveQuestion(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<SaveQuestionMutation, SaveQuestionMutationVariables>;
export const DeleteSavedQuestionDocument = new TypedDocumentString(`
    mutation DeleteSavedQuestion($id: ID!) {
  deleteSavedQuestion(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteSavedQuestionMutation, DeleteSavedQuestionMutationVariables>;
export const BillingProfileDocument = new TypedDocumentString(`
    query BillingProfile($partnerId: ID!) {
  billingProfile(partnerId: $partnerId) {
    name
    addressLines
    country
    vatId
    email
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<BillingProfileQuery, BillingProfileQueryVariables>;
export const SetBillingProfileDocument = new TypedDocumentString(`
    mutation SetBillingProfile($partnerId: ID!, $input: BillingProfileInput!) {
  setBillingProfile(partnerId: $partnerId, input: $input) {
    name
  }
}
    `) as unknown as TypedDocumentString<SetBillingProfileMutation, SetBillingProfileMutationVariables>;
export const InvoicePageDocument = new TypedDocumentString(`
    query InvoicePage($id: ID!) {
  invoice(id: $id) {
    id
    html
  }
}
    `) as unknown as TypedDocumentString<InvoicePageQuery, InvoicePageQueryVariables>;
export const IssueInvoiceDocument = new TypedDocumentString(`
    mutation IssueInvoice($id: ID!, $overrideReason: String) {
  issueInvoice(id: $id, overrideReason: $overrideReason) {
    id
    number
    dueOn
  }
}
    `) as unknown as TypedDocumentString<IssueInvoiceMutation, IssueInvoiceMutationVariables>;
export const RecordPaymentDocument = new TypedDocumentString(`
    mutation RecordPayment($id: ID!, $amountCents: Int!, $paidOn: String!, $reference: String!) {
  recordPayment(
    invoiceId: $id
    amountCents: $amountCents
    paidOn: $paidOn
    reference: $reference
  ) {
    id
    status
    amountDueCents
  }
}
    `) as unknown as TypedDocumentString<RecordPaymentMutation, RecordPaymentMutationVariables>;
export const GenerateInvoiceDocument = new TypedDocumentString(`
    mutation GenerateInvoice($partnerId: ID!, $period: String!) {
  generateInvoice(partnerId: $partnerId, period: $period) {
    ...InvoiceFields
  }
}
    fragment InvoiceFields on Invoice {
  id
  number
  fileName
  period
  status
  overdue
  currency
  totalCents
  amountPaidCents
  amountDueCents
  issuedAt
  dueOn
  paidAt
  partner {
    id
    name
  }
}`) as unknown as TypedDocumentString<GenerateInvoiceMutation, GenerateInvoiceMutationVariables>;
export const InvoicePdfDocument = new TypedDocumentString(`
    query InvoicePdf($id: ID!) {
  invoice(id: $id) {
    id
    fileName
    pdf
  }
}
    `) as unknown as TypedDocumentString<InvoicePdfQuery, InvoicePdfQueryVariables>;
export const SignedInUserDocument = new TypedDocumentString(`
    query SignedInUser {
  me {
    id
    email
    name
    role
    partner {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<SignedInUserQuery, SignedInUserQueryVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    accessToken
    refreshToken
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const AcceptInvitationDocument = new TypedDocumentString(`
    mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {
  acceptInvitation(token: $token, name: $name, password: $password) {
    accessToken
    refreshToken
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<AcceptInvitationMutation, AcceptInvitationMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($token: String!, $password: String!) {
  resetPassword(token: $token, password: $password) {
    accessToken
    refreshToken
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  logout
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const RevenueDashboardsDocument = new TypedDocumentString(`
    query RevenueDashboards {
  revenueAgainstTarget(days: 30) {
    from
    to
    revenue
    target
    attainment
    currency
  }
  revenueByWeek {
    weekStart
    revenue
  }
}
    `) as unknown as TypedDocumentString<RevenueDashboardsQuery, RevenueDashboardsQueryVariables>;
export const TopCustomersDocument = new TypedDocumentString(`
    query TopCustomers($offset: Int!) {
  topCustomersBySales(top: 10, first: 5, offset: $offset) {
    rows {
      rank
      name
      amount
      currency
    }
    from
    to
    total
  }
}
    `) as unknown as TypedDocumentString<TopCustomersQuery, TopCustomersQueryVariables>;
export const AdminPartnersDocument = new TypedDocumentString(`
    query AdminPartners {
  partners {
    id
    name
    createdAt
    status
    suspendedAt
    plan {
      id
      name
      monthlyPriceCents
    }
    customer {
      name
    }
  }
  accessRequests(status: PENDING) {
    id
  }
}
    `) as unknown as TypedDocumentString<AdminPartnersQuery, AdminPartnersQueryVariables>;
export const AdminPartnerInvoicesDocument = new TypedDocumentString(`
    query AdminPartnerInvoices($partnerId: ID!) {
  partner(id: $partnerId) {
    id
    name
  }
  invoices(partnerId: $partnerId) {
    ...AdminInvoiceFields
  }
}
    fragment AdminInvoiceFields on Invoice {
  ...InvoiceFields
  issueOverride {
    reason
    by
    at
  }
}
fragment InvoiceFields on Invoice {
  id
  number
  fileName
  period
  status
  overdue
  currency
  totalCents
  amountPaidCents
  amountDueCents
  issuedAt
  dueOn
  paidAt
  partner {
    id
    name
  }
}`) as unknown as TypedDocumentString<AdminPartnerInvoicesQuery, AdminPartnerInvoicesQueryVariables>;
export const AdminInvoicesDocument = new TypedDocumentString(`
    query AdminInvoices {
  drafts: invoices(status: DRAFT) {
    ...AdminInvoiceFields
  }
  issued: invoices(status: ISSUED) {
    ...AdminInvoiceFields
  }
  paid: invoices(status: PAID) {
    ...AdminInvoiceFields
  }
}
    fragment AdminInvoiceFields on Invoice {
  ...InvoiceFields
  issueOverride {
    reason
    by
    at
  }
}
fragment InvoiceFields on Invoice {
  id
  number
  fileName
  period
  status
  overdue
  currency
  totalCents
  amountPaidCents
  amountDueCents
  issuedAt
  dueOn
  paidAt
  partner {
    id
    name
  }
}`) as unknown as TypedDocumentString<AdminInvoicesQuery, AdminInvoicesQueryVariables>;
export const OnboardPlansDocument = new TypedDocumentString(`
    query OnboardPlans {
  plans {
    id
    name
    monthlyPriceCents
    monthlyQuota
    requestsPerMinute
  }
  customers {
    id
    name
    industry
  }
}
    `) as unknown as TypedDocumentString<OnboardPlansQuery, OnboardPlansQueryVariables>;
export const OnboardPartnerDocument = new TypedDocumentString(`
    mutation OnboardPartner($input: OnboardPartnerInput!) {
  onboardPartner(input: $input) {
    partner {
      id
      name
      plan {
        name
      }
    }
    invitations {
      token
      email
      expiresAt
    }
  }
}
    `) as unknown as TypedDocumentString<OnboardPartnerMutation, OnboardPartnerMutationVariables>;
export const OutboxDocument = new TypedDocumentString(`
    query Outbox {
  outbox(limit: 50) {
    id
    recipient
    subject
    body
    createdAt
  }
}
    `) as unknown as TypedDocumentString<OutboxQuery, OutboxQueryVariables>;
export const AdminPartnerDocument = new TypedDocumentString(`
    query AdminPartner($p: ID!, $audit: Int!) {
  partner(id: $p) {
    id
    name
    createdAt
    status
    suspendedAt
    plan {
      id
      name
    }
    customer {
      name
    }
    statusHistory {
      status
      actor
      reason
      at
    }
    invitations {
      id
      email
      createdAt
      expiresAt
    }
    auditLog(limit: $audit) {
      id
      action
      actor
      subject
      detail
      reason
      createdAt
    }
  }
  plans {
    id
    name
    monthlyPriceCents
    monthlyQuota
  }
  users(partnerId: $p) {
    id
    name
    email
    createdAt
  }
  apiKeys(partnerId: $p) {
    id
    name
    prefix
    lastFour
    scopes
    lastUsedAt
    revokedAt
  }
  quota(partnerId: $p) {
    used
    limit
    remaining
  }
  invoices(partnerId: $p) {
    id
    period
    status
    totalCents
  }
}
    `) as unknown as TypedDocumentString<AdminPartnerQuery, AdminPartnerQueryVariables>;
export const ChangePlanDocument = new TypedDocumentString(`
    mutation ChangePlan($p: ID!, $plan: ID!) {
  changePartnerPlan(partnerId: $p, planId: $plan) {
    id
  }
}
    `) as unknown as TypedDocumentString<ChangePlanMutation, ChangePlanMutationVariables>;
export const SuspendPartnerDocument = new TypedDocumentString(`
    mutation SuspendPartner($p: ID!, $r: String!) {
  suspendPartner(partnerId: $p, reason: $r) {
    id
  }
}
    `) as unknown as TypedDocumentString<SuspendPartnerMutation, SuspendPartnerMutationVariables>;
export const ReactivatePartnerDocument = new TypedDocumentString(`
    mutation ReactivatePartner($p: ID!, $r: String!) {
  reactivatePartner(partnerId: $p, reason: $r) {
    id
  }
}
    `) as unknown as TypedDocumentString<ReactivatePartnerMutation, ReactivatePartnerMutationVariables>;
export const RevokeInvitationDocument = new TypedDocumentString(`
    mutation RevokeInvitation($id: ID!) {
  revokeInvitation(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<RevokeInvitationMutation, RevokeInvitationMutationVariables>;
export const RevokeKeyDocument = new TypedDocumentString(`
    mutation RevokeKey($id: ID!) {
  revokeApiKey(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<RevokeKeyMutation, RevokeKeyMutationVariables>;
export const ResendInvitationDocument = new TypedDocumentString(`
    mutation ResendInvitation($id: ID!) {
  resendInvitation(id: $id) {
    token
    email
  }
}
    `) as unknown as TypedDocumentString<ResendInvitationMutation, ResendInvitationMutationVariables>;
export const InviteDeveloperDocument = new TypedDocumentString(`
    mutation InviteDeveloper($e: String!, $p: ID!) {
  inviteUser(email: $e, role: DEVELOPER, partnerId: $p) {
    token
    email
  }
}
    `) as unknown as TypedDocumentString<InviteDeveloperMutation, InviteDeveloperMutationVariables>;
export const AccessRequestsDocument = new TypedDocumentString(`
    query AccessRequests {
  accessRequests {
    id
    organisation
    name
    email
    useCase
    status
    createdAt
    decidedAt
  }
  plans {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<AccessRequestsQuery, AccessRequestsQueryVariables>;
export const ApproveAccessRequestDocument = new TypedDocumentString(`
    mutation ApproveAccessRequest($id: ID!, $planId: ID!) {
  approveAccessRequest(id: $id, planId: $planId) {
    request {
      id
      status
    }
    invitation {
      token
      email
    }
  }
}
    `) as unknown as TypedDocumentString<ApproveAccessRequestMutation, ApproveAccessRequestMutationVariables>;
export const DeclineAccessRequestDocument = new TypedDocumentString(`
    mutation DeclineAccessRequest($id: ID!) {
  declineAccessRequest(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<DeclineAccessRequestMutation, DeclineAccessRequestMutationVariables>;
export const InvitationPreviewDocument = new TypedDocumentString(`
    query InvitationPreview($token: String!) {
  invitation(token: $token) {
    email
    role
    organisation
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<InvitationPreviewQuery, InvitationPreviewQueryVariables>;
export const ConsoleOverviewDocument = new TypedDocumentString(`
    query ConsoleOverview($partnerId: ID!) {
  partner(id: $partnerId) {
    name
    suspendedAt
    plan {
      name
      monthlyQuota
      requestsPerMinute
      costPointsPerMinute
      concurrentSubscriptions
    }
  }
  quota(partnerId: $partnerId) {
    ...MonthlyQuota
  }
}
    fragment MonthlyQuota on Quota {
  periodStart
  periodEnd
  limit
  used
  remaining
}`) as unknown as TypedDocumentString<ConsoleOverviewQuery, ConsoleOverviewQueryVariables>;
export const PartnerInvoicesDocument = new TypedDocumentString(`
    query PartnerInvoices($partnerId: ID!) {
  partner(id: $partnerId) {
    id
    name
  }
  invoices(partnerId: $partnerId) {
    ...InvoiceFields
  }
}
    fragment InvoiceFields on Invoice {
  id
  number
  fileName
  period
  status
  overdue
  currency
  totalCents
  amountPaidCents
  amountDueCents
  issuedAt
  dueOn
  paidAt
  partner {
    id
    name
  }
}`) as unknown as TypedDocumentString<PartnerInvoicesQuery, PartnerInvoicesQueryVariables>;
export const ApiKeysPageDocument = new TypedDocumentString(`
    query ApiKeysPage($partnerId: ID!) {
  partner(id: $partnerId) {
    id
    name
    suspendedAt
    plan {
      name
      keyScopes
    }
  }
  apiKeys(partnerId: $partnerId) {
    id
    name
    environment
    prefix
    lastFour
    scopes
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
    previousSecretValidUntil
  }
}
    `) as unknown as TypedDocumentString<ApiKeysPageQuery, ApiKeysPageQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($partnerId: ID, $name: String!, $environment: KeyEnvironment, $scopes: [String!]!, $expiresAt: DateTimeISO) {
  createApiKey(
    partnerId: $partnerId
    name: $name
    environment: $environment
    scopes: $scopes
    expiresAt: $expiresAt
  ) {
    secret
    key {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RollApiKeyDocument = new TypedDocumentString(`
    mutation RollApiKey($id: ID!, $graceSeconds: Int) {
  rollApiKey(id: $id, graceSeconds: $graceSeconds) {
    secret
    key {
      id
      name
      previousSecretValidUntil
    }
  }
}
    `) as unknown as TypedDocumentString<RollApiKeyMutation, RollApiKeyMutationVariables>;
export const UpdateApiKeyScopesDocument = new TypedDocumentString(`
    mutation UpdateApiKeyScopes($id: ID!, $scopes: [String!]!) {
  updateApiKeyScopes(id: $id, scopes: $scopes) {
    id
    scopes
  }
}
    `) as unknown as TypedDocumentString<UpdateApiKeyScopesMutation, UpdateApiKeyScopesMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    id
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const RequestAccessDocument = new TypedDocumentString(`
    mutation RequestAccess($organisation: String!, $name: String!, $email: String!, $useCase: String) {
  requestAccess(
    organisation: $organisation
    name: $name
    email: $email
    useCase: $useCase
  )
}
    `) as unknown as TypedDocumentString<RequestAccessMutation, RequestAccessMutationVariables>;
export const RequestsPageDocument = new TypedDocumentString(`
    query RequestsPage($partnerId: ID!, $keyId: ID, $requestId: String) {
  requestLog(
    partnerId: $partnerId
    keyId: $keyId
    requestId: $requestId
    limit: 100
  ) {
    requestId
    occurredAt
    keyId
    operation
    status
    errorCode
    cost
    durationMs
    outcome
    billable
  }
  apiKeys(partnerId: $partnerId) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<RequestsPageQuery, RequestsPageQueryVariables>;
export const RequestPasswordResetDocument = new TypedDocumentString(`
    mutation RequestPasswordReset($email: String!) {
  requestPasswordReset(email: $email)
}
    `) as unknown as TypedDocumentString<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const UsagePageDocument = new TypedDocumentString(`
    query UsagePage($partnerId: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $granularity: UsageGranularity, $groupBy: UsageGrouping) {
  usage(
    partnerId: $partnerId
    from: $from
    to: $to
    granularity: $granularity
    groupBy: $groupBy
  ) {
    group
    points {
      bucket
      requests
      billed
      errors
      cost
      meanDurationMs
    }
  }
  partner(id: $partnerId) {
    plan {
      name
      requestsPerMinute
      costPointsPerMinute
      monthlyQuota
    }
  }
  quota(partnerId: $partnerId) {
    ...MonthlyQuota
  }
  apiKeys(partnerId: $partnerId) {
    id
    name
  }
}
    fragment MonthlyQuota on Quota {
  periodStart
  periodEnd
  limit
  used
  remaining
}`) as unknown as TypedDocumentString<UsagePageQuery, UsagePageQueryVariables>;