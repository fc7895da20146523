/**
 * Accounts and API keys over real HTTP: sign-in, invitations, sessions (a reused refresh token ends its
 * session), key creation, listing, roll and revocation, the gateway's key lookup, and plan changes that take
 * effect at once.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { BILLING_ROUTES } from '@meridian/contracts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  codeOf,
  sha256,
  startBillingForTest,
  type BillingUnderTest,
  STARTUP_TIMEOUT_MS,
} from './service';

const PASSWORD = 'Tangerine-Bicycle-77';

describe('billing accounts and keys', () => {
  let billing: BillingUnderTest;
  let admin: Record<string, string>;
  let partnerId: string;

  beforeAll(async () => {
    billing = await startBillingForTest();
    admin = await billing.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = await billing.gql<{ createPartner: { id: string } }>(
      'mutation { createPartner(name: "Acme Data", planId: "plan_pro") { id } }',
      {},
      admin,
    );
    partnerId = created.data!.createPartner.id;
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => billing?.close());

  const invite = (email: string, headers = admin, id = partnerId) =>
    billing.gql<{ inviteUser: { token: string; expiresAt: string } }>(
      'mutation($email: String!, $partnerId: ID) { inviteUser(email: $email, role: DEVELOPER, partnerId: $partnerId) { token expiresAt } }',
      { email, partnerId: id },
      headers,
    );
  const accept = (token: string, password = PASSWORD) =>
    billing.gql<{
      acceptInvitation: { accessToken: string; refreshToken: string; user: { email: string; role: string } };
    }>(
      'mutation($token: String!, $password: String!) { acceptInvitation(token: $token, name: "Dev", password: $password) { accessToken refreshToken user { email role } } }',
      { token, password },
    );

  describe('sign-in and invitations', () => {
    it('refuses a wrong password and an unknown email alike', async () => {
      for (const [email, password] of [
        [ADMIN_EMAIL, 'not-the-password-1A'],
        ['nobody@example.com', ADMIN_PASSWORD],
      ]) {
        const result = await billing.gql(
          'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
          {
            e: email,
            p: password,
          },
        );
        expect(codeOf(result)).toBe('UNAUTHENTICATED');
      }
    });

    it('lets an invited developer join once, with a strong password', async () => {
      const invitation = await invite('dev@acme.example');
      const token = invitation.data!.inviteUser.token;
      expect(new Date(invitation.data!.inviteUser.expiresAt).getTime()).toBeGreaterThan(Date.now());

      const weak = await accept(token, 'password');
      expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'password' });

      // The weak attempt wrote nothing: the link still works.
      const joined = await accept(token);
      expect(joined.data?.acceptInvitation.user).toEqual({ email: 'dev@acme.example', role: 'DEVELOPER' });

      const again = await accept(token);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'token' });
      expect(again.errors?.[0]?.message).toMatch(/already been used/);

      const me = await billing.gql<{ me: { email: string; partner: { id: string } } }>(
        '{ me { email partner { id } } }',
        {},
        {
          authorization: `Bearer ${joined.data!.acceptInvitation.accessToken}`,
        },
      );
      expect(me.data?.me).toEqual({ email: 'dev@acme.example', partner: { id: partnerId } });
    });

    it('refuses a duplicate email and an unknown partner', async () => {
      const duplicate = await invite('DEV@acme.example');
      expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'email' });
      const unknown = await invite('other@acme.example', admin, 'par_nope');
      expect(unknown.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'partnerId',
      });
    });

    it('refuses an expired invitation', async () => {
      const invitation = await invite('late@acme.example');
      const token = invitation.data!.inviteUser.token;
      // Age the invitation in the real database file, as three days passing would.
      const db = new Database(path.join(billing.dataDir, 'billing.sqlite'));
      db.prepare('update invitation set expires_at = ? where token_hash = ?').run(
        new Date(Date.now() - 1000).toISOString(),
        sha256(token),
      );
      db.close();
      const result = await accept(token);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'token' });
      expect(result.errors?.[0]?.message).toMatch(/expired/);
    });

    it('renews a session with its refresh token, and logging out ends it', async () => {
      const login = await billing.gql<{ login: { accessToken: string; refreshToken: string } }>(
        'mutation { login(email: "dev@acme.example", password: "Tangerine-Bicycle-77") { accessToken refreshToken } }',
      );
      const { refreshToken } = login.data!.login;
      const refresh = (token: string) =>
        billing.gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
          'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }',
          { t: token },
        );
      const renewed = await refresh(refreshToken);
      expect(renewed.data?.refreshSession.refreshToken).not.toBe(refreshToken);

      const headers = { authorization: `Bearer ${renewed.data!.refreshSession.accessToken}` };
      expect((await billing.gql('{ me { email } }', {}, headers)).data).toEqual({
        me: { email: 'dev@acme.example' },
      });
      expect((await billing.gql('mutation { logout }', {}, headers)).data).toEqual({ logout: true });
      expect(codeOf(await billing.gql('{ me { email } }', {}, headers))).toBe('UNAUTHENTICATED');
      expect(codeOf(await refresh(renewed.data!.refreshSession.refreshToken))).toBe('UNAUTHENTICATED');
    });

    it('ends the whole session when a used refresh token comes back: thief and owner sign in again', async () => {
      const login = await billing.gql<{ login: { accessToken: string; refreshToken: string } }>(
        'mutation { login(email: "dev@acme.example", password: "Tangerine-Bicycle-77") { accessToken refreshToken } }',
      );
      const other = await billing.signIn('dev@acme.example', PASSWORD);
      const refresh = (token: string) =>
        billing.gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
          'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }',
          { t: token },
        );
      const stolen = login.data!.login.refreshToken;
      const second = (await refresh(stolen)).data!.refreshSession;
      const third = (await refresh(second.refreshToken)).data!.refreshSession;
      const accessTokens = [login.data!.login.accessToken, second.accessToken, third.accessToken];
      const me = (accessToken: string) =>
        billing.gql('{ me { email } }', {}, { authorization: `Bearer ${accessToken}` });
      expect((await me(third.accessToken)).errors).toBeUndefined();

      // A token two turns old comes back: whoever holds the newest one, the session is no longer trusted.
      expect(codeOf(await refresh(stolen))).toBe('UNAUTHENTICATED');
      expect(codeOf(await refresh(third.refreshToken))).toBe('UNAUTHENTICATED');
      for (const accessToken of accessTokens) {
        expect(codeOf(await me(accessToken))).toBe('UNAUTHENTICATED');
        expect((await billing.internal(BILLING_ROUTES.sessionLookup, { token: accessToken })).status).toBe(
          401,
        );
      }
      // The user's other sessions are not that chain: they go on, and signing in again works.
      expect((await billing.gql('{ me { email } }', {}, other)).errors).toBeUndefined();
      const again = await billing.signIn('dev@acme.example', PASSWORD);
      expect((await billing.gql('{ me { email } }', {}, again)).errors).toBeUndefined();
    });

    it('refuses an unknown plan', async () => {
      const result = await billing.gql(
        'mutation { createPartner(name: "X", planId: "plan_gold") { id } }',
        {},
        admin,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'planId' });
      const change = await billing.gql(
        'mutation($p: ID!) { changePartnerPlan(partnerId: $p, planId: "plan_gold") { id } }',
        { p: partnerId },
        admin,
      );
      expect(change.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'planId' });
    });
  });

  describe('API keys', () => {
    let developer: Record<string, string>;
    const lookup = (secret: string) => billing.internal(BILLING_ROUTES.keyLookup, { hash: sha256(secret) });
    const create = (scopes: string[]) =>
      billing.gql<{
        createApiKey: {
          secret: string;
          key: { id: string; prefix: string; lastFour: string; scopes: string[] };
        };
      }>(
        'mutation($scopes: [String!]!) { createApiKey(name: "ci", scopes: $scopes) { secret key { id prefix lastFour scopes } } }',
        { scopes },
        developer,
      );

    beforeAll(async () => {
      developer = await billing.signIn('dev@acme.example', PASSWORD);
    });

    it('creates a key whose secret is shown once and listed only by prefix and last four', async () => {
      const { data } = await create(['matches:read', 'billing:read']);
      const { secret, key } = data!.createApiKey;
      expect(secret).toMatch(/^mer_live_[0-9A-Za-z]{30}_[0-9A-Za-z]{6}$/);
      expect(secret.startsWith(key.prefix)).toBe(true);
      expect(secret.endsWith(key.lastFour)).toBe(true);
      const list = await billing.gql(
        '{ apiKeys { id prefix lastFour scopes createdAt lastUsedAt expiresAt } }',
        {},
        developer,
      );
      expect(JSON.stringify(list)).not.toContain(secret.slice(13, -6));
      expect(list.data).toMatchObject({
        apiKeys: [{ id: key.id, scopes: ['billing:read', 'matches:read'], lastUsedAt: null }],
      });
      // Only the hash is in the database.
      const db = new Database(path.join(billing.dataDir, 'billing.sqlite'), { readonly: true });
      const row = db.prepare('select * from api_key where id = ?').get(key.id) as Record<string, unknown>;
      db.close();
      expect(row.hash).toBe(sha256(secret));
      expect(JSON.stringify(row)).not.toContain(secret);
    });

    it('refuses scopes the plan does not allow', async () => {
      const result = await create(['admin:everything']);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'scopes' });
    });

    it('resolves a key hash to partner, plan and scopes for the gateway, and only for it', async () => {
      const { secret, key } = (await create(['matches:read'])).data!.createApiKey;
      const found = await lookup(secret);
      expect(found.status).toBe(200);
      expect(found.body).toMatchObject({
        keyId: key.id,
        partnerId,
        scopes: ['matches:read'],
        plan: { id: 'plan_pro', monthlyQuota: 1_000_000, overage: true },
      });
      expect(
        (await billing.internal(BILLING_ROUTES.keyLookup, { hash: sha256(secret) }, 'wrong-token')).status,
      ).toBe(401);
      const unknown = await lookup(`${secret}x`);
      expect(unknown.status).toBe(401);
      expect(unknown.body).toMatchObject({
        errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'unknown' } }],
      });
    });

    it('rolls a key: the new secret works, the old one only during the grace period', async () => {
      const first = (await create(['matches:read'])).data!.createApiKey;
      const roll = (grace: number) =>
        billing.gql<{ rollApiKey: { secret: string } }>(
          'mutation($id: ID!, $grace: Int) { rollApiKey(id: $id, graceSeconds: $grace) { secret } }',
          { id: first.key.id, grace },
          developer,
        );
      const second = (await roll(3600)).data!.rollApiKey.secret;
      expect(second).not.toBe(first.secret);
      expect((await lookup(second)).status).toBe(200);
      expect((await lookup(first.secret)).status).toBe(200);
      const third = (await roll(0)).data!.rollApiKey.secret;
      expect((await lookup(third)).status).toBe(200);
      expect((await lookup(second)).body).toMatchObject({ errors: [{ extensions: { reason: 'expired' } }] });
      expect((await lookup(first.secret)).status).toBe(401);
    });

    it('revokes a key at once', async () => {
      const { secret, key } = (await create(['matches:read'])).data!.createApiKey;
      expect((await lookup(secret)).status).toBe(200);
      const revoked = await billing.gql(
        'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
        { id: key.id },
        developer,
      );
      expect(revoked.errors).toBeUndefined();
      expect((await lookup(secret)).body).toMatchObject({ errors: [{ extensions: { reason: 'revoked' } }] });
    });

    it('gives a suspended partner no new or rolled secrets, and gives them again after reactivation', async () => {
      const { key } = (await create(['matches:read'])).data!.createApiKey;
      const roll = () =>
        billing.gql('mutation($id: ID!) { rollApiKey(id: $id) { secret } }', { id: key.id }, developer);
      const setSuspended = (suspended: boolean) =>
        billing.gql(
          `mutation($p: ID!) { ${suspended ? 'suspendPartner' : 'reactivatePartner'}(partnerId: $p, reason: "test of a status change") { id } }`,
          { p: partnerId },
          admin,
        );
      const keysBefore = await billing.gql<{ apiKeys: unknown[] }>(
        '{ apiKeys { id prefix lastFour } }',
        {},
        developer,
      );

      expect((await setSuspended(true)).errors).toBeUndefined();
      for (const refused of [await create(['matches:read']), await roll()]) {
        expect(refused.data).toBeNull();
        expect(refused.errors?.[0]?.message).toMatch(/^Acme Data is suspended since /);
        expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'PARTNER_SUSPENDED', partnerId });
      }
      // Nothing was written: the same keys, and the old secret still the key's.
      const keysDuring = await billing.gql<{ apiKeys: unknown[] }>(
        '{ apiKeys { id prefix lastFour } }',
        {},
        developer,
      );
      expect(keysDuring.data).toEqual(keysBefore.data);

      expect((await setSuspended(false)).errors).toBeUndefined();
      expect((await create(['matches:read'])).errors).toBeUndefined();
      expect((await roll()).errors).toBeUndefined();
    });

    it('applies a plan change to the next lookup', async () => {
      const { secret } = (await create(['matches:read'])).data!.createApiKey;
      expect((await lookup(secret)).body).toMatchObject({ plan: { id: 'plan_pro' } });
      await billing.gql(
        'mutation($p: ID!) { changePartnerPlan(partnerId: $p, planId: "plan_enterprise") { id } }',
        { p: partnerId },
        admin,
      );
      expect((await lookup(secret)).body).toMatchObject({
        plan: { id: 'plan_enterprise', monthlyQuota: 50_000_000 },
      });
      await billing.gql(
        'mutation($p: ID!) { changePartnerPlan(partnerId: $p, planId: "plan_pro") { id } }',
        { p: partnerId },
        admin,
      );
      expect((await lookup(secret)).body).toMatchObject({ plan: { id: 'plan_pro' } });
    });
  });
});

describe('last used', () => {
  it(
    'is written in batches, and at the latest when the service stops',
    async () => {
      const first = await startBillingForTest();
      const admin = await first.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
      const created = await first.gql<{ createApiKey: { secret: string; key: { id: string } } }>(
        'mutation { createApiKey(partnerId: "par_0001", name: "k", scopes: ["matches:read"]) { secret key { id } } }',
        {},
        admin,
      );
      const { secret } = created.data!.createApiKey;
      const before = Date.now();
      for (let i = 0; i < 20; i++)
        expect((await first.internal(BILLING_ROUTES.keyLookup, { hash: sha256(secret) })).status).toBe(200);
      await first.close();

      const again = await startBillingForTest({ dataDir: first.dataDir });
      const keys = await again.gql<{ apiKeys: { lastUsedAt: string | null }[] }>(
        '{ apiKeys(partnerId: "par_0001") { lastUsedAt } }',
        {},
        await again.signIn(ADMIN_EMAIL, ADMIN_PASSWORD),
      );
      await again.close();
      const lastUsed = new Date(keys.data!.apiKeys[0]!.lastUsedAt!).getTime();
      expect(lastUsed).toBeGreaterThanOrEqual(before);
      expect(lastUsed).toBeLessThanOrEqual(Date.now());
    },
    STARTUP_TIMEOUT_MS,
  );
});
