/**
 * The tenancy matrix: every root field of the composed schema, tried by six callers against one partner's
 * (the owner's) data, on a production-mode platform. Each cell names what must happen: `ok` (answered, with
 * the owner's data where the field has some), `hidden` (answered, with nothing of the owner's), or the code
 * of the refusal. A root field without a row fails the test, so a field cannot be added without deciding who
 * may call it. The same operations are then sent straight to the subgraph that serves each field, with a
 * principal validly signed for another partner: a mistake at the gateway must not open what the subgraph
 * guards itself.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PRINCIPAL_HEADER, signPrincipal } from '@meridian/kit';
import { apiSchemaOf } from '@meridian/schema/tooling';
import { createClient } from 'graphql-ws';
import { Kind, parse, valueFromASTUntyped, type ObjectTypeDefinitionNode } from 'graphql';
import WebSocket from 'ws';
import { ALL_SCOPES, HostilePlatform, type Headers, type Key } from './hostile/corpus';
import { post } from './support/platform';

const CALLERS = ['owner', 'other', 'narrow', 'session', 'suspended', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];

/** What the callers mean, for the printed matrix. */
const CALLER_NOTES: Record<Caller, string> = {
  owner: "the owner's key, every scope of its plan and every management scope",
  other: "another partner's key with the same scopes, naming the owner's ids",
  narrow: "the owner's key holding every scope except the ones the field needs",
  session: 'a developer of the owner signed in to the portal',
  suspended: 'a key of a suspended partner, with every scope',
  anonymous: 'no credentials',
};

type Outcome = 'ok' | 'hidden' | string;

const MANAGEMENT_SCOPES = ['keys:manage', 'users:manage', 'safelist:write', 'billing:manage'];
const KEY_SCOPES = [...ALL_SCOPES, ...MANAGEMENT_SCOPES];
/** Operators of the seeded demo data: the owner and the other partner run one airline each. */
const OWNER_CUSTOMER = 'cus_0004';
const OTHER_CUSTOMER = 'cus_0005';
const SUSPENDED_CUSTOMER = 'cus_0006';

/** What the rows name: the owner's ids and fresh things a mutation may consume. */
interface Fixture {
  readonly ownerId: string;
  readonly ownerEmail: string;
  readonly ownerPassword: string;
  readonly engineId: string;
  readonly engineModel: string;
  readonly aircraftId: string;
  readonly fleetId: string;
  readonly invoiceId: string;
  readonly matchId: string;
  readonly playerId: string;
  readonly teamId: string;
  /** A key of the owner made for this cell, to roll, restrict or revoke. */
  throwawayKey(): Promise<string>;
  /** An invitation to the owner's organisation, for this cell. */
  invitationToken(): Promise<string>;
  /** The id of a pending invitation to the owner's organisation, for this cell to resend or revoke. */
  invitationId(): Promise<string>;
  /** A refresh token of the owner's developer, for this cell. */
  refreshToken(): Promise<string>;
  /** An operation on the owner's safelist, for this cell to remove. */
  safelistedOperation(): Promise<string>;
  /** A reading time no earlier than any the owner's engine holds. */
  readingTime(): string;
  /** A sensor of the engine on which no alert was raised yet (one alert per sensor and hour). */
  freshAlertSensor(): string;
}

interface Row {
  readonly operation: string;
  readonly variables?: (fixture: Fixture) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Whether an answer holds the owner's data; without it every answer without errors is `ok`. */
  readonly owners?: (data: Record<string, unknown>, fixture: Fixture) => boolean;
  /** The scopes the field needs; the narrow key holds all the others. */
  readonly needs: readonly string[];
  /** The session caller signs in anew for this row (its call ends the session). */
  readonly freshSession?: boolean;
  /** In the order of CALLERS. */
  readonly expect: readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
}

const ids = (list: unknown): string[] => ((list as { id: string }[] | null) ?? []).map((item) => item.id);
const period = '2026-10';
const DAY = 86_400_000;
const window = () => ({
  from: new Date(Date.now() - 30 * DAY).toISOString(),
  to: new Date(Date.now() + DAY).toISOString(),
});

/** The owner's billing profile: every issued invoice names one. */
const MATRIX_PROFILE = {
  name: 'Owner Airline Ltd',
  addressLines: ['1 Runway Road', 'Dublin D02'],
  country: 'IE',
  vatId: 'IE1234567T',
  email: 'billing@owner.example',
};

const S = 'PARTNER_SUSPENDED';
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const B = 'BAD_USER_INPUT';

/**
 * One row per root field, and a few more that try one again another way (named `Field (how)`). Mutations run in this order, so the ones that end something (logout) come last.
 */
