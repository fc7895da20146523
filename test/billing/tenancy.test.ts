/**
 * Tenancy: a partner sees and changes only its own users, keys, usage and invoices, whether it calls with a
 * portal session or through the gateway with a signed principal. Every cross-tenant read or write below
 * must fail with FORBIDDEN or come back empty.
 */
import { BILLING_ROUTES } from '@meridian/contracts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  codeOf,
  startBillingForTest,
  type BillingUnderTest,
  type GqlResult,
  STARTUP_TIMEOUT_MS,
} from './service';

const PASSWORD = 'Tangerine-Bicycle-77';

describe('tenancy', () => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;
  const partners: Record<
    'a' | 'b',
    { id: string; session: Record<string, string>; keyId: string; invoiceId: string }
  > = {
    a: { id: '', session: {}, keyId: '', invoiceId: '' },
    b: { id: '', session: {}, keyId: '', invoiceId: '' },
  };

  beforeAll(async () => {
    billing = await startBillingForTest();
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    for (const name of ['a', 'b'] as const) {
      const partner = partners[name];
      const created = await billing.gql<{ createPartner: { id: string } }>(
        'mutation($n: String!) { createPartner(name: $n, planId: "plan_pro") { id } }',
        { n: `Partner ${name}` },
        admin,
      );
      partner.id = created.data!.createPartner.id;
      const invitation = await billing.gql<{ inviteUser: { token: string } }>(
        'mutation($e: String!, $p: ID) { inviteUser(email: $e, role: DEVELOPER, partnerId: $p) { token } }',
        { e: `dev@${name}.example`, p: partner.id },
        admin,
      );
      await billing.gql(
        'mutation($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Dev", password: $pw) { accessToken } }',
        {
          t: invitation.data!.inviteUser.token,
          pw: PASSWORD,
        },
      );
      partner.session = await billing.signIn(`dev@${name}.example`, PASSWORD);
      const key = await billing.gql<{ createApiKey: { key: { id: string } } }>(
        'mutation { createApiKey(name: "main", scopes: ["matches:read"]) { key { id } } }',
        {},
        partner.session,
      );
      partner.keyId = key.data!.createApiKey.key.id;
      await billing.internal(BILLING_ROUTES.usage, {
        events: [
          {
            id: `evt_${name}`,
            occurredAt: '2026-02-03T10:00:00Z',
            partnerId: partner.id,
            keyId: partner.keyId,
            operation: 'Op',
            subgraphs: ['matches'],
            cost: 1,
            durationMs: 1,
            outcome: 'ok',
            bytes: 1,
          },
        ],
      });
      const invoice = await billing.gql<{ generateInvoice: { id: string } }>(
        'mutation($p: ID!) { generateInvoice(partnerId: $p, period: "2026-02") { id } }',
        { p: partner.id },
        admin,
      );
      partner.invoiceId = invoice.data!.generateInvoice.id;
      await billing.gql(
        'mutation($p: ID, $i: BillingProfileInput!) { setBillingProfile(partnerId: $p, input: $i) { partnerId } }',
        {
          p: partner.id,
          i: {
            name: `Partner ${name} Ltd`,
            addressLines: ['1 Road'],
            country: 'GB',
            email: `billing@${name}.example`,
          },
        },
        admin,
      );
      // Issued, so that the partner sees it: a draft would be hidden from everyone but admins anyway.
      await billing.gql(
        'mutation($id: ID!) { issueInvoice(id: $id) { id } }',
        { id: partner.invoiceId },
        admin,
      );
    }
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => billing?.close());

  const forbiddenOrEmpty = (result: GqlResult, field: string) => {
    if (result.errors) {
      expect(codeOf(result)).toBe('FORBIDDEN');
      return;
    }
    const value = (result.data as Record<string, unknown>)[field];
    expect(value === null || (Array.isArray(value) && value.length === 0)).toBe(true);
  };

  const crossTenantCalls = (): [string, string, (victim: typeof partners.a) => Record<string, unknown>][] => [
    ['users', 'query($p: ID) { users(partnerId: $p) { email } }', (v) => ({ p: v.id })],
    ['apiKeys', 'query($p: ID) { apiKeys(partnerId: $p) { id } }', (v) => ({ p: v.id })],
    [
      'usage',
      'query($p: ID) { usage(partnerId: $p, from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { group } }',
      (v) => ({ p: v.id }),
    ],
    ['quota', 'query($p: ID) { quota(partnerId: $p) { used } }', (v) => ({ p: v.id })],
    ['invoices', 'query($p: ID) { invoices(partnerId: $p) { id } }', (v) => ({ p: v.id })],
    ['invoice', 'query($id: ID!) { invoice(id: $id) { id totalCents } }', (v) => ({ id: v.invoiceId })],
    ['partner', 'query($id: ID!) { partner(id: $id) { id name } }', (v) => ({ id: v.id })],
    ['revokeApiKey', 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', (v) => ({ id: v.keyId })],
    ['rollApiKey', 'mutation($id: ID!) { rollApiKey(id: $id) { secret } }', (v) => ({ id: v.keyId })],
    [
      'createApiKey',
      'mutation($p: ID) { createApiKey(partnerId: $p, name: "x", scopes: ["matches:read"]) { secret } }',
      (v) => ({ p: v.id }),
    ],
    [
      'inviteUser',
      'mutation($p: ID) { inviteUser(email: "spy@b.example", role: DEVELOPER, partnerId: $p) { token } }',
      (v) => ({ p: v.id }),
    ],
    [
      'generateInvoice',
      'mutation($p: ID!) { generateInvoice(partnerId: $p, period: "2026-02") { id } }',
      (v) => ({ p: v.id }),
    ],
    ['issueInvoice', 'mutation($id: ID!) { issueInvoice(id: $id) { id } }', (v) => ({ id: v.invoiceId })],
    [
      'markInvoicePaid',
      'mutation($id: ID!) { markInvoicePaid(id: $id) { id } }',
      (v) => ({ id: v.invoiceId }),
    ],
    [
      'recordPayment',
      'mutation($id: ID!) { recordPayment(invoiceId: $id, amountCents: 1, paidOn: "2026-03-01", reference: "x") { id } }',
      (v) => ({ id: v.invoiceId }),
    ],
    [
      'setBillingProfile',
      'mutation($p: ID) { setBillingProfile(partnerId: $p, input: { name: "Spy", addressLines: ["x"], country: "GB", email: "s@b.example" }) { partnerId } }',
      (v) => ({ p: v.id }),
    ],
    [
      'changePartnerPlan',
      'mutation($p: ID!) { changePartnerPlan(partnerId: $p, planId: "plan_free") { id } }',
      (v) => ({ p: v.id }),
    ],
    [
      '_entities',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id name } } }',
      (v) => ({
        r: [{ __typename: 'Partner', id: v.id }],
      }),
    ],
  ];

  describe.each([
    ['a portal session', () => partners.b.session],
    [
      'a principal signed by the gateway',
      () =>
        billing.asGateway({
          partnerId: partners.b.id,
          keyId: partners.b.keyId,
          role: 'developer',
          scopes: ['billing:read'],
        }),
    ],
  ])('partner b with %s', (_, headers) => {
    it.each(crossTenantCalls())('cannot reach partner a through %s', async (field, query, variables) => {
      const result = await billing.gql(query, variables(partners.a), headers());
      if (field === '_entities') {
        expect(result.data).toEqual({ _entities: [null] });
      } else {
        forbiddenOrEmpty(result, field);
      }
    });

    it('sees its own data, and only its own', async () => {
      const result = await billing.gql<{
        partners: { id: string }[];
        apiKeys: { id: string }[];
        invoices: { id: string }[];
        quota: { used: number };
      }>(
        '{ partners { id } apiKeys { id } invoices { id } quota(at: "2026-02-10T00:00:00Z") { used } }',
        {},
        headers(),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        partners: [{ id: partners.b.id }],
        apiKeys: [{ id: partners.b.keyId }],
        invoices: [{ id: partners.b.invoiceId }],
        quota: { used: 1 },
      });
    });

    it('cannot open the business dashboards', async () => {
      const result = await billing.gql('{ topCustomersBySales { total } }', {}, headers());
      expect(codeOf(result)).toBe('FORBIDDEN');
    });
  });

  it('left partner a untouched', async () => {
    const result = await billing.gql<{
      apiKeys: { id: string; revokedAt: string | null }[];
      invoice: { status: string };
      partner: { plan: { id: string } };
    }>(
      'query($p: ID!, $i: ID!) { apiKeys(partnerId: $p) { id revokedAt } invoice(id: $i) { status } partner(id: $p) { plan { id } } }',
      { p: partners.a.id, i: partners.a.invoiceId },
      admin,
    );
    expect(result.data).toEqual({
      apiKeys: [{ id: partners.a.keyId, revokedAt: null }],
      invoice: { status: 'ISSUED' },
      partner: { plan: { id: 'plan_pro' } },
    });
    const users = await billing.gql<{ users: { email: string }[] }>(
      'query($p: ID) { users(partnerId: $p) { email } }',
      { p: partners.a.id },
      admin,
    );
    expect(users.data?.users).toEqual([{ email: 'dev@a.example' }]);
  });

  it('treats an unsigned, anonymous or tampered principal as no principal', async () => {
    const signed = billing.asGateway({ partnerId: partners.b.id, role: 'developer', scopes: [] });
    const [body, mac] = signed['x-meridian-principal']!.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, role: 'admin', partnerId: null })).toString(
      'base64url',
    );
    const attempts: Record<string, string>[] = [
      { 'x-meridian-principal': `${forged}.${mac}` },
      {},
      // The gateway's anonymous caller: validly signed, but nobody.
      billing.asGateway({ scopes: ['billing:read'] }),
    ];
    for (const headers of attempts) {
      expect(codeOf(await billing.gql('{ apiKeys { id } }', {}, headers))).toBe('UNAUTHENTICATED');
      expect(codeOf(await billing.gql('{ partners { id } }', {}, headers))).toBe('UNAUTHENTICATED');
    }
  });
});
