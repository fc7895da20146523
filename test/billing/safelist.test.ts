/**
 * Safelists in billing over real HTTP: registering a batch of operations (checked whole, idempotent per
 * text), listing and removing them, who may manage whose list, the internal route the gateway reads them
 * from, the listing of every partner's operations a starting gateway plans, and keys that run only
 * safelisted operations.
 */
import { BILLING_ROUTES } from '@meridian/contracts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  codeOf,
  sha256,
  startBillingForTest,
  STARTUP_TIMEOUT_MS,
  type BillingUnderTest,
} from './service';

interface Operation {
  id: string;
  text: string;
  name: string | null;
  createdAt: string;
}

const TEAMS = 'query Teams { teams { name } }';
const MATCHES = 'query Matches { matches(first: 3) { id } }';
const REGISTER =
  'mutation($p: ID, $ops: [SafelistOperationInput!]!) { registerOperations(partnerId: $p, operations: $ops) { id text name createdAt } }';
const LIST = 'query($p: ID) { safelist(partnerId: $p) { id text name createdAt } }';

describe('safelists in billing', () => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;
  let partnerId: string;
  let otherPartnerId: string;

  beforeAll(async () => {
    billing = await startBillingForTest();
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const create = async (name: string) =>
      (
        await billing.gql<{ createPartner: { id: string } }>(
          'mutation($n: String!) { createPartner(name: $n, planId: "plan_pro") { id } }',
          { n: name },
          admin,
        )
      ).data!.createPartner.id;
    partnerId = await create('Safelist Media');
    otherPartnerId = await create('Other Media');
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => billing?.close());

  const list = async (headers = admin, p: string | null = partnerId) =>
    (await billing.gql<{ safelist: Operation[] }>(LIST, { p }, headers)).data?.safelist;

  it('registers a batch under the SHA-256 of each exact text, and again changes nothing', async () => {
    const first = await billing.gql<{ registerOperations: Operation[] }>(
      REGISTER,
      { p: partnerId, ops: [{ text: TEAMS, name: 'Teams' }, { text: MATCHES }] },
      admin,
    );
    expect(first.errors).toBeUndefined();
    const registered = first.data!.registerOperations;
    expect(registered.map((op) => op.id)).toEqual([sha256(TEAMS), sha256(MATCHES)]);
    expect(registered.map((op) => op.name)).toEqual(['Teams', null]);

    const again = await billing.gql<{ registerOperations: Operation[] }>(
      REGISTER,
      { p: partnerId, ops: [{ text: MATCHES, name: 'renamed' }] },
      admin,
    );
    expect(again.data!.registerOperations).toEqual([registered[1]]);
    expect(await list()).toEqual(expect.arrayContaining(registered));
    expect(await list()).toHaveLength(2);
  });

  it('refuses a batch with one bad operation whole, naming it, and writes nothing', async () => {
    const fresh = '{ plans { id } }';
    const result = await billing.gql(
      REGISTER,
      { p: partnerId, ops: [{ text: fresh }, { text: '{ teams { ' }, { text: 'fragment F on Team { id }' }] },
      admin,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'operations[1].text',
      problems: [
        { argument: 'operations[1].text', reason: expect.stringMatching(/not valid GraphQL/) },
        { argument: 'operations[2].text', reason: 'holds no operation' },
      ],
    });
    expect((await list())!.map((op) => op.text)).not.toContain(fresh);
  });

  it("lets a partner's developers manage their own list only", async () => {
    const developer = billing.asGateway({
      partnerId,
      keyId: 'key_dev',
      scopes: ['billing:read', 'safelist:write'],
    });
    const own = await billing.gql<{ registerOperations: Operation[] }>(
      REGISTER,
      { p: null, ops: [{ text: '{ me { email } }' }] },
      developer,
    );
    expect(own.errors).toBeUndefined();
    expect(await list(developer, null)).toHaveLength(3);

    const other = await billing.gql(REGISTER, { p: otherPartnerId, ops: [{ text: TEAMS }] }, developer);
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(codeOf(await billing.gql(LIST, { p: otherPartnerId }, developer))).toBe('FORBIDDEN');
    expect(await list(admin, otherPartnerId)).toEqual([]);

    const removed = await billing.gql<{ removeOperation: boolean }>(
      'mutation($id: ID!) { removeOperation(id: $id) }',
      { id: sha256('{ me { email } }') },
      developer,
    );
    expect(removed.data?.removeOperation).toBe(true);
    const twice = await billing.gql<{ removeOperation: boolean }>(
      'mutation($id: ID!) { removeOperation(id: $id) }',
      { id: sha256('{ me { email } }') },
      developer,
    );
    expect(twice.data?.removeOperation).toBe(false);
    expect(await list()).toHaveLength(2);
  });

  it("gives the gateway a partner's list through the internal route, and only with the token", async () => {
    const answer = await billing.internal(BILLING_ROUTES.safelistLookup, { partnerId });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      partnerId,
      operations: expect.arrayContaining([
        { id: sha256(TEAMS), text: TEAMS },
        { id: sha256(MATCHES), text: MATCHES },
      ]),
    });
    expect((await billing.internal(BILLING_ROUTES.safelistLookup, { partnerId }, 'wrong')).status).toBe(401);
  });

  it("lists every partner's operations once, newest first, within the limits asked, and only with the token", async () => {
    const newest = 'query Newest { competitions { id } }';
    // TEAMS goes on a second list too: it is listed once, where its latest registration puts it.
    for (const text of [TEAMS, newest]) {
      const registered = await billing.gql(REGISTER, { p: otherPartnerId, ops: [{ text }] }, admin);
      expect(registered.errors).toBeUndefined();
    }
    const listing = (body: unknown, token?: string) =>
      billing.internal(BILLING_ROUTES.safelistOperations, body, token);
    const all = await listing({});
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      operations: [newest, TEAMS, MATCHES].map((text) => ({ id: sha256(text), text })),
      truncated: false,
    });
    expect((await listing({ maxOperations: 2 })).body).toEqual({
      operations: [newest, TEAMS].map((text) => ({ id: sha256(text), text })),
      truncated: true,
    });
    // Whole operations only: the second one would go over the bytes asked for.
    expect((await listing({ maxBytes: Buffer.byteLength(newest) + 1 })).body).toEqual({
      operations: [{ id: sha256(newest), text: newest }],
      truncated: true,
    });
    const malformed = await listing({ maxOperations: 0 });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'maxOperations' }),
      }),
    ]);
    expect((await listing({}, 'wrong')).status).toBe(401);
  });

  it('marks keys safelist-only at creation and changes the mark, which the lookup reports at once', async () => {
    const created = await billing.gql<{
      createApiKey: { secret: string; key: { id: string; safelistOnly: boolean } };
    }>(
      'mutation($p: ID) { createApiKey(partnerId: $p, name: "prod", scopes: ["matches:read"], safelistOnly: true) { secret key { id safelistOnly } } }',
      { p: partnerId },
      admin,
    );
    const { secret, key } = created.data!.createApiKey;
    expect(key.safelistOnly).toBe(true);
    const lookup = () => billing.internal(BILLING_ROUTES.keyLookup, { hash: sha256(secret) });
    expect((await lookup()).body).toMatchObject({ keyId: key.id, safelistOnly: true });

    const changed = await billing.gql<{ setApiKeySafelistOnly: { safelistOnly: boolean } }>(
      'mutation($id: ID!) { setApiKeySafelistOnly(id: $id, safelistOnly: false) { safelistOnly } }',
      { id: key.id },
      admin,
    );
    expect(changed.data?.setApiKeySafelistOnly.safelistOnly).toBe(false);
    expect((await lookup()).body).toMatchObject({ keyId: key.id, safelistOnly: false });
  });
});
