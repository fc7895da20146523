/**
 * Billing decides with a portal user's role and partner as they stand, not as a token or the gateway's header
 * says they were at sign-in: a second admin demoted to a partner's developer (here, as an operator would, in
 * the database) loses the admin's reach on the next call once the short cache has passed, whether the call
 * carries the old access token or a principal the gateway signed with the old role.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { ADMIN_EMAIL, ADMIN_PASSWORD, codeOf, startBillingForTest, type BillingUnderTest } from './service';

const PASSWORD = 'Quartz-Meadow-Lantern-58';
/** Longer than billing remembers a user's row. */
const PAST_CACHE_MS = 2_500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("billing reads a portal user's current role and partner", () => {
  let billing: BillingUnderTest;
  let partnerId: string;

  const sql = (statement: string, ...values: unknown[]) => {
    const db = new Database(path.join(billing.dataDir, 'billing.sqlite'));
    try {
      db.prepare(statement).run(...values);
    } finally {
      db.close();
    }
  };

  /** Invites and signs in a user; returns their id and session headers. */
  const newUser = async (email: string, role: 'ADMIN' | 'DEVELOPER', partner: string | null) => {
    const admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const invitation = await billing.gql<{ inviteUser: { token: string } }>(
      'mutation ($e: String!, $r: Role!, $p: ID) { inviteUser(email: $e, role: $r, partnerId: $p) { token } }',
      { e: email, r: role, p: partner },
      admin,
    );
    const accepted = await billing.gql<{ acceptInvitation: { user: { id: string } } }>(
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Someone", password: $pw) { user { id } } }',
      { t: invitation.data!.inviteUser.token, pw: PASSWORD },
    );
    return { id: accepted.data!.acceptInvitation.user.id, session: await billing.signIn(email, PASSWORD) };
  };

  const createPartner = (headers: Record<string, string>, name: string) =>
    billing.gql<{ createPartner: { id: string } }>(
      'mutation ($n: String!) { createPartner(name: $n, planId: "plan_free") { id } }',
      { n: name },
      headers,
    );

  beforeAll(async () => {
    billing = await startBillingForTest();
    const admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    partnerId = (await createPartner(admin, 'Demoted Media')).data!.createPartner.id;
  });
  afterAll(() => billing?.close());

  it('a demoted admin loses admin reach with the old token and with an old signed principal', async () => {
    const second = await newUser('second.admin@meridian.example', 'ADMIN', null);
    const signed = billing.asGateway({
      userId: second.id,
      sessionId: 'ses_signed_before',
      role: 'admin',
      scopes: ['billing:read'],
    });
    expect(codeOf(await createPartner(second.session, 'Allowed While Admin'))).toBeUndefined();

    sql("update portal_user set role = 'developer', partner_id = ? where id = ?", partnerId, second.id);
    await sleep(PAST_CACHE_MS);

    expect(codeOf(await createPartner(second.session, 'After Demotion By Token'))).toBe('FORBIDDEN');
    expect(codeOf(await createPartner(signed, 'After Demotion By Header'))).toBe('FORBIDDEN');
    // As a developer now, the user sees their new partner.
    const me = await billing.gql<{ me: { partner: { id: string } | null } }>(
      '{ me { partner { id } } }',
      {},
      second.session,
    );
    expect(me.data!.me.partner).toEqual({ id: partnerId });
    const partners = await billing.gql<{ partners: { name: string }[] }>('{ partners { name } }', {}, signed);
    expect(partners.data?.partners?.map((p) => p.name)).toEqual(['Demoted Media']);
  });

  it("a developer moved to another partner reads that partner's account, not the old one", async () => {
    const admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const otherId = (await createPartner(admin, 'Receiving Media')).data!.createPartner.id;
    const developer = await newUser('mover@demoted.example', 'DEVELOPER', partnerId);
    const keysOf = async () =>
      billing.gql<{ apiKeys: { id: string }[] }>('{ apiKeys { id } }', {}, developer.session);
    await billing.gql(
      'mutation { createApiKey(name: "old partner key", scopes: ["billing:read"]) { key { id } } }',
      {},
      developer.session,
    );
    expect((await keysOf()).data!.apiKeys).toHaveLength(1);

    sql('update portal_user set partner_id = ? where id = ?', otherId, developer.id);
    await sleep(PAST_CACHE_MS);

    expect((await keysOf()).data!.apiKeys).toHaveLength(0);
  });
});