const MATRIX: Record<string, Row> = {
  // Billing: the partner's own account.
  'Query.me': {
    operation: '{ me { id } }',
    owners: (data) => data.me !== null,
    needs: [],
    expect: ['hidden', 'hidden', 'hidden', 'ok', S, U],
  },
  'Query.users': {
    operation: 'query ($p: ID) { users(partnerId: $p) { id } }',
    variables: (f) => ({ p: f.ownerId }),
    needs: ['users:manage'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Query.apiKeys': {
    operation: 'query ($p: ID) { apiKeys(partnerId: $p) { id } }',
    variables: (f) => ({ p: f.ownerId }),
    needs: ['billing:read'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Query.customers': {
    operation: '{ customers { id } }',
    needs: ['billing:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Query.customer': {
    operation: 'query ($id: ID!) { customer(id: $id) { id partners { id } } }',
    variables: () => ({ id: OWNER_CUSTOMER }),
    owners: (data, f) => ids((data.customer as { partners: unknown }).partners).includes(f.ownerId),
    needs: ['billing:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.revenueAgainstTarget': {
    operation: '{ revenueAgainstTarget(days: 30) { target } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Query.revenueByWeek': {
    operation: '{ revenueByWeek { weekStart } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Query.topCustomersBySales': {
    operation: '{ topCustomersBySales(top: 5, first: 5, offset: 0) { total } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Query.summarize': {
    operation: '{ summarize(metric: COUNT) { rows { value } } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Query.businessDashboard': {
    operation: '{ businessDashboard(weeks: 4, months: 3, top: 3) { currency mrr } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Query.filterValues': {
    operation: '{ filterValues(field: "product.category", first: 5) { value orders } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Query.summarizeCsv': {
    operation: '{ summarizeCsv(metric: COUNT) }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Query.savedQuestions': {
    operation: '{ savedQuestions { id } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Query.invoices': {
    operation: 'query ($p: ID) { invoices(partnerId: $p) { id } }',
    variables: (f) => ({ p: f.ownerId }),
    owners: (data, f) => ids(data.invoices).includes(f.invoiceId),
    needs: ['billing:read'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Query.invoice': {
    operation: 'query ($id: ID!) { invoice(id: $id) { id } }',
    variables: (f) => ({ id: f.invoiceId }),
    owners: (data) => data.invoice !== null,
    needs: ['billing:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.billingProfile': {
    operation: 'query ($p: ID) { billingProfile(partnerId: $p) { partnerId vatId } }',
    variables: (f) => ({ p: f.ownerId }),
    owners: (data) => data.billingProfile !== null,
    needs: ['billing:read'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  "Query.billingProfile (aliased beside the caller's own)": {
    operation:
      'query ($p: ID) { mine: billingProfile { partnerId } theirs: billingProfile(partnerId: $p) { partnerId } }',
    variables: (f) => ({ p: f.ownerId }),
    owners: (data) => (data.theirs as { partnerId: string } | null) !== null,
    needs: ['billing:read'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Query.invoice (its PDF, payments and buyer, aliased)': {
    operation:
      'query ($id: ID!) { a: invoice(id: $id) { pdf } b: invoice(id: $id) { payments { reference } buyer { vatId } number } }',
    variables: (f) => ({ id: f.invoiceId }),
    owners: (data) => data.a !== null || data.b !== null,
    needs: ['billing:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.partners': {
    operation: '{ partners { id } }',
    owners: (data, f) => ids(data.partners).includes(f.ownerId),
    needs: ['billing:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.partner': {
    operation: 'query ($id: ID!) { partner(id: $id) { id } }',
    variables: (f) => ({ id: f.ownerId }),
    owners: (data) => data.partner !== null,
    needs: ['billing:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.plans': {
    operation: '{ plans { id } }',
    needs: ['billing:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Query.safelist': {
    operation: 'query ($p: ID) { safelist(partnerId: $p) { id } }',
    variables: (f) => ({ p: f.ownerId }),
    needs: ['billing:read'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Query.usage': {
    operation:
      'query ($p: ID, $from: DateTimeISO!, $to: DateTimeISO!) { usage(partnerId: $p, from: $from, to: $to) { group } }',
    variables: (f) => ({ p: f.ownerId, ...window() }),
    needs: ['billing:read'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Query.quota': {
    operation: 'query ($p: ID) { quota(partnerId: $p) { used } }',
    variables: (f) => ({ p: f.ownerId }),
    needs: ['billing:read'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  // Read in the console only: no API key reads the request log, whatever its scopes.
  // Access requests and the development outbox: the business team's alone.
  'Query.accessRequests': {
    operation: '{ accessRequests { id } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Query.outbox': {
    operation: '{ outbox(limit: 1) { id } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  // What the accept page shows before anything is typed: whoever holds the link may read it, nobody else.
  'Query.invitation': {
    operation: 'query ($t: String!) { invitation(token: $t) { email } }',
    variables: async (f) => ({ t: await f.invitationToken() }),
    needs: [],
    expect: ['ok', 'ok', 'ok', 'ok', S, 'ok'],
  },
  'Query.requestLog': {
    operation: 'query ($p: ID) { requestLog(partnerId: $p) { requestId } }',
    variables: (f) => ({ p: f.ownerId }),
    needs: ['billing:read'],
    expect: [F, F, F, 'ok', S, U],
  },

  // Matches: a catalog product, the same for every partner that bought it.
  'Query.competitions': {
    operation: '{ competitions { id } }',
    needs: ['matches:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Query.matches': {
    operation: '{ matches(first: 2) { id } }',
    needs: ['matches:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Query.matchConnection': {
    operation: '{ matchConnection(first: 2) { edges { node { id } } } }',
    needs: ['matches:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Query.match': {
    operation: 'query ($id: ID!) { match(id: $id) { id } }',
    variables: (f) => ({ id: f.matchId }),
    needs: ['matches:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Query.player': {
    operation: 'query ($id: ID!) { player(id: $id) { id } }',
    variables: (f) => ({ id: f.playerId }),
    needs: ['matches:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Query.teams': {
    operation: '{ teams { id } }',
    needs: ['matches:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Query.team': {
    operation: 'query ($id: ID!) { team(id: $id) { id } }',
    variables: (f) => ({ id: f.teamId }),
    needs: ['matches:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },

  // Telemetry: an operator's own fleet.
  'Query.fleet': {
    operation: '{ fleet { id } }',
    owners: (data, f) => ids(data.fleet).includes(f.aircraftId),
    needs: ['telemetry:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.aircraft': {
    operation: 'query ($id: ID!) { aircraft(id: $id) { id } }',
    variables: (f) => ({ id: f.aircraftId }),
    owners: (data) => data.aircraft !== null,
    needs: ['telemetry:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.alerts': {
    operation: 'query ($e: ID) { alerts(engine: $e, first: 5) { id engine { id } } }',
    variables: (f) => ({ e: f.engineId }),
    owners: (data) => (data.alerts as unknown[]).length > 0,
    needs: ['telemetry:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.engine': {
    operation: 'query ($id: ID!) { engine(id: $id) { id } }',
    variables: (f) => ({ id: f.engineId }),
    owners: (data) => data.engine !== null,
    needs: ['telemetry:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.fleets': {
    operation: '{ fleets { id } }',
    owners: (data, f) => ids(data.fleets).includes(f.fleetId),
    needs: ['telemetry:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.fleetById': {
    operation: 'query ($id: ID!) { fleetById(id: $id) { id } }',
    variables: (f) => ({ id: f.fleetId }),
    owners: (data) => data.fleetById !== null,
    needs: ['telemetry:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.enginesNeedingAttention': {
    operation: 'query ($fleet: ID) { enginesNeedingAttention(fleet: $fleet, first: 50) { engine { id } } }',
    variables: (f) => ({ fleet: f.fleetId }),
    owners: (data) => (data.enginesNeedingAttention as unknown[]).length > 0,
    needs: ['telemetry:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
  'Query.sensors': {
    operation: 'query ($m: String!) { sensors(engineModel: $m) { id } }',
    variables: (f) => ({ m: f.engineModel }),
    needs: ['telemetry:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Query.series': {
    operation:
      'query ($e: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { series(engine: $e, sensor: "T30", from: $from, to: $to, buckets: 10) { source } }',
    variables: (f) => ({ e: f.engineId, ...window() }),
    needs: ['telemetry:read'],
    expect: ['ok', B, F, 'ok', S, U],
  },

  // Mutations, in an order where none takes away what a later one needs.
  'Mutation.login': {
    operation: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { expiresAt } }',
    variables: (f) => ({ e: f.ownerEmail, p: f.ownerPassword }),
    needs: [],
    expect: ['ok', 'ok', 'ok', 'ok', S, 'ok'],
  },
  'Mutation.refreshSession': {
    operation: 'mutation ($t: String!) { refreshSession(refreshToken: $t) { expiresAt } }',
    variables: async (f) => ({ t: await f.refreshToken() }),
    needs: [],
    expect: ['ok', 'ok', 'ok', 'ok', S, 'ok'],
  },
  // The public doors of accounts: anyone may ask; the answer is the same whether the address is known.
  'Mutation.requestAccess': {
    operation:
      'mutation ($e: String!) { requestAccess(email: $e, name: "Matrix", organisation: "Matrix Requests Ltd") }',
    variables: () => ({ e: `requester-${randomBytes(4).toString('hex')}@matrix.example` }),
    needs: [],
    expect: ['ok', 'ok', 'ok', 'ok', S, 'ok'],
  },
  'Mutation.requestPasswordReset': {
    operation: 'mutation ($e: String!) { requestPasswordReset(email: $e) }',
    // A fresh address each time: one address may ask five times an hour.
    variables: () => ({ e: `reset-${randomBytes(4).toString('hex')}@matrix.example` }),
    needs: [],
    expect: ['ok', 'ok', 'ok', 'ok', S, 'ok'],
  },
  // Only the link from the e-mail opens it: without one, nobody gets in, whoever they are.
  'Mutation.resetPassword': {
    operation:
      'mutation { resetPassword(token: "not-a-reset-link", password: "Matrix-Reset-2026!") { expiresAt } }',
    needs: [],
    expect: [B, B, B, B, S, B],
  },
  'Mutation.approveAccessRequest': {
    operation: 'mutation { approveAccessRequest(id: "acr_matrix", planId: "plan_free") { request { id } } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.declineAccessRequest': {
    operation: 'mutation { declineAccessRequest(id: "acr_matrix") { id } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.inviteUser': {
    operation:
      'mutation ($p: ID, $e: String!) { inviteUser(partnerId: $p, role: DEVELOPER, email: $e) { token } }',
    variables: (f) => ({ p: f.ownerId, e: `invited-${randomBytes(4).toString('hex')}@matrix.example` }),
    needs: ['users:manage'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Mutation.acceptInvitation': {
    operation:
      'mutation ($t: String!) { acceptInvitation(token: $t, name: "Matrix", password: "Matrix-Accepted-2026!") { expiresAt } }',
    variables: async (f) => ({ t: await f.invitationToken() }),
    needs: [],
    expect: ['ok', 'ok', 'ok', 'ok', S, 'ok'],
  },
  'Mutation.createApiKey': {
    operation:
      'mutation ($p: ID) { createApiKey(partnerId: $p, name: "matrix", scopes: ["matches:read"]) { key { id } } }',
    variables: (f) => ({ p: f.ownerId }),
    needs: ['keys:manage'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Mutation.setApiKeySafelistOnly': {
    operation: 'mutation ($id: ID!) { setApiKeySafelistOnly(id: $id, safelistOnly: true) { id } }',
    variables: async (f) => ({ id: await f.throwawayKey() }),
    needs: ['keys:manage'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Mutation.updateApiKeyScopes': {
    operation: 'mutation ($id: ID!) { updateApiKeyScopes(id: $id, scopes: ["matches:read"]) { id } }',
    variables: async (f) => ({ id: await f.throwawayKey() }),
    needs: ['keys:manage'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Mutation.rollApiKey': {
    operation: 'mutation ($id: ID!) { rollApiKey(id: $id, graceSeconds: 0) { key { id } } }',
    variables: async (f) => ({ id: await f.throwawayKey() }),
    needs: ['keys:manage'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Mutation.revokeApiKey': {
    operation: 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }',
    variables: async (f) => ({ id: await f.throwawayKey() }),
    needs: ['keys:manage'],
    // A suspended partner's developers may still revoke keys in the console; its keys are refused outright.
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Mutation.generateInvoice': {
    operation: 'mutation ($p: ID!) { generateInvoice(partnerId: $p, period: "2026-09") { id } }',
    variables: (f) => ({ p: f.ownerId }),
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.issueInvoice': {
    operation: 'mutation ($id: ID!) { issueInvoice(id: $id) { id } }',
    variables: (f) => ({ id: f.invoiceId }),
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.markInvoicePaid': {
    operation: 'mutation ($id: ID!) { markInvoicePaid(id: $id) { id } }',
    variables: (f) => ({ id: f.invoiceId }),
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.saveQuestion': {
    operation:
      'mutation { saveQuestion(input: { name: "Matrix question", metric: COUNT, shared: true }) { id } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.deleteSavedQuestion': {
    operation: 'mutation { deleteSavedQuestion(id: "qst_matrix") }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.recordPayment': {
    operation:
      'mutation ($id: ID!) { recordPayment(invoiceId: $id, amountCents: 1, paidOn: "2026-11-02", reference: "matrix") { id } }',
    variables: (f) => ({ id: f.invoiceId }),
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.setBillingProfile': {
    operation:
      'mutation ($p: ID, $i: BillingProfileInput!) { setBillingProfile(partnerId: $p, input: $i) { partnerId } }',
    variables: (f) => ({ p: f.ownerId, i: MATRIX_PROFILE }),
    needs: ['billing:manage'],
    // A suspended partner's people cannot change it; another partner naming the owner is refused.
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Mutation.createPartner': {
    operation: 'mutation { createPartner(name: "Matrix Intruder", planId: "plan_free") { id } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  // Onboarding and the care of invitations: the business team's alone, whoever's ids are named.
  'Mutation.onboardPartner': {
    operation:
      'mutation { onboardPartner(input: { name: "Matrix Intruder", planId: "plan_free", developerEmails: ["intruder@matrix.example"], allowDuplicateName: true }) { partner { id } } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.resendInvitation': {
    operation: 'mutation ($id: ID!) { resendInvitation(id: $id) { token } }',
    variables: async (f) => ({ id: await f.invitationId() }),
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.revokeInvitation': {
    operation: 'mutation ($id: ID!) { revokeInvitation(id: $id) { id } }',
    variables: async (f) => ({ id: await f.invitationId() }),
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.changePartnerPlan': {
    operation: 'mutation ($p: ID!) { changePartnerPlan(partnerId: $p, planId: "plan_enterprise") { id } }',
    variables: (f) => ({ p: f.ownerId }),
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.suspendPartner': {
    operation: 'mutation ($p: ID!) { suspendPartner(partnerId: $p, reason: "test of a suspension") { id } }',
    variables: (f) => ({ p: f.ownerId }),
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.reactivatePartner': {
    operation:
      'mutation ($p: ID!) { reactivatePartner(partnerId: $p, reason: "test of a reactivation") { id } }',
    variables: (f) => ({ p: f.ownerId }),
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.createPlan': {
    operation:
      'mutation { createPlan(input: { name: "Matrix Free-For-All", monthlyPriceCents: 0, requestsPerMinute: 1, costPointsPerMinute: 1, monthlyQuota: 1, concurrentSubscriptions: 1, allowedScopes: [], overageCentsPerThousand: 0 }) { id } }',
    needs: ['billing:read'],
    expect: [F, F, F, F, S, U],
  },
  'Mutation.registerOperations': {
    operation:
      'mutation ($p: ID, $t: String!) { registerOperations(partnerId: $p, operations: [{ text: $t }]) { id } }',
    variables: (f) => ({ p: f.ownerId, t: `query Matrix${randomBytes(4).toString('hex')} { plans { id } }` }),
    needs: ['safelist:write'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Mutation.removeOperation': {
    operation: 'mutation ($p: ID, $id: ID!) { removeOperation(partnerId: $p, id: $id) }',
    variables: async (f) => ({ p: f.ownerId, id: await f.safelistedOperation() }),
    owners: (data) => data.removeOperation === true,
    needs: ['safelist:write'],
    expect: ['ok', F, F, 'ok', S, U],
  },
  'Mutation.ingestReadings': {
    operation: 'mutation ($b: ReadingBatchInput!) { ingestReadings(batch: $b) { readings duplicate } }',
    variables: (f) => ({
      b: {
        idempotencyKey: `matrix-${randomBytes(6).toString('hex')}`,
        engine: f.engineId,
        readings: [{ sensor: 'T30', time: f.readingTime(), value: 1590 }],
      },
    }),
    needs: ['telemetry:write'],
    expect: ['ok', B, F, 'ok', S, U],
  },
  'Mutation.logout': {
    operation: 'mutation { logout }',
    needs: [],
    freshSession: true,
    expect: [B, B, B, 'ok', S, U],
  },

  // Subscriptions, over graphql-ws: `ok` when the subscription is accepted.
  'Subscription.matchFrames': {
    operation: 'subscription ($m: ID!) { matchFrames(matchId: $m) { frame } }',
    variables: (f) => ({ m: f.matchId }),
    needs: ['matches:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Subscription.matchEvents': {
    operation: 'subscription ($m: ID!) { matchEvents(matchId: $m) { id } }',
    variables: (f) => ({ m: f.matchId }),
    needs: ['matches:read'],
    expect: ['ok', 'ok', F, 'ok', S, U],
  },
  'Subscription.sensorReadings': {
    operation:
      'subscription ($e: ID!) { sensorReadings(engine: $e, sensors: ["T30"], every: 1000) { from } }',
    variables: (f) => ({ e: f.engineId }),
    needs: ['telemetry:read'],
    expect: ['ok', B, F, 'ok', S, U],
  },
  'Subscription.engineAlerts': {
    operation: 'subscription ($fleet: ID) { engineAlerts(fleet: $fleet) { id } }',
    variables: (f) => ({ fleet: f.fleetId }),
    // The test raises an alert on the owner's engine while everyone listens.
    owners: (data) => data.engineAlerts !== undefined,
    needs: ['telemetry:read'],
    expect: ['ok', 'hidden', F, 'ok', S, U],
  },
};

/** How long a subscription is given to be refused before it counts as accepted. */
const SUBSCRIBE_WINDOW_MS = 1_500;

interface Answer {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

/** Why each cell came out as it did, for the message of a cell that is not as expected. */
const reasons = new Map<string, string>();

function outcomeOf(answer: Answer, row: Row, fixture: Fixture): Outcome {
  const code = answer.errors?.[0]?.extensions?.code;
  if (answer.errors?.length) {
    const outcome = code ?? 'no code';
    reasons.set(`${row.operation}|${outcome}`, answer.errors[0]!.message);
    return outcome;
  }
  if (!answer.data) return 'no data';
  if (!row.owners) return 'ok';
  return row.owners(answer.data, fixture) ? 'ok' : 'hidden';
}

/** Root fields of the composed schema, as `Type.field`. */
/**
 * The root field a row tries: its key, less a note in parentheses for a further row of the same field
 * (aliases, nested fields that carry their own data).
 */
function fieldOf(row: string): string {
  return row.replace(/ \(.*\)$/, '');
}

function rootFields(supergraph: string): string[] {
  const schema = apiSchemaOf(supergraph);
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
    type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : [],
  );
}

/** The subgraph (by its name in the stack) that serves each root field, from the supergraph's join fields. */
function servingSubgraphs(supergraph: string): Map<string, string> {
  const document = parse(supergraph);
  const graphs = new Map<string, string>();
  const served = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = value.directives
          ?.find((d) => d.name.value === 'join__graph')
          ?.arguments?.find((a) => a.name.value === 'name');
        if (name) graphs.set(value.name.value, String(valueFromASTUntyped(name.value)));
      }
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const type = definition as ObjectTypeDefinitionNode;
    if (!['Query', 'Mutation', 'Subscription'].includes(type.name.value)) continue;
    for (const field of type.fields ?? []) {
      const join = field.directives?.find((d) => d.name.value === 'join__field');
      const graph = join?.arguments?.find((a) => a.name.value === 'graph');
      if (graph)
        served.set(
          `${type.name.value}.${field.name.value}`,
          graphs.get(String(valueFromASTUntyped(graph.value)))!,
        );
    }
  }
  return served;
}

/** The platform's principal secret, so the test can sign as the gateway does. */
const PRINCIPAL_SECRET = randomBytes(32).toString('hex');

const SUPERGRAPH = fs.readFileSync(require.resolve('@meridian/schema/supergraph.graphql'), 'utf8');

describe('the tenancy matrix', () => {
  let platform: HostilePlatform;
  let fixture: Fixture;
  let credentials: Record<Exclude<Caller, 'narrow'>, Headers>;
  const narrowKeys = new Map<string, Promise<Key>>();
  let otherPrincipal: { partnerId: string; customerId: string; keyId: string; scopes: string[] };
  /** Every cell, as it came out, for the printed matrix. */
  const observed = new Map<string, Outcome[]>();

  const narrowKey = (row: Row): Promise<Key> => {
    const scopes = KEY_SCOPES.filter((scope) => !row.needs.includes(scope));
    const held = row.needs.length > 0 ? scopes : ['matches:read'];
    const id = held.join(',');
    let key = narrowKeys.get(id);
    if (!key) narrowKeys.set(id, (key = platform.createKey(fixture.ownerId, held)));
    return key;
  };

  const headersOf = async (caller: Caller, row: Row): Promise<Headers> => {
    if (caller === 'narrow') return (await narrowKey(row)).headers;
    if (caller === 'session' && row.freshSession) {
      const { login } = await platform.gql<{ login: { accessToken: string } }>(
        'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { e: fixture.ownerEmail, p: fixture.ownerPassword },
        {},
      );
      return { authorization: `Bearer ${login.accessToken}` };
    }
    return credentials[caller];
  };

  beforeAll(async () => {
    platform = await HostilePlatform.start({
      PRINCIPAL_SECRET,
      ANONYMOUS_REQUESTS_PER_MINUTE: '100000',
      LOGIN_ATTEMPTS_PER_MINUTE: '100000',
    });
    const plan = await platform.createPlan('Tenancy Matrix');
    const partner = async (name: string, customerId: string) =>
      (
        await platform.asAdmin<{ createPartner: { id: string } }>(
          'mutation ($n: String!, $plan: ID!, $c: ID) { createPartner(name: $n, planId: $plan, customerId: $c) { id } }',
          { n: `${name} ${randomBytes(3).toString('hex')}`, plan, c: customerId },
        )
      ).createPartner.id;
    const ownerId = await partner('Owner Airline', OWNER_CUSTOMER);
    const otherId = await partner('Other Airline', OTHER_CUSTOMER);
    const suspendedId = await partner('Suspended Airline', SUSPENDED_CUSTOMER);
    const ownerKey = await platform.createKey(ownerId, KEY_SCOPES);
    const otherKey = await platform.createKey(otherId, KEY_SCOPES);
    const suspendedKey = await platform.createKey(suspendedId, KEY_SCOPES);
    await platform.suspendPartner(suspendedId);
    const developer = await platform.createDeveloper(ownerId, 'matrix-owner');
    credentials = {
      owner: ownerKey.headers,
      other: otherKey.headers,
      session: developer.headers,
      suspended: suspendedKey.headers,
      anonymous: {},
    };
    otherPrincipal = {
      partnerId: otherId,
      customerId: OTHER_CUSTOMER,
      keyId: otherKey.id,
      scopes: KEY_SCOPES,
    };

    const { customer } = await platform.asAdmin<{
      customer: {
        aircraft: { id: string; engines: { id: string; model: string }[] }[];
        fleets: { id: string }[];
      };
    }>('query ($c: ID!) { customer(id: $c) { aircraft { id engines { id model } } fleets { id } } }', {
      c: OWNER_CUSTOMER,
    });
    const aircraft = customer.aircraft[0]!;
    const engine = aircraft.engines[0]!;
    const { sensors } = await platform.asAdmin<{ sensors: { name: string }[] }>(
      'query ($m: String!) { sensors(engineModel: $m) { name } }',
      { m: engine.model },
    );
    const unalerted = sensors.map((sensor) => sensor.name).filter((name) => name !== 'T30');
    const { matches } = await platform.asAdmin<{
      matches: { id: string; homeTeam: { id: string; players: { id: string }[] } }[];
    }>('{ matches(first: 1) { id homeTeam { id players { id } } } }');
    const { generateInvoice } = await platform.asAdmin<{ generateInvoice: { id: string } }>(
      'mutation ($p: ID!) { generateInvoice(partnerId: $p, period: $period) { id } }'.replace(
        '$period',
        JSON.stringify(period),
      ),
      { p: ownerId },
    );
    await platform.asAdmin(
      'mutation ($p: ID, $i: BillingProfileInput!) { setBillingProfile(partnerId: $p, input: $i) { partnerId } }',
      { p: ownerId, i: MATRIX_PROFILE },
    );
    await platform.asAdmin('mutation ($id: ID!) { issueInvoice(id: $id) { id } }', {
      id: generateInvoice.id,
    });
    // A critical reading on the owner's engine, so its alerts and attention lists are not empty.
    // The platform's simulator writes readings as time passes: each batch must be newer than those.
    let readingClock = 0;
    const readingTime = () =>
      new Date((readingClock = Math.max(readingClock + 10, Date.now() + 1_000))).toISOString();
    await platform.gql(
      'mutation ($b: ReadingBatchInput!) { ingestReadings(batch: $b) { readings } }',
      {
        b: {
          idempotencyKey: `matrix-setup-${randomBytes(4).toString('hex')}`,
          engine: engine.id,
          readings: [{ sensor: 'T30', time: readingTime(), value: 8888 }],
        },
      },
      ownerKey.headers,
    );

    fixture = {
      ownerId,
      ownerEmail: developer.email,
      ownerPassword: developer.password,
      engineId: engine.id,
      engineModel: engine.model,
      aircraftId: aircraft.id,
      fleetId: customer.fleets[0]!.id,
      invoiceId: generateInvoice.id,
      matchId: matches[0]!.id,
      playerId: matches[0]!.homeTeam.players[0]!.id,
      teamId: matches[0]!.homeTeam.id,
      throwawayKey: async () => (await platform.createKey(ownerId, ['matches:read'])).id,
      invitationToken: async () =>
        (
          await platform.asAdmin<{ inviteUser: { token: string } }>(
            'mutation ($p: ID!, $e: String!) { inviteUser(partnerId: $p, role: DEVELOPER, email: $e) { token } }',
            { p: ownerId, e: `accepting-${randomBytes(4).toString('hex')}@matrix.example` },
          )
        ).inviteUser.token,
      invitationId: async () => {
        const email = `pending-${randomBytes(4).toString('hex')}@matrix.example`;
        await platform.asAdmin(
          'mutation ($p: ID!, $e: String!) { inviteUser(partnerId: $p, role: DEVELOPER, email: $e) { id } }',
          { p: ownerId, e: email },
        );
        const { partner } = await platform.asAdmin<{
          partner: { invitations: { id: string; email: string }[] };
        }>('query ($p: ID!) { partner(id: $p) { invitations { id email } } }', { p: ownerId });
        return partner.invitations.find((invitation) => invitation.email === email)!.id;
      },
      refreshToken: async () =>
        (
          await platform.gql<{ login: { refreshToken: string } }>(
            'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }',
            { e: developer.email, p: developer.password },
            {},
          )
        ).login.refreshToken,
      safelistedOperation: async () =>
        (
          await platform.asAdmin<{ registerOperations: { id: string }[] }>(
            'mutation ($p: ID, $t: String!) { registerOperations(partnerId: $p, operations: [{ text: $t }]) { id } }',
            { p: ownerId, t: `query Removable${randomBytes(4).toString('hex')} { plans { id } }` },
          )
        ).registerOperations[0]!.id,
      readingTime,
      freshAlertSensor: () => {
        const sensor = unalerted.shift();
        if (!sensor) throw new Error(`engine model ${engine.model} has too few sensors for the test`);
        return sensor;
      },
    };
  });

  afterAll(() => {
    if (observed.size === 0) return;
    const width = Math.max(...[...observed.keys()].map((field) => field.length));
    const lines = [
      `tenancy matrix: ${observed.size} fields × ${CALLERS.length} callers = ${observed.size * CALLERS.length} cells`,
      ...CALLERS.map((caller) => `  ${caller}: ${CALLER_NOTES[caller]}`),
      `${''.padEnd(width)}  ${CALLERS.map((c) => c.padEnd(19)).join('')}`,
      ...[...observed].map(
        ([field, cells]) => `${field.padEnd(width)}  ${cells.map((c) => c.padEnd(19)).join('')}`,
      ),
    ];
    console.log(lines.join('\n'));
  });

  it('has a row for every root field of the composed schema, and none for a field that is gone', () => {
    const fields = rootFields(SUPERGRAPH);
    expect(fields.filter((field) => !(field in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((field) => !fields.includes(fieldOf(field)))).toEqual([]);
  });

  const runHttp = async (row: Row, headers: Headers, url?: string): Promise<Answer> => {
    const variables = row.variables ? await row.variables(fixture) : {};
    const { body } = await post(
      url ?? `${platform.gatewayUrl}/graphql`,
      { query: row.operation, variables },
      headers,
    );
    return body as Answer;
  };

  /** Subscribes at the gateway, or at `url`; waits until refused, answered, or the window has passed. */
  const runSubscription = async (
    row: Row,
    headers: Headers,
    url = platform.wsUrl,
  ): Promise<{ answer: () => Answer; stop: () => Promise<void> }> => {
    const variables = row.variables ? await row.variables(fixture) : {};
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: headers,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
    });
    const received: Answer[] = [];
    let failure: Answer | undefined;
    const stop = client.subscribe(
      { query: row.operation, variables },
      {
        next: (value) => received.push(value as Answer),
        error: (error) => {
          const list = Array.isArray(error) ? error : [error];
          const first = list[0] as {
            message?: string;
            extensions?: { code?: string };
            reason?: string;
            code?: number;
          };
          failure = {
            errors: [
              {
                message: first?.message ?? first?.reason ?? String(first),
                extensions: { code: first?.extensions?.code ?? closeReasonCode(first) },
              },
            ],
          };
        },
        complete: () => undefined,
      },
    );
    const started = Date.now();
    while (!failure && received.length === 0 && Date.now() - started < SUBSCRIBE_WINDOW_MS)
      await new Promise((resolve) => setTimeout(resolve, 50));
    return {
      // What came so far: the refusal, an error or the first event; accepted and silent otherwise.
      answer: () => failure ?? received.find((value) => value.errors) ?? received[0] ?? { data: {} },
      stop: async () => {
        stop();
        await client.dispose();
      },
    };
  };

  const rows = Object.entries(MATRIX);

  /** Raises a critical alert on the owner's engine, then gives subscribers the window to hear of it. */
  const raiseOwnerAlert = async () => {
    await platform.gql(
      'mutation ($b: ReadingBatchInput!) { ingestReadings(batch: $b) { readings } }',
      {
        b: {
          idempotencyKey: `matrix-alert-${randomBytes(4).toString('hex')}`,
          engine: fixture.engineId,
          readings: [{ sensor: fixture.freshAlertSensor(), time: fixture.readingTime(), value: 99_999 }],
        },
      },
      credentials.owner,
    );
    await new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_WINDOW_MS));
  };

  /** Fails naming every cell of the row that differs from the table, with the error's message. */
  const expectRow = (field: string, row: Row, cells: readonly Outcome[]) => {
    observed.set(field, [...cells]);
    const wrong = CALLERS.flatMap((caller, i) =>
      cells[i] === row.expect[i]
        ? []
        : [
            `${caller}: expected ${row.expect[i]}, got ${cells[i]}${
              reasons.has(`${row.operation}|${cells[i]}`)
                ? ` (${reasons.get(`${row.operation}|${cells[i]}`)})`
                : ''
            }`,
          ],
    );
    if (wrong.length > 0) throw new Error(`${field}:\n  ${wrong.join('\n  ')}`);
  };
  const queriesAndMutations = rows.filter(([field]) => !field.startsWith('Subscription.'));

  it.each(queriesAndMutations)('%s through the gateway', async (field, row) => {
    const cells: Outcome[] = [];
    for (const caller of CALLERS)
      cells.push(outcomeOf(await runHttp(row, await headersOf(caller, row)), row, fixture));
    expectRow(field, row, cells);
  });

  it.each(rows.filter(([field]) => field.startsWith('Subscription.')))(
    '%s over graphql-ws',
    async (field, row) => {
      const cells: Outcome[] = [];
      const running: { caller: Caller; answer: () => Answer; stop: () => Promise<void> }[] = [];
      for (const caller of CALLERS)
        running.push({ caller, ...(await runSubscription(row, await headersOf(caller, row))) });
      if (field === 'Subscription.engineAlerts') await raiseOwnerAlert();
      for (const { answer, stop } of running) {
        cells.push(outcomeOf(answer(), row, fixture));
        await stop();
      }
      expectRow(field, row, cells);
    },
  );

  it.each(rows.filter(([field]) => field.startsWith('Subscription.')))(
    '%s straight to its subgraph over graphql-ws with a principal signed for another partner',
    async (field, row) => {
      const subgraph = servingSubgraphs(SUPERGRAPH).get(fieldOf(field))!;
      const url = `${platform.stack.urls[subgraph as 'matches' | 'telemetry' | 'billing'].replace(/^http/, 'ws')}/graphql`;
      const signed = { [PRINCIPAL_HEADER]: signPrincipal(otherPrincipal, PRINCIPAL_SECRET) };
      const { answer, stop } = await runSubscription(row, signed, url);
      if (field === 'Subscription.engineAlerts') await raiseOwnerAlert();
      const outcome = outcomeOf(answer(), row, fixture);
      await stop();
      if (outcome !== row.expect[1]) {
        const reason = reasons.get(`${row.operation}|${outcome}`);
        throw new Error(
          `${field} at ${subgraph}: expected ${row.expect[1]}, got ${outcome} (${reason ?? 'no error'})`,
        );
      }
    },
  );

  it("keeps a partner's audit log, status history and invitations from every partner caller", async () => {
    const { partner: own } = await platform.asAdmin<{ partner: { auditLog: { id: string }[] } }>(
      'query ($p: ID!) { partner(id: $p) { auditLog(limit: 5) { id } } }',
      { p: fixture.ownerId },
    );
    expect(own.auditLog.length).toBeGreaterThan(0);
    const read = `query ($p: ID!, $q: ID!) {
      a: partner(id: $p) { id auditLog(limit: 5) { id } }
      b: partner(id: $q) { id statusHistory { status } }
      c: partner(id: $p) { id invitations { id } }
    }`;
    const direct = `${platform.stack.urls.billing}/graphql`;
    const signed = { [PRINCIPAL_HEADER]: signPrincipal(otherPrincipal, PRINCIPAL_SECRET) };
    for (const [caller, headers, url] of [
      ['owner', credentials.owner, undefined],
      ['session', credentials.session, undefined],
      ['other', credentials.other, undefined],
      ['other, straight to billing', signed, direct],
    ] as const) {
      const { body } = await post(
        url ?? `${platform.gatewayUrl}/graphql`,
        { query: read, variables: { p: fixture.ownerId, q: otherPrincipal.partnerId } },
        headers,
      );
      const answer = body as Answer & { data?: Record<string, { id: string } | null> | null };
      // Each alias is refused or empty: no entry of any log or invitation list reaches a partner.
      for (const alias of ['a', 'b', 'c']) {
        const value = answer.data?.[alias] as Record<string, unknown> | null | undefined;
        expect([caller, value?.auditLog ?? value?.statusHistory ?? value?.invitations ?? null]).toEqual([
          caller,
          null,
        ]);
      }
      expect([caller, answer.errors?.every((error) => error.extensions?.code === F) ?? true]).toEqual([
        caller,
        true,
      ]);
    }
  });

  it.each(queriesAndMutations)(
    '%s straight to its subgraph with a principal signed for another partner',
    async (field, row) => {
      const subgraph = servingSubgraphs(SUPERGRAPH).get(fieldOf(field))!;
      const url = `${platform.stack.urls[subgraph as 'matches' | 'telemetry' | 'billing']}/graphql`;
      const headers = {
        [PRINCIPAL_HEADER]: signPrincipal(otherPrincipal, PRINCIPAL_SECRET),
      };
      const outcome = outcomeOf(await runHttp(row, headers, url), row, fixture);
      if (outcome !== row.expect[1]) {
        const reason = reasons.get(`${row.operation}|${outcome}`);
        throw new Error(
          `${field} at ${subgraph}: expected ${row.expect[1]}, got ${outcome} (${reason ?? 'no error'})`,
        );
      }
    },
  );
});

/** The code a refusal sent as a close frame stands for (graphql-ws closes with 4401/4403 and the message). */
function closeReasonCode(error: { code?: number; reason?: string } | undefined): string | undefined {
  if (error?.code === 4401) return 'UNAUTHENTICATED';
  if (error?.code === 4403) return error.reason?.includes('suspended') ? 'PARTNER_SUSPENDED' : 'FORBIDDEN';
  return undefined;
}
