/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query BusinessDashboard {\n    businessDashboard(weeks: 12, months: 6, top: 5) {\n      currency\n      asOf\n      revenueWindow {\n        start\n        end\n        partial\n        revenue\n        invoices\n        target\n        attainment\n      }\n      weeklyRevenue {\n        start\n        end\n        partial\n        revenue\n        invoices\n      }\n      mrr\n      mrrByPlan {\n        planId\n        planName\n        activePartners\n        monthlyPrice\n        mrr\n      }\n      rankingSpan {\n        start\n        end\n        partial\n      }\n      topPartnersByUsage {\n        partnerId\n        name\n        planName\n        billedRequests\n        revenue\n      }\n      topPartnersByRevenue {\n        partnerId\n        name\n        planName\n        billedRequests\n        revenue\n      }\n      quotaMonth {\n        start\n        end\n        partial\n      }\n      quotaWatchPercent\n      partnersNearQuota {\n        partnerId\n        name\n        planName\n        billedRequests\n        monthlyQuota\n        share\n      }\n      partnerGrowth {\n        start\n        end\n        partial\n        joined\n        churned\n        activeAtEnd\n      }\n    }\n  }\n": typeof types.BusinessDashboardDocument,
    "\n  query ExplorerKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      lastFour\n      scopes\n      revokedAt\n      expiresAt\n    }\n  }\n": typeof types.ExplorerKeysDocument,
    "\n  query PartnerChoices {\n    partners {\n      id\n      name\n    }\n  }\n": typeof types.PartnerChoicesDocument,
    "\n  query Question(\n    $metric: SummaryMetric!\n    $field: String\n    $groupBy: [GroupByInput!]\n    $filter: [FilterInput!]\n  ) {\n    summarize(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter) {\n      columns\n      rows {\n        group\n        value\n      }\n      truncated\n    }\n  }\n": typeof types.QuestionDocument,
    "\n  query QuestionCsv(\n    $metric: SummaryMetric!\n    $field: String\n    $groupBy: [GroupByInput!]\n    $filter: [FilterInput!]\n  ) {\n    summarizeCsv(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter)\n  }\n": typeof types.QuestionCsvDocument,
    "\n  query FilterValues($field: String!) {\n    filterValues(field: $field, first: 200) {\n      value\n      orders\n    }\n  }\n": typeof types.FilterValuesDocument,
    "\n  query SavedQuestions {\n    savedQuestions {\n      id\n      name\n      shared\n      mine\n      metric\n      field\n      groupBy {\n        field\n        bucket\n      }\n      filter {\n        field\n        op\n        values\n      }\n    }\n  }\n": typeof types.SavedQuestionsDocument,
    "\n  mutation SaveQuestion($input: SaveQuestionInput!) {\n    saveQuestion(input: $input) {\n      id\n    }\n  }\n": typeof types.SaveQuestionDocument,
    "\n  mutation DeleteSavedQuestion($id: ID!) {\n    deleteSavedQuestion(id: $id)\n  }\n": typeof types.DeleteSavedQuestionDocument,
    "\n  fragment MonthlyQuota on Quota {\n    periodStart\n    periodEnd\n    limit\n    used\n    remaining\n  }\n": typeof types.MonthlyQuotaFragmentDoc,
    "\n  fragment AdminInvoiceFields on Invoice {\n    ...InvoiceFields\n    issueOverride {\n      reason\n      by\n      at\n    }\n  }\n": typeof types.AdminInvoiceFieldsFragmentDoc,
    "\n  query BillingProfile($partnerId: ID!) {\n    billingProfile(partnerId: $partnerId) {\n      name\n      addressLines\n      country\n      vatId\n      email\n      updatedAt\n    }\n  }\n": typeof types.BillingProfileDocument,
    "\n  mutation SetBillingProfile($partnerId: ID!, $input: BillingProfileInput!) {\n    setBillingProfile(partnerId: $partnerId, input: $input) {\n      name\n    }\n  }\n": typeof types.SetBillingProfileDocument,
    "\n  query InvoicePage($id: ID!) {\n    invoice(id: $id) {\n      id\n      html\n    }\n  }\n": typeof types.InvoicePageDocument,
    "\n  mutation IssueInvoice($id: ID!, $overrideReason: String) {\n    issueInvoice(id: $id, overrideReason: $overrideReason) {\n      id\n      number\n      dueOn\n    }\n  }\n": typeof types.IssueInvoiceDocument,
    "\n  mutation RecordPayment($id: ID!, $amountCents: Int!, $paidOn: String!, $reference: String!) {\n    recordPayment(invoiceId: $id, amountCents: $amountCents, paidOn: $paidOn, reference: $reference) {\n      id\n      status\n      amountDueCents\n    }\n  }\n": typeof types.RecordPaymentDocument,
    "\n  mutation GenerateInvoice($partnerId: ID!, $period: String!) {\n    generateInvoice(partnerId: $partnerId, period: $period) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.GenerateInvoiceDocument,
    "\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    fileName\n    period\n    status\n    overdue\n    currency\n    totalCents\n    amountPaidCents\n    amountDueCents\n    issuedAt\n    dueOn\n    paidAt\n    partner {\n      id\n      name\n    }\n  }\n": typeof types.InvoiceFieldsFragmentDoc,
    "\n  query InvoicePdf($id: ID!) {\n    invoice(id: $id) {\n      id\n      fileName\n      pdf\n    }\n  }\n": typeof types.InvoicePdfDocument,
    "\n  fragment QuotaUse on Quota {\n    used\n    limit\n  }\n": typeof types.QuotaUseFragmentDoc,
    "\n  query SignedInUser {\n    me {\n      id\n      email\n      name\n      role\n      partner {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SignedInUserDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {\n    acceptInvitation(token: $token, name: $name, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": typeof types.SignOutDocument,
    "\n  query RevenueDashboards {\n    revenueAgainstTarget(days: 30) {\n      from\n      to\n      revenue\n      target\n      attainment\n      currency\n    }\n    revenueByWeek {\n      weekStart\n      revenue\n    }\n  }\n": typeof types.RevenueDashboardsDocument,
    "\n  query TopCustomers($offset: Int!) {\n    topCustomersBySales(top: 10, first: 5, offset: $offset) {\n      rows {\n        rank\n        name\n        amount\n        currency\n      }\n      from\n      to\n      total\n    }\n  }\n": typeof types.TopCustomersDocument,
    "\n  query AdminPartners {\n    partners {\n      id\n      name\n      createdAt\n      status\n      suspendedAt\n      plan {\n        id\n        name\n        monthlyPriceCents\n      }\n      customer {\n        name\n      }\n    }\n    accessRequests(status: PENDING) {\n      id\n    }\n  }\n": typeof types.AdminPartnersDocument,
    "\n  query AdminPartnerInvoices($partnerId: ID!) {\n    partner(id: $partnerId) {\n      id\n      name\n    }\n    invoices(partnerId: $partnerId) {\n      ...AdminInvoiceFields\n    }\n  }\n": typeof types.AdminPartnerInvoicesDocument,
    "\n  query AdminInvoices {\n    drafts: invoices(status: DRAFT) {\n      ...AdminInvoiceFields\n    }\n    issued: invoices(status: ISSUED) {\n      ...AdminInvoiceFields\n    }\n    paid: invoices(status: PAID) {\n      ...AdminInvoiceFields\n    }\n  }\n": typeof types.AdminInvoicesDocument,
    "\n  query OnboardPlans {\n    plans {\n      id\n      name\n      monthlyPriceCents\n      monthlyQuota\n      requestsPerMinute\n    }\n    customers {\n      id\n      name\n      industry\n    }\n  }\n": typeof types.OnboardPlansDocument,
    "\n  mutation OnboardPartner($input: OnboardPartnerInput!) {\n    onboardPartner(input: $input) {\n      partner {\n        id\n        name\n        plan {\n          name\n        }\n      }\n      invitations {\n        token\n        email\n        expiresAt\n      }\n    }\n  }\n": typeof types.OnboardPartnerDocument,
    "\n  query Outbox {\n    outbox(limit: 50) {\n      id\n      recipient\n      subject\n      body\n      createdAt\n    }\n  }\n": typeof types.OutboxDocument,
    "\n  query AdminPartner($p: ID!, $audit: Int!) {\n    partner(id: $p) {\n      id\n      name\n      createdAt\n      status\n      suspendedAt\n      plan {\n        id\n        name\n      }\n      customer {\n        name\n      }\n      statusHistory {\n        status\n        actor\n        reason\n        at\n      }\n      invitations {\n        id\n        email\n        createdAt\n        expiresAt\n      }\n      auditLog(limit: $audit) {\n        id\n        action\n        actor\n        subject\n        detail\n        reason\n        createdAt\n      }\n    }\n    plans {\n      id\n      name\n      monthlyPriceCents\n      monthlyQuota\n    }\n    users(partnerId: $p) {\n      id\n      name\n      email\n      createdAt\n    }\n    apiKeys(partnerId: $p) {\n      id\n      name\n      prefix\n      lastFour\n      scopes\n      lastUsedAt\n      revokedAt\n    }\n    quota(partnerId: $p) {\n      used\n      limit\n      remaining\n    }\n    invoices(partnerId: $p) {\n      id\n      period\n      status\n      totalCents\n    }\n  }\n": typeof types.AdminPartnerDocument,
    "\n  mutation ChangePlan($p: ID!, $plan: ID!) {\n    changePartnerPlan(partnerId: $p, planId: $plan) {\n      id\n    }\n  }\n": typeof types.ChangePlanDocument,
    "\n  mutation SuspendPartner($p: ID!, $r: String!) {\n    suspendPartner(partnerId: $p, reason: $r) {\n      id\n    }\n  }\n": typeof types.SuspendPartnerDocument,
    "\n  mutation ReactivatePartner($p: ID!, $r: String!) {\n    reactivatePartner(partnerId: $p, reason: $r) {\n      id\n    }\n  }\n": typeof types.ReactivatePartnerDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n    }\n  }\n": typeof types.RevokeInvitationDocument,
    "\n  mutation RevokeKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n": typeof types.RevokeKeyDocument,
    "\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      token\n      email\n    }\n  }\n": typeof types.ResendInvitationDocument,
    "\n  mutation InviteDeveloper($e: String!, $p: ID!) {\n    inviteUser(email: $e, role: DEVELOPER, partnerId: $p) {\n      token\n      email\n    }\n  }\n": typeof types.InviteDeveloperDocument,
    "\n  query AccessRequests {\n    accessRequests {\n      id\n      organisation\n      name\n      email\n      useCase\n      status\n      createdAt\n      decidedAt\n    }\n    plans {\n      id\n      name\n    }\n  }\n": typeof types.AccessRequestsDocument,
    "\n  mutation ApproveAccessRequest($id: ID!, $planId: ID!) {\n    approveAccessRequest(id: $id, planId: $planId) {\n      request {\n        id\n        status\n      }\n      invitation {\n        token\n        email\n      }\n    }\n  }\n": typeof types.ApproveAccessRequestDocument,
    "\n  mutation DeclineAccessRequest($id: ID!) {\n    declineAccessRequest(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.DeclineAccessRequestDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      email\n      role\n      organisation\n      expiresAt\n    }\n  }\n": typeof types.InvitationPreviewDocument,
    "\n  query ConsoleOverview($partnerId: ID!) {\n    partner(id: $partnerId) {\n      name\n      suspendedAt\n      plan {\n        name\n        monthlyQuota\n        requestsPerMinute\n        costPointsPerMinute\n        concurrentSubscriptions\n      }\n    }\n    quota(partnerId: $partnerId) {\n      ...MonthlyQuota\n    }\n  }\n": typeof types.ConsoleOverviewDocument,
    "\n  query PartnerInvoices($partnerId: ID!) {\n    partner(id: $partnerId) {\n      id\n      name\n    }\n    invoices(partnerId: $partnerId) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.PartnerInvoicesDocument,
    "\n  query ApiKeysPage($partnerId: ID!) {\n    partner(id: $partnerId) {\n      id\n      name\n      suspendedAt\n      plan {\n        name\n        keyScopes\n      }\n    }\n    apiKeys(partnerId: $partnerId) {\n      id\n      name\n      environment\n      prefix\n      lastFour\n      scopes\n      createdAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n      previousSecretValidUntil\n    }\n  }\n": typeof types.ApiKeysPageDocument,
    "\n  mutation CreateApiKey(\n    $partnerId: ID\n    $name: String!\n    $environment: KeyEnvironment\n    $scopes: [String!]!\n    $expiresAt: DateTimeISO\n  ) {\n    createApiKey(\n      partnerId: $partnerId\n      name: $name\n      environment: $environment\n      scopes: $scopes\n      expiresAt: $expiresAt\n    ) {\n      secret\n      key {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RollApiKey($id: ID!, $graceSeconds: Int) {\n    rollApiKey(id: $id, graceSeconds: $graceSeconds) {\n      secret\n      key {\n        id\n        name\n        previousSecretValidUntil\n      }\n    }\n  }\n": typeof types.RollApiKeyDocument,
    "\n  mutation UpdateApiKeyScopes($id: ID!, $scopes: [String!]!) {\n    updateApiKeyScopes(id: $id, scopes: $scopes) {\n      id\n      scopes\n    }\n  }\n": typeof types.UpdateApiKeyScopesDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation RequestAccess($organisation: String!, $name: String!, $email: String!, $useCase: String) {\n    requestAccess(organisation: $organisation, name: $name, email: $email, useCase: $useCase)\n  }\n": typeof types.RequestAccessDocument,
    "\n  query RequestsPage($partnerId: ID!, $keyId: ID, $requestId: String) {\n    requestLog(partnerId: $partnerId, keyId: $keyId, requestId: $requestId, limit: 100) {\n      requestId\n      occurredAt\n      keyId\n      operation\n      status\n      errorCode\n      cost\n      durationMs\n      outcome\n      billable\n    }\n    apiKeys(partnerId: $partnerId) {\n      id\n      name\n    }\n  }\n": typeof types.RequestsPageDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  query UsagePage(\n    $partnerId: ID!\n    $from: DateTimeISO!\n    $to: DateTimeISO!\n    $granularity: UsageGranularity\n    $groupBy: UsageGrouping\n  ) {\n    usage(partnerId: $partnerId, from: $from, to: $to, granularity: $granularity, groupBy: $groupBy) {\n      group\n      points {\n        bucket\n        requests\n        billed\n        errors\n        cost\n        meanDurationMs\n      }\n    }\n    partner(id: $partnerId) {\n      plan {\n        name\n        requestsPerMinute\n        costPointsPerMinute\n        monthlyQuota\n      }\n    }\n    quota(partnerId: $partnerId) {\n      ...MonthlyQuota\n    }\n    apiKeys(partnerId: $partnerId) {\n      id\n      name\n    }\n  }\n": typeof types.UsagePageDocument,
};
const documents: Documents = {
    "\n  query BusinessDashboard {\n    businessDashboard(weeks: 12, months: 6, top: 5) {\n      currency\n      asOf\n      revenueWindow {\n        start\n        end\n        partial\n        revenue\n        invoices\n        target\n        attainment\n      }\n      weeklyRevenue {\n        start\n        end\n        partial\n        revenue\n        invoices\n      }\n      mrr\n      mrrByPlan {\n        planId\n        planName\n        activePartners\n        monthlyPrice\n        mrr\n      }\n      rankingSpan {\n        start\n        end\n        partial\n      }\n      topPartnersByUsage {\n        partnerId\n        name\n        planName\n        billedRequests\n        revenue\n      }\n      topPartnersByRevenue {\n        partnerId\n        name\n        planName\n        billedRequests\n        revenue\n      }\n      quotaMonth {\n        start\n        end\n        partial\n      }\n      quotaWatchPercent\n      partnersNearQuota {\n        partnerId\n        name\n        planName\n        billedRequests\n        monthlyQuota\n        share\n      }\n      partnerGrowth {\n        start\n        end\n        partial\n        joined\n        churned\n        activeAtEnd\n      }\n    }\n  }\n": types.BusinessDashboardDocument,
    "\n  query ExplorerKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      lastFour\n      scopes\n      revokedAt\n      expiresAt\n    }\n  }\n": types.ExplorerKeysDocument,
    "\n  query PartnerChoices {\n    partners {\n      id\n      name\n    }\n  }\n": types.PartnerChoicesDocument,
    "\n  query Question(\n    $metric: SummaryMetric!\n    $field: String\n    $groupBy: [GroupByInput!]\n    $filter: [FilterInput!]\n  ) {\n    summarize(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter) {\n      columns\n      rows {\n        group\n        value\n      }\n      truncated\n    }\n  }\n": types.QuestionDocument,
    "\n  query QuestionCsv(\n    $metric: SummaryMetric!\n    $field: String\n    $groupBy: [GroupByInput!]\n    $filter: [FilterInput!]\n  ) {\n    summarizeCsv(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter)\n  }\n": types.QuestionCsvDocument,
    "\n  query FilterValues($field: String!) {\n    filterValues(field: $field, first: 200) {\n      value\n      orders\n    }\n  }\n": types.FilterValuesDocument,
    "\n  query SavedQuestions {\n    savedQuestions {\n      id\n      name\n      shared\n      mine\n      metric\n      field\n      groupBy {\n        field\n        bucket\n      }\n      filter {\n        field\n        op\n        values\n      }\n    }\n  }\n": types.SavedQuestionsDocument,
    "\n  mutation SaveQuestion($input: SaveQuestionInput!) {\n    saveQuestion(input: $input) {\n      id\n    }\n  }\n": types.SaveQuestionDocument,
    "\n  mutation DeleteSavedQuestion($id: ID!) {\n    deleteSavedQuestion(id: $id)\n  }\n": types.DeleteSavedQuestionDocument,
    "\n  fragment MonthlyQuota on Quota {\n    periodStart\n    periodEnd\n    limit\n    used\n    remaining\n  }\n": types.MonthlyQuotaFragmentDoc,
    "\n  fragment AdminInvoiceFields on Invoice {\n    ...InvoiceFields\n    issueOverride {\n      reason\n      by\n      at\n    }\n  }\n": types.AdminInvoiceFieldsFragmentDoc,
    "\n  query BillingProfile($partnerId: ID!) {\n    billingProfile(partnerId: $partnerId) {\n      name\n      addressLines\n      country\n      vatId\n      email\n      updatedAt\n    }\n  }\n": types.BillingProfileDocument,
    "\n  mutation SetBillingProfile($partnerId: ID!, $input: BillingProfileInput!) {\n    setBillingProfile(partnerId: $partnerId, input: $input) {\n      name\n    }\n  }\n": types.SetBillingProfileDocument,
    "\n  query InvoicePage($id: ID!) {\n    invoice(id: $id) {\n      id\n      html\n    }\n  }\n": types.InvoicePageDocument,
    "\n  mutation IssueInvoice($id: ID!, $overrideReason: String) {\n    issueInvoice(id: $id, overrideReason: $overrideReason) {\n      id\n      number\n      dueOn\n    }\n  }\n": types.IssueInvoiceDocument,
    "\n  mutation RecordPayment($id: ID!, $amountCents: Int!, $paidOn: String!, $reference: String!) {\n    recordPayment(invoiceId: $id, amountCents: $amountCents, paidOn: $paidOn, reference: $reference) {\n      id\n      status\n      amountDueCents\n    }\n  }\n": types.RecordPaymentDocument,
    "\n  mutation GenerateInvoice($partnerId: ID!, $period: String!) {\n    generateInvoice(partnerId: $partnerId, period: $period) {\n      ...InvoiceFields\n    }\n  }\n": types.GenerateInvoiceDocument,
    "\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    fileName\n    period\n    status\n    overdue\n    currency\n    totalCents\n    amountPaidCents\n    amountDueCents\n    issuedAt\n    dueOn\n    paidAt\n    partner {\n      id\n      name\n    }\n  }\n": types.InvoiceFieldsFragmentDoc,
    "\n  query InvoicePdf($id: ID!) {\n    invoice(id: $id) {\n      id\n      fileName\n      pdf\n    }\n  }\n": types.InvoicePdfDocument,
    "\n  fragment QuotaUse on Quota {\n    used\n    limit\n  }\n": types.QuotaUseFragmentDoc,
    "\n  query SignedInUser {\n    me {\n      id\n      email\n      name\n      role\n      partner {\n        id\n        name\n      }\n    }\n  }\n": types.SignedInUserDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n": types.SignInDocument,
    "\n  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {\n    acceptInvitation(token: $token, name: $name, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": types.SignOutDocument,
    "\n  query RevenueDashboards {\n    revenueAgainstTarget(days: 30) {\n      from\n      to\n      revenue\n      target\n      attainment\n      currency\n    }\n    revenueByWeek {\n      weekStart\n      revenue\n    }\n  }\n": types.RevenueDashboardsDocument,
    "\n  query TopCustomers($offset: Int!) {\n    topCustomersBySales(top: 10, first: 5, offset: $offset) {\n      rows {\n        rank\n        name\n        amount\n        currency\n      }\n      from\n      to\n      total\n    }\n  }\n": types.TopCustomersDocument,
    "\n  query AdminPartners {\n    partners {\n      id\n      name\n      createdAt\n      status\n      suspendedAt\n      plan {\n        id\n        name\n        monthlyPriceCents\n      }\n      customer {\n        name\n      }\n    }\n    accessRequests(status: PENDING) {\n      id\n    }\n  }\n": types.AdminPartnersDocument,
    "\n  query AdminPartnerInvoices($partnerId: ID!) {\n    partner(id: $partnerId) {\n      id\n      name\n    }\n    invoices(partnerId: $partnerId) {\n      ...AdminInvoiceFields\n    }\n  }\n": types.AdminPartnerInvoicesDocument,
    "\n  query AdminInvoices {\n    drafts: invoices(status: DRAFT) {\n      ...AdminInvoiceFields\n    }\n    issued: invoices(status: ISSUED) {\n      ...AdminInvoiceFields\n    }\n    paid: invoices(status: PAID) {\n      ...AdminInvoiceFields\n    }\n  }\n": types.AdminInvoicesDocument,
    "\n  query OnboardPlans {\n    plans {\n      id\n      name\n      monthlyPriceCents\n      monthlyQuota\n      requestsPerMinute\n    }\n    customers {\n      id\n      name\n      industry\n    }\n  }\n": types.OnboardPlansDocument,
    "\n  mutation OnboardPartner($input: OnboardPartnerInput!) {\n    onboardPartner(input: $input) {\n      partner {\n        id\n        name\n        plan {\n          name\n        }\n      }\n      invitations {\n        token\n        email\n        expiresAt\n      }\n    }\n  }\n": types.OnboardPartnerDocument,
    "\n  query Outbox {\n    outbox(limit: 50) {\n      id\n      recipient\n      subject\n      body\n      createdAt\n    }\n  }\n": types.OutboxDocument,
    "\n  query AdminPartner($p: ID!, $audit: Int!) {\n    partner(id: $p) {\n      id\n      name\n      createdAt\n      status\n      suspendedAt\n      plan {\n        id\n        name\n      }\n      customer {\n        name\n      }\n      statusHistory {\n        status\n        actor\n        reason\n        at\n      }\n      invitations {\n        id\n        email\n        createdAt\n        expiresAt\n      }\n      auditLog(limit: $audit) {\n        id\n        action\n        actor\n        subject\n        detail\n        reason\n        createdAt\n      }\n    }\n    plans {\n      id\n      name\n      monthlyPriceCents\n      monthlyQuota\n    }\n    users(partnerId: $p) {\n      id\n      name\n      email\n      createdAt\n    }\n    apiKeys(partnerId: $p) {\n      id\n      name\n      prefix\n      lastFour\n      scopes\n      lastUsedAt\n      revokedAt\n    }\n    quota(partnerId: $p) {\n      used\n      limit\n      remaining\n    }\n    invoices(partnerId: $p) {\n      id\n      period\n      status\n      totalCents\n    }\n  }\n": types.AdminPartnerDocument,
    "\n  mutation ChangePlan($p: ID!, $plan: ID!) {\n    changePartnerPlan(partnerId: $p, planId: $plan) {\n      id\n    }\n  }\n": types.ChangePlanDocument,
    "\n  mutation SuspendPartner($p: ID!, $r: String!) {\n    suspendPartner(partnerId: $p, reason: $r) {\n      id\n    }\n  }\n": types.SuspendPartnerDocument,
    "\n  mutation ReactivatePartner($p: ID!, $r: String!) {\n    reactivatePartner(partnerId: $p, reason: $r) {\n      id\n    }\n  }\n": types.ReactivatePartnerDocument,
    "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n    }\n  }\n": types.RevokeInvitationDocument,
    "\n  mutation RevokeKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n": types.RevokeKeyDocument,
    "\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      token\n      email\n    }\n  }\n": types.ResendInvitationDocument,
    "\n  mutation InviteDeveloper($e: String!, $p: ID!) {\n    inviteUser(email: $e, role: DEVELOPER, partnerId: $p) {\n      token\n      email\n    }\n  }\n": types.InviteDeveloperDocument,
    "\n  query AccessRequests {\n    accessRequests {\n      id\n      organisation\n      name\n      email\n      useCase\n      status\n      createdAt\n      decidedAt\n    }\n    plans {\n      id\n      name\n    }\n  }\n": types.AccessRequestsDocument,
    "\n  mutation ApproveAccessRequest($id: ID!, $planId: ID!) {\n    approveAccessRequest(id: $id, planId: $planId) {\n      request {\n        id\n        status\n      }\n      invitation {\n        token\n        email\n      }\n    }\n  }\n": types.ApproveAccessRequestDocument,
    "\n  mutation DeclineAccessRequest($id: ID!) {\n    declineAccessRequest(id: $id) {\n      id\n      status\n    }\n  }\n": types.DeclineAccessRequestDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      email\n      role\n      organisation\n      expiresAt\n    }\n  }\n": types.InvitationPreviewDocument,
    "\n  query ConsoleOverview($partnerId: ID!) {\n    partner(id: $partnerId) {\n      name\n      suspendedAt\n      plan {\n        name\n        monthlyQuota\n        requestsPerMinute\n        costPointsPerMinute\n        concurrentSubscriptions\n      }\n    }\n    quota(partnerId: $partnerId) {\n      ...MonthlyQuota\n    }\n  }\n": types.ConsoleOverviewDocument,
    "\n  query PartnerInvoices($partnerId: ID!) {\n    partner(id: $partnerId) {\n      id\n      name\n    }\n    invoices(partnerId: $partnerId) {\n      ...InvoiceFields\n    }\n  }\n": types.PartnerInvoicesDocument,
    "\n  query ApiKeysPage($partnerId: ID!) {\n    partner(id: $partnerId) {\n      id\n      name\n      suspendedAt\n      plan {\n        name\n        keyScopes\n      }\n    }\n    apiKeys(partnerId: $partnerId) {\n      id\n      name\n      environment\n      prefix\n      lastFour\n      scopes\n      createdAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n      previousSecretValidUntil\n    }\n  }\n": types.ApiKeysPageDocument,
    "\n  mutation CreateApiKey(\n    $partnerId: ID\n    $name: String!\n    $environment: KeyEnvironment\n    $scopes: [String!]!\n    $expiresAt: DateTimeISO\n  ) {\n    createApiKey(\n      partnerId: $partnerId\n      name: $name\n      environment: $environment\n      scopes: $scopes\n      expiresAt: $expiresAt\n    ) {\n      secret\n      key {\n        id\n        name\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RollApiKey($id: ID!, $graceSeconds: Int) {\n    rollApiKey(id: $id, graceSeconds: $graceSeconds) {\n      secret\n      key {\n        id\n        name\n        previousSecretValidUntil\n      }\n    }\n  }\n": types.RollApiKeyDocument,
    "\n  mutation UpdateApiKeyScopes($id: ID!, $scopes: [String!]!) {\n    updateApiKeyScopes(id: $id, scopes: $scopes) {\n      id\n      scopes\n    }\n  }\n": types.UpdateApiKeyScopesDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation RequestAccess($organisation: String!, $name: String!, $email: String!, $useCase: String) {\n    requestAccess(organisation: $organisation, name: $name, email: $email, useCase: $useCase)\n  }\n": types.RequestAccessDocument,
    "\n  query RequestsPage($partnerId: ID!, $keyId: ID, $requestId: String) {\n    requestLog(partnerId: $partnerId, keyId: $keyId, requestId: $requestId, limit: 100) {\n      requestId\n      occurredAt\n      keyId\n      operation\n      status\n      errorCode\n      cost\n      durationMs\n      outcome\n      billable\n    }\n    apiKeys(partnerId: $partnerId) {\n      id\n      name\n    }\n  }\n": types.RequestsPageDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  query UsagePage(\n    $partnerId: ID!\n    $from: DateTimeISO!\n    $to: DateTimeISO!\n    $granularity: UsageGranularity\n    $groupBy: UsageGrouping\n  ) {\n    usage(partnerId: $partnerId, from: $from, to: $to, granularity: $granularity, groupBy: $groupBy) {\n      group\n      points {\n        bucket\n        requests\n        billed\n        errors\n        cost\n        meanDurationMs\n      }\n    }\n    partner(id: $partnerId) {\n      plan {\n        name\n        requestsPerMinute\n        costPointsPerMinute\n        monthlyQuota\n      }\n    }\n    quota(partnerId: $partnerId) {\n      ...MonthlyQuota\n    }\n    apiKeys(partnerId: $partnerId) {\n      id\n      name\n    }\n  }\n": types.UsagePageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BusinessDashboard {\n    businessDashboard(weeks: 12, months: 6, top: 5) {\n      currency\n      asOf\n      revenueWindow {\n        start\n        end\n        partial\n        revenue\n        invoices\n        target\n        attainment\n      }\n      weeklyRevenue {\n        start\n        end\n        partial\n        revenue\n        invoices\n      }\n      mrr\n      mrrByPlan {\n        planId\n        planName\n        activePartners\n        monthlyPrice\n        mrr\n      }\n      rankingSpan {\n        start\n        end\n        partial\n      }\n      topPartnersByUsage {\n        partnerId\n        name\n        planName\n        billedRequests\n        revenue\n      }\n      topPartnersByRevenue {\n        partnerId\n        name\n        planName\n        billedRequests\n        revenue\n      }\n      quotaMonth {\n        start\n        end\n        partial\n      }\n      quotaWatchPercent\n      partnersNearQuota {\n        partnerId\n        name\n        planName\n        billedRequests\n        monthlyQuota\n        share\n      }\n      partnerGrowth {\n        start\n        end\n        partial\n        joined\n        churned\n        activeAtEnd\n      }\n    }\n  }\n"): typeof import('./graphql').BusinessDashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplorerKeys {\n    apiKeys {\n      id\n      name\n      prefix\n      lastFour\n      scopes\n      revokedAt\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').ExplorerKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerChoices {\n    partners {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').PartnerChoicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Question(\n    $metric: SummaryMetric!\n    $field: String\n    $groupBy: [GroupByInput!]\n    $filter: [FilterInput!]\n  ) {\n    summarize(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter) {\n      columns\n      rows {\n        group\n        value\n      }\n      truncated\n    }\n  }\n"): typeof import('./graphql').QuestionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QuestionCsv(\n    $metric: SummaryMetric!\n    $field: String\n    $groupBy: [GroupByInput!]\n    $filter: [FilterInput!]\n  ) {\n    summarizeCsv(metric: $metric, field: $field, groupBy: $groupBy, filter: $filter)\n  }\n"): typeof import('./graphql').QuestionCsvDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilterValues($field: String!) {\n    filterValues(field: $field, first: 200) {\n      value\n      orders\n    }\n  }\n"): typeof import('./graphql').FilterValuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SavedQuestions {\n    savedQuestions {\n      id\n      name\n      shared\n      mine\n      metric\n      field\n      groupBy {\n        field\n        bucket\n      }\n      filter {\n        field\n        op\n        values\n      }\n    }\n  }\n"): typeof import('./graphql').SavedQuestionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveQuestion($input: SaveQuestionInput!) {\n    saveQuestion(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').SaveQuestionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSavedQuestion($id: ID!) {\n    deleteSavedQuestion(id: $id)\n  }\n"): typeof import('./graphql').DeleteSavedQuestionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MonthlyQuota on Quota {\n    periodStart\n    periodEnd\n    limit\n    used\n    remaining\n  }\n"): typeof import('./graphql').MonthlyQuotaFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminInvoiceFields on Invoice {\n    ...InvoiceFields\n    issueOverride {\n      reason\n      by\n      at\n    }\n  }\n"): typeof import('./graphql').AdminInvoiceFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingProfile($partnerId: ID!) {\n    billingProfile(partnerId: $partnerId) {\n      name\n      addressLines\n      country\n      vatId\n      email\n      updatedAt\n    }\n  }\n"): typeof import('./graphql').BillingProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBillingProfile($partnerId: ID!, $input: BillingProfileInput!) {\n    setBillingProfile(partnerId: $partnerId, input: $input) {\n      name\n    }\n  }\n"): typeof import('./graphql').SetBillingProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoicePage($id: ID!) {\n    invoice(id: $id) {\n      id\n      html\n    }\n  }\n"): typeof import('./graphql').InvoicePageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueInvoice($id: ID!, $overrideReason: String) {\n    issueInvoice(id: $id, overrideReason: $overrideReason) {\n      id\n      number\n      dueOn\n    }\n  }\n"): typeof import('./graphql').IssueInvoiceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPayment($id: ID!, $amountCents: Int!, $paidOn: String!, $reference: String!) {\n    recordPayment(invoiceId: $id, amountCents: $amountCents, paidOn: $paidOn, reference: $reference) {\n      id\n      status\n      amountDueCents\n    }\n  }\n"): typeof import('./graphql').RecordPaymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateInvoice($partnerId: ID!, $period: String!) {\n    generateInvoice(partnerId: $partnerId, period: $period) {\n      ...InvoiceFields\n    }\n  }\n"): typeof import('./graphql').GenerateInvoiceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    fileName\n    period\n    status\n    overdue\n    currency\n    totalCents\n    amountPaidCents\n    amountDueCents\n    issuedAt\n    dueOn\n    paidAt\n    partner {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').InvoiceFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoicePdf($id: ID!) {\n    invoice(id: $id) {\n      id\n      fileName\n      pdf\n    }\n  }\n"): typeof import('./graphql').InvoicePdfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment QuotaUse on Quota {\n    used\n    limit\n  }\n"): typeof import('./graphql').QuotaUseFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignedInUser {\n    me {\n      id\n      email\n      name\n      role\n      partner {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').SignedInUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {\n    acceptInvitation(token: $token, name: $name, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').AcceptInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').ResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    logout\n  }\n"): typeof import('./graphql').SignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RevenueDashboards {\n    revenueAgainstTarget(days: 30) {\n      from\n      to\n      revenue\n      target\n      attainment\n      currency\n    }\n    revenueByWeek {\n      weekStart\n      revenue\n    }\n  }\n"): typeof import('./graphql').RevenueDashboardsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopCustomers($offset: Int!) {\n    topCustomersBySales(top: 10, first: 5, offset: $offset) {\n      rows {\n        rank\n        name\n        amount\n        currency\n      }\n      from\n      to\n      total\n    }\n  }\n"): typeof import('./graphql').TopCustomersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPartners {\n    partners {\n      id\n      name\n      createdAt\n      status\n      suspendedAt\n      plan {\n        id\n        name\n        monthlyPriceCents\n      }\n      customer {\n        name\n      }\n    }\n    accessRequests(status: PENDING) {\n      id\n    }\n  }\n"): typeof import('./graphql').AdminPartnersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPartnerInvoices($partnerId: ID!) {\n    partner(id: $partnerId) {\n      id\n      name\n    }\n    invoices(partnerId: $partnerId) {\n      ...AdminInvoiceFields\n    }\n  }\n"): typeof import('./graphql').AdminPartnerInvoicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminInvoices {\n    drafts: invoices(status: DRAFT) {\n      ...AdminInvoiceFields\n    }\n    issued: invoices(status: ISSUED) {\n      ...AdminInvoiceFields\n    }\n    paid: invoices(status: PAID) {\n      ...AdminInvoiceFields\n    }\n  }\n"): typeof import('./graphql').AdminInvoicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OnboardPlans {\n    plans {\n      id\n      name\n      monthlyPriceCents\n      monthlyQuota\n      requestsPerMinute\n    }\n    customers {\n      id\n      name\n      industry\n    }\n  }\n"): typeof import('./graphql').OnboardPlansDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OnboardPartner($input: OnboardPartnerInput!) {\n    onboardPartner(input: $input) {\n      partner {\n        id\n        name\n        plan {\n          name\n        }\n      }\n      invitations {\n        token\n        email\n        expiresAt\n      }\n    }\n  }\n"): typeof import('./graphql').OnboardPartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Outbox {\n    outbox(limit: 50) {\n      id\n      recipient\n      subject\n      body\n      createdAt\n    }\n  }\n"): typeof import('./graphql').OutboxDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPartner($p: ID!, $audit: Int!) {\n    partner(id: $p) {\n      id\n      name\n      createdAt\n      status\n      suspendedAt\n      plan {\n        id\n        name\n      }\n      customer {\n        name\n      }\n      statusHistory {\n        status\n        actor\n        reason\n        at\n      }\n      invitations {\n        id\n        email\n        createdAt\n        expiresAt\n      }\n      auditLog(limit: $audit) {\n        id\n        action\n        actor\n        subject\n        detail\n        reason\n        createdAt\n      }\n    }\n    plans {\n      id\n      name\n      monthlyPriceCents\n      monthlyQuota\n    }\n    users(partnerId: $p) {\n      id\n      name\n      email\n      createdAt\n    }\n    apiKeys(partnerId: $p) {\n      id\n      name\n      prefix\n      lastFour\n      scopes\n      lastUsedAt\n      revokedAt\n    }\n    quota(partnerId: $p) {\n      used\n      limit\n      remaining\n    }\n    invoices(partnerId: $p) {\n      id\n      period\n      status\n      totalCents\n    }\n  }\n"): typeof import('./graphql').AdminPartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePlan($p: ID!, $plan: ID!) {\n    changePartnerPlan(partnerId: $p, planId: $plan) {\n      id\n    }\n  }\n"): typeof import('./graphql').ChangePlanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuspendPartner($p: ID!, $r: String!) {\n    suspendPartner(partnerId: $p, reason: $r) {\n      id\n    }\n  }\n"): typeof import('./graphql').SuspendPartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReactivatePartner($p: ID!, $r: String!) {\n    reactivatePartner(partnerId: $p, reason: $r) {\n      id\n    }\n  }\n"): typeof import('./graphql').ReactivatePartnerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeInvitation($id: ID!) {\n    revokeInvitation(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').RevokeInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n    }\n  }\n"): typeof import('./graphql').RevokeKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendInvitation($id: ID!) {\n    resendInvitation(id: $id) {\n      token\n      email\n    }\n  }\n"): typeof import('./graphql').ResendInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteDeveloper($e: String!, $p: ID!) {\n    inviteUser(email: $e, role: DEVELOPER, partnerId: $p) {\n      token\n      email\n    }\n  }\n"): typeof import('./graphql').InviteDeveloperDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccessRequests {\n    accessRequests {\n      id\n      organisation\n      name\n      email\n      useCase\n      status\n      createdAt\n      decidedAt\n    }\n    plans {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').AccessRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveAccessRequest($id: ID!, $planId: ID!) {\n    approveAccessRequest(id: $id, planId: $planId) {\n      request {\n        id\n        status\n      }\n      invitation {\n        token\n        email\n      }\n    }\n  }\n"): typeof import('./graphql').ApproveAccessRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineAccessRequest($id: ID!) {\n    declineAccessRequest(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').DeclineAccessRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      email\n      role\n      organisation\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').InvitationPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOverview($partnerId: ID!) {\n    partner(id: $partnerId) {\n      name\n      suspendedAt\n      plan {\n        name\n        monthlyQuota\n        requestsPerMinute\n        costPointsPerMinute\n        concurrentSubscriptions\n      }\n    }\n    quota(partnerId: $partnerId) {\n      ...MonthlyQuota\n    }\n  }\n"): typeof import('./graphql').ConsoleOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerInvoices($partnerId: ID!) {\n    partner(id: $partnerId) {\n      id\n      name\n    }\n    invoices(partnerId: $partnerId) {\n      ...InvoiceFields\n    }\n  }\n"): typeof import('./graphql').PartnerInvoicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeysPage($partnerId: ID!) {\n    partner(id: $partnerId) {\n      id\n      name\n      suspendedAt\n      plan {\n        name\n        keyScopes\n      }\n    }\n    apiKeys(partnerId: $partnerId) {\n      id\n      name\n      environment\n      prefix\n      lastFour\n      scopes\n      createdAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n      previousSecretValidUntil\n    }\n  }\n"): typeof import('./graphql').ApiKeysPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey(\n    $partnerId: ID\n    $name: String!\n    $environment: KeyEnvironment\n    $scopes: [String!]!\n    $expiresAt: DateTimeISO\n  ) {\n    createApiKey(\n      partnerId: $partnerId\n      name: $name\n      environment: $environment\n      scopes: $scopes\n      expiresAt: $expiresAt\n    ) {\n      secret\n      key {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').CreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollApiKey($id: ID!, $graceSeconds: Int) {\n    rollApiKey(id: $id, graceSeconds: $graceSeconds) {\n      secret\n      key {\n        id\n        name\n        previousSecretValidUntil\n      }\n    }\n  }\n"): typeof import('./graphql').RollApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateApiKeyScopes($id: ID!, $scopes: [String!]!) {\n    updateApiKeyScopes(id: $id, scopes: $scopes) {\n      id\n      scopes\n    }\n  }\n"): typeof import('./graphql').UpdateApiKeyScopesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').RevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestAccess($organisation: String!, $name: String!, $email: String!, $useCase: String) {\n    requestAccess(organisation: $organisation, name: $name, email: $email, useCase: $useCase)\n  }\n"): typeof import('./graphql').RequestAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RequestsPage($partnerId: ID!, $keyId: ID, $requestId: String) {\n    requestLog(partnerId: $partnerId, keyId: $keyId, requestId: $requestId, limit: 100) {\n      requestId\n      occurredAt\n      keyId\n      operation\n      status\n      errorCode\n      cost\n      durationMs\n      outcome\n      billable\n    }\n    apiKeys(partnerId: $partnerId) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').RequestsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): typeof import('./graphql').RequestPasswordResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsagePage(\n    $partnerId: ID!\n    $from: DateTimeISO!\n    $to: DateTimeISO!\n    $granularity: UsageGranularity\n    $groupBy: UsageGrouping\n  ) {\n    usage(partnerId: $partnerId, from: $from, to: $to, granularity: $granularity, groupBy: $groupBy) {\n      group\n      points {\n        bucket\n        requests\n        billed\n        errors\n        cost\n        meanDurationMs\n      }\n    }\n    partner(id: $partnerId) {\n      plan {\n        name\n        requestsPerMinute\n        costPointsPerMinute\n        monthlyQuota\n      }\n    }\n    quota(partnerId: $partnerId) {\n      ...MonthlyQuota\n    }\n    apiKeys(partnerId: $partnerId) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').UsagePageDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
