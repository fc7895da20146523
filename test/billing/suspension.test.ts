/**
 * A suspended partner's people keep only what the documentation promises: they sign in and out, see their
 * keys and usage, and revoke keys; a session opened before the suspension is not renewed. The gateway learns it from the session lookup (billing reads only), and
 * billing itself refuses every other write on the partner's behalf with PARTNER_SUSPENDED, whether the call
 * comes with a portal session or through the gateway, and writes nothing. Admins are not limited.
 */
import { BILLING_ROUTES } from '@meridian/contracts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  codeOf,
  startBillingForTest,
  STARTUP_TIMEOUT_MS,
  type BillingUnderTest,
  type GqlResult,
} from './service';

const PASSWORD = 'Paused-Partner-2026';
const ALL_SCOPES = ['matches:read', 'telemetry:read', 'telemetry:write', 'billing:read'];
/** What a session holds besides its data scopes: managing its partner's keys, people, safelist and billing profile. */
const SESSION_SCOPES = [...ALL_SCOPES, 'keys:manage', 'users:manage', 'safelist:write', 'billing:manage'];
/** An admin's session holds every data scope, reading every operator's fleet data among them. */
const ADMIN_SCOPES = [
  'matches:read',
  'telemetry:read',
  'telemetry:write',
  'telemetry:catalog',
  'billing:read',
  'keys:manage',
  'users:manage',
  'safelist:write',
  'billing:manage',
];

