/**
 * Managing a partner's account takes a scope of its own: a key made to read data cannot mint, roll or revoke
 * keys, invite or list people, or change the safelist, and a key that may manage keys cannot make one that
 * does more than itself. Billing checks this itself, so a principal the gateway signed for such a key is
 * refused here too; portal sessions hold the management scopes by role.
 */
import { ADMIN_EMAIL, ADMIN_PASSWORD, codeOf, startBillingForTest, type BillingUnderTest } from './service';

const PASSWORD = 'Marmalade-Lantern-31';

describe('management scopes', () => {
  let billing: BillingUnderTest;
  let partnerId: string;
  let developer: Record<string, string>;
  let otherKeyId: string;

  /** A key of the partner, as the gateway signs it, with these scopes. */
  const key = (scopes: string[], keyId = 'key_caller') =>
    billing.asGateway({ partnerId, keyId, role: 'developer', scopes });

  const keyCount = async () => {
    const { data } = await billing.gql<{ apiKeys: unknown[] }>('{ apiKeys { id } }', {}, developer);
    return data!.apiKeys.length;
  };

  beforeAll(async () => {
    billing = await startBillingForTest();
    const admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await billing.gql<{ createPartner: { id: string } }>(
      'mutation { createPartner(name: "Managed Media", planId: "plan_pro") { id } }',
      {},
      admin,
    );
    partnerId = created.data!.createPartner.id;
    const invitation = await billing.gql<{ inviteUser: { token: string } }>(
      'mutation ($p: ID) { inviteUser(email: "dev@managed.example", role: DEVELOPER, partnerId: $p) { token } }',
      { p: partnerId },
      admin,
    );
    await billing.gql(
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Dev", password: $pw) { accessToken } }',
      { t: invitation.data!.inviteUser.token, pw: PASSWORD },
    );
    developer = await billing.signIn('dev@managed.example', PASSWORD);
    const other = await billing.gql<{ createApiKey: { key: { id: string } } }>(
      'mutation { createApiKey(name: "production", scopes: ["matches:read"]) { key { id } } }',
      {},
      developer,
    );
    otherKeyId = other.data!.createApiKey.key.id;
  });

  afterAll(() => billing?.close());

  it('refuses every account change to a key that only reads data, and writes nothing', async () => {
    const narrow = key(['matches:read']);
    const before = await keyCount();
    const attempts: [string, string, Record<string, unknown>][] = [
      [
        'createApiKey',
        'mutation { createApiKey(name: "mine now", scopes: ["matches:read", "telemetry:write", "billing:read"]) { secret } }',
        {},
      ],
      [
        'rollApiKey',
        'mutation ($id: ID!) { rollApiKey(id: $id, graceSeconds: 0) { secret } }',
        { id: otherKeyId },
      ],
      ['revokeApiKey', 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: otherKeyId }],
      [
        'setApiKeySafelistOnly',
        'mutation ($id: ID!) { setApiKeySafelistOnly(id: $id, safelistOnly: true) { id } }',
        { id: otherKeyId },
      ],
      [
        'inviteUser',
        'mutation { inviteUser(email: "attacker@evil.example", role: DEVELOPER) { token } }',
        {},
      ],
      ['users', '{ users { email } }', {}],
      [
        'registerOperations',
        'mutation { registerOperations(operations: [{ text: "{ teams { id } }" }]) { id } }',
        {},
      ],
      ['removeOperation', 'mutation { removeOperation(id: "x") }', {}],
    ];
    const outcomes = await Promise.all(
      attempts.map(async ([field, query, variables]) => {
        const result = await billing.gql(query, variables, narrow);
        return { field, code: codeOf(result), data: result.data };
      }),
    );
    // Refused before any resolver runs, by billing's check of the scopes its fields declare: no data at all.
    expect(outcomes).toEqual(attempts.map(([field]) => ({ field, code: 'FORBIDDEN', data: undefined })));
    expect(await keyCount()).toBe(before);
    const { data } = await billing.gql<{ apiKeys: { id: string; revokedAt: string | null }[] }>(
      '{ apiKeys { id revokedAt } }',
      {},
      developer,
    );
    expect(data!.apiKeys.find((k) => k.id === otherKeyId)?.revokedAt).toBeNull();
  });

  it('lets a key that manages keys create only keys within its own scopes', async () => {
    // billing:read to read back the keys it makes (ApiKey needs it), as through the gateway.
    const manager = key(['keys:manage', 'matches:read', 'billing:read']);
    const create = (scopes: string[]) =>
      billing.gql<{ createApiKey: { key: { scopes: string[] } } }>(
        'mutation ($s: [String!]!) { createApiKey(name: "made by a key", scopes: $s) { key { scopes } } }',
        { s: scopes },
        manager,
      );
    const before = await keyCount();
    expect(codeOf(await create(['matches:read', 'telemetry:write']))).toBe('FORBIDDEN');
    expect(codeOf(await create(['matches:read', 'users:manage']))).toBe('FORBIDDEN');
    expect(await keyCount()).toBe(before);
    const made = await create(['matches:read']);
    expect(made.data?.createApiKey.key.scopes).toEqual(['matches:read']);
    const successor = await create(['keys:manage', 'matches:read']);
    expect(successor.data?.createApiKey.key.scopes).toEqual(['keys:manage', 'matches:read']);
  });

  it("gives portal sessions the management scopes by role, and any plan's keys may carry them", async () => {
    const made = await billing.gql<{ createApiKey: { key: { scopes: string[] } } }>(
      'mutation { createApiKey(name: "deploy tooling", scopes: ["keys:manage", "safelist:write"]) { key { scopes } } }',
      {},
      developer,
    );
    expect(made.data?.createApiKey.key.scopes).toEqual(['keys:manage', 'safelist:write']);
    const users = await billing.gql<{ users: { email: string }[] }>('{ users { email } }', {}, developer);
    expect(users.data?.users.map((u) => u.email)).toEqual(['dev@managed.example']);
    const plan = await billing.gql<{ me: { partner: { plan: { keyScopes: string[] } } } }>(
      '{ me { partner { plan { keyScopes } } } }',
      {},
      developer,
    );
    expect(plan.data?.me.partner.plan.keyScopes).toEqual(
      expect.arrayContaining(['matches:read', 'keys:manage', 'users:manage', 'safelist:write']),
    );
  });
});