describe("a suspended partner's developers", () => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;
  let partnerId: string;
  let developer: { accessToken: string; refreshToken: string; userId: string };
  let session: Record<string, string>;
  /**
   * The same developer's calls as the gateway forwards them, with a principal it signed before it learnt of
   * the suspension: every scope of a session, so that what refuses them is billing's own suspension check.
   */
  let viaGateway: Record<string, string>;
  let keyId: string;
  let operationId: string;
  /** An invitation sent before the suspension, to be accepted during it. */
  let pendingInvitation: string;

  const gql = <Data = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ) => billing.gql<Data>(query, variables, headers);
  const setSuspended = async (suspended: boolean) => {
    const result = await gql(
      `mutation($p: ID!) { ${suspended ? 'suspendPartner' : 'reactivatePartner'}(partnerId: $p, reason: "test of a status change") { id } }`,
      { p: partnerId },
      admin,
    );
    expect(result.errors).toBeUndefined();
  };
  const lookup = (accessToken: string) =>
    billing.internal(BILLING_ROUTES.sessionLookup, { token: accessToken });
  const invite = (email: string, headers: Record<string, string>) =>
    gql<{ inviteUser: { token: string } }>(
      'mutation($e: String!, $p: ID) { inviteUser(email: $e, role: DEVELOPER, partnerId: $p) { token } }',
      { e: email, p: partnerId },
      headers,
    );
  const accept = (token: string) =>
    billing.gql<{ acceptInvitation: { accessToken: string; refreshToken: string; user: { id: string } } }>(
      'mutation($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Dev", password: $pw) { accessToken refreshToken user { id } } }',
      { t: token, pw: PASSWORD },
    );
  const register = (text: string, headers: Record<string, string>) =>
    gql<{ registerOperations: { id: string }[] }>(
      'mutation($p: ID, $t: String!) { registerOperations(partnerId: $p, operations: [{ text: $t }]) { id } }',
      { p: partnerId, t: text },
      headers,
    );
  /** What the partner has, as its admin sees it: users, keys (with their secrets' visible parts), safelist. */
  const holdings = async () =>
    (
      await gql(
        `query($p: ID) {
          users(partnerId: $p) { id email }
          apiKeys(partnerId: $p) { id prefix lastFour safelistOnly revokedAt }
          safelist(partnerId: $p) { id }
        }`,
        { p: partnerId },
        admin,
      )
    ).data;

  beforeAll(async () => {
    billing = await startBillingForTest();
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await gql<{ createPartner: { id: string } }>(
      'mutation { createPartner(name: "Paused Media", planId: "plan_pro") { id } }',
      {},
      admin,
    );
    partnerId = created.data!.createPartner.id;
    const joined = (await accept((await invite('dev@paused.example', admin)).data!.inviteUser.token)).data!;
    developer = { ...joined.acceptInvitation, userId: joined.acceptInvitation.user.id };
    session = { authorization: `Bearer ${developer.accessToken}` };
    const granted = (await lookup(developer.accessToken)).body as { sessionId: string };
    viaGateway = billing.asGateway({
      partnerId,
      userId: developer.userId,
      sessionId: granted.sessionId,
      role: 'developer',
      scopes: SESSION_SCOPES,
    });
    const key = await gql<{ createApiKey: { key: { id: string } } }>(
      'mutation { createApiKey(name: "main", scopes: ["matches:read"]) { key { id } } }',
      {},
      session,
    );
    keyId = key.data!.createApiKey.key.id;
    operationId = (await register('{ teams { id } }', session)).data!.registerOperations[0]!.id;
    pendingInvitation = (await invite('later@paused.example', session)).data!.inviteUser.token;
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => billing?.close());

  it('are told to the gateway as suspended, with billing reads and revoking keys as their only scopes', async () => {
    expect((await lookup(developer.accessToken)).body).toMatchObject({
      partnerId,
      role: 'developer',
      scopes: SESSION_SCOPES,
      partnerSuspended: false,
    });
    await setSuspended(true);
    expect((await lookup(developer.accessToken)).body).toMatchObject({
      userId: developer.userId,
      partnerId,
      role: 'developer',
      scopes: ['billing:read', 'keys:manage'],
      partnerSuspended: true,
    });
    const adminToken = admin.authorization!.replace('Bearer ', '');
    expect((await lookup(adminToken)).body).toMatchObject({
      partnerId: null,
      role: 'admin',
      scopes: ADMIN_SCOPES,
      partnerSuspended: false,
    });
  });

  it('are refused every write on the partner’s behalf, with PARTNER_SUSPENDED, and nothing is written', async () => {
    const before = await holdings();
    const writes: [string, Record<string, unknown>][] = [
      [
        'mutation($p: ID) { registerOperations(partnerId: $p, operations: [{ text: "{ matches { id } }" }]) { id } }',
        { p: partnerId },
      ],
      ['mutation($id: ID!) { removeOperation(id: $id) }', { id: operationId }],
      [
        'mutation($p: ID) { inviteUser(email: "new@paused.example", role: DEVELOPER, partnerId: $p) { token } }',
        { p: partnerId },
      ],
      ['mutation { createApiKey(name: "more", scopes: ["matches:read"]) { secret } }', {}],
      ['mutation($id: ID!) { rollApiKey(id: $id) { secret } }', { id: keyId }],
      ['mutation($id: ID!) { setApiKeySafelistOnly(id: $id, safelistOnly: true) { id } }', { id: keyId }],
    ];
    for (const headers of [session, viaGateway]) {
      for (const [mutation, variables] of writes) {
        const refused: GqlResult = await gql(mutation, variables, headers);
        expect({ mutation, code: codeOf(refused), data: refused.data }).toEqual({
          mutation,
          code: 'PARTNER_SUSPENDED',
          data: null,
        });
        expect(refused.errors?.[0]?.extensions).toMatchObject({ partnerId });
      }
    }
    expect(await holdings()).toEqual(before);
  });

  it('cannot join the partner through an invitation sent before, until it is reactivated', async () => {
    const before = await holdings();
    expect(codeOf(await accept(pendingInvitation))).toBe('PARTNER_SUSPENDED');
    expect(await holdings()).toEqual(before);
  });

  it('still sign in and out, see their keys and usage, and revoke a key; a session from before is not renewed', async () => {
    const signedIn = await billing.signIn('dev@paused.example', PASSWORD);
    const read = await gql<{ me: { partner: { suspendedAt: string | null } }; apiKeys: { id: string }[] }>(
      `{ me { partner { suspendedAt } } apiKeys { id }
         quota(at: "2026-02-15T00:00:00Z") { used }
         usage(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { group } }`,
      {},
      signedIn,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.me.partner.suspendedAt).not.toBeNull();
    expect(read.data!.apiKeys.map((key) => key.id)).toEqual([keyId]);

    // A refresh token cannot carry a session across the suspension: it is refused, and its session ends.
    const renewed = await billing.gql<{ refreshSession: { accessToken: string } }>(
      'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
      { t: developer.refreshToken },
    );
    expect(codeOf(renewed)).toBe('PARTNER_SUSPENDED');
    expect(codeOf(await gql('{ me { email } }', {}, session))).toBe('UNAUTHENTICATED');

    const revoked = await gql<{ revokeApiKey: { revokedAt: string | null } }>(
      'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { id: keyId },
      viaGateway,
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();

    expect((await gql('mutation { logout }', {}, signedIn)).data).toEqual({ logout: true });
    expect(codeOf(await gql('{ me { email } }', {}, signedIn))).toBe('UNAUTHENTICATED');
  });

  it('leave admins free to act for the partner', async () => {
    const registered = await register('{ aircraft { id } }', admin);
    expect(registered.errors).toBeUndefined();
    const removed = await gql<{ removeOperation: boolean }>(
      'mutation($p: ID, $id: ID!) { removeOperation(partnerId: $p, id: $id) }',
      { p: partnerId, id: registered.data!.registerOperations[0]!.id },
      admin,
    );
    expect(removed.data).toEqual({ removeOperation: true });
  });

  it('get everything back once the partner is reactivated', async () => {
    await setSuspended(false);
    const signedIn = await billing.signIn('dev@paused.example', PASSWORD);
    const token = signedIn.authorization!.replace('Bearer ', '');
    expect((await lookup(token)).body).toMatchObject({ scopes: SESSION_SCOPES, partnerSuspended: false });
    expect((await register('{ matches { id } }', signedIn)).errors).toBeUndefined();
    expect((await accept(pendingInvitation)).errors).toBeUndefined();
  });
});
