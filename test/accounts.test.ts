/**
 * Portal accounts and keys under attack, through the real gateway: the session cookie (rotated, replay ends
 * the session, refused from other sites, not renewed for a suspended partner), password resets and
 * invitations (single use, no account enumeration, rate limited), requests for access (no access until an
 * admin approves), and key scopes (never beyond the plan or the editor's own, never another partner's key).
 * Every refusal carries a catalog code and names what was wrong; no input gives a 5xx. Runs on SQLite, and on
 * PostgreSQL too when `DATABASE_URL` is set.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { subgraphNames } from '@meridian/stack';
import { DEVELOPMENT_ADMIN, post, query, signIn, startTestStack, type TestStack } from './support/platform';

const databaseUrl = process.env.DATABASE_URL;
const stores = databaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];
if (!databaseUrl) console.warn('DATABASE_URL is not set: test/accounts.test.ts runs on SQLite only');

/** Reset and access requests per address and hour, low so the limit is reached quickly. */
const REQUESTS_PER_HOUR = 3;
/** How long a gateway may keep trusting a session it checked (its session cache). */
const SESSION_CACHE_MS = 3_000;

type Body = Awaited<ReturnType<typeof post>>['body'];
const codeOf = (body: Body) => body.errors?.[0]?.extensions?.code;
const extensionsOf = (body: Body) => body.errors?.[0]?.extensions ?? {};

describe.each(stores)('portal accounts on %s', (store) => {
  const prefix = `test_${randomBytes(4).toString('hex')}_`;
  let stack: TestStack;
  let admin: Record<string, string>;
  let origin: string;

  const gql = (text: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    post(stack.graphqlUrl, { query: text, variables }, headers);

  /** The newest outbox message to `email` whose body matches `pattern`, waited for (mail goes out async). */
  const mailTo = async (email: string, pattern: RegExp): Promise<RegExpExecArray> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const { outbox } = await query<{ outbox: { recipient: string; body: string }[] }>(
        stack.graphqlUrl,
        '{ outbox(limit: 200) { recipient body } }',
        {},
        admin,
      );
      const found = outbox.filter((m) => m.recipient === email).map((m) => pattern.exec(m.body));
      if (found[0]) return found[0];
      if (Date.now() > deadline) throw new Error(`no mail to ${email} matching ${pattern}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const outboxCount = async (email: string) =>
    (
      await query<{ outbox: { recipient: string }[] }>(
        stack.graphqlUrl,
        '{ outbox(limit: 200) { recipient } }',
        {},
        admin,
      )
    ).outbox.filter((m) => m.recipient === email).length;

  /** A partner on `planId` with a developer who accepted an invitation; resolves to both. */
  const partnerWithDeveloper = async (name: string, email: string, password: string, planId = 'plan_pro') => {
    const { createPartner } = await query<{ createPartner: { id: string } }>(
      stack.graphqlUrl,
      'mutation ($n: String!, $p: ID!) { createPartner(name: $n, planId: $p) { id } }',
      { n: name, p: planId },
      admin,
    );
    const { inviteUser } = await query<{ inviteUser: { token: string } }>(
      stack.graphqlUrl,
      'mutation ($p: ID!, $e: String!) { inviteUser(partnerId: $p, email: $e, role: DEVELOPER) { token } }',
      { p: createPartner.id, e: email },
      admin,
    );
    await query(
      stack.graphqlUrl,
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Dev", password: $pw) { expiresAt } }',
      { t: inviteUser.token, pw: password },
      {},
    );
    return { partnerId: createPartner.id, session: await signIn(stack.graphqlUrl, { email, password }) };
  };

  /** Signs in as a browser page does: the refresh token comes back as a cookie, not in the body. */
  const cookieSignIn = async (email: string, password: string, pageOrigin = origin) => {
    const answer = await post<{ login: { accessToken: string; refreshToken: string } }>(
      stack.graphqlUrl,
      {
        query:
          'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }',
        variables: { e: email, p: password },
      },
      { 'x-meridian-session': 'cookie', origin: pageOrigin },
    );
    expect(answer.body.errors).toBeUndefined();
    return { answer, cookie: cookieOf(answer.headers) };
  };
  const cookieOf = (headers: Headers) =>
    /meridian_refresh=([^;]*)/.exec(headers.get('set-cookie') ?? '')?.[1];
  const refresh = (cookie: string | undefined, headers: Record<string, string> = { origin }) =>
    fetch(`${stack.urls.gateway}/auth/refresh`, {
      method: 'POST',
      headers: { ...(cookie ? { cookie: `meridian_refresh=${cookie}` } : {}), ...headers },
    });
  /** Polls until `check` holds (a gateway trusts a checked session for a few seconds). */
  const eventually = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + SESSION_CACHE_MS + 2_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('the condition did not hold in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        ANONYMOUS_SCOPES: '',
        ACCOUNT_REQUESTS_PER_HOUR: String(REQUESTS_PER_HOUR),
        // Every request here comes from one address: its sign-in budget is not what is under test.
        LOGIN_ATTEMPTS_PER_MINUTE: '10000',
        ...(store === 'postgres' ? { DATABASE_URL: databaseUrl!, DATABASE_SCHEMA_PREFIX: prefix } : {}),
      },
    });
    origin = stack.urls.gateway;
    admin = await signIn(stack.graphqlUrl, DEVELOPMENT_ADMIN);
  });
  afterAll(async () => {
    await stack?.close();
    if (store !== 'postgres') return;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const name of subgraphNames) await client.query(`drop schema if exists "${prefix}${name}" cascade`);
    await client.end();
  });

  describe('the session cookie', () => {
    const dev = { email: 'cookie@accounts.example', password: 'Violet-Compass-2026!' };
    beforeAll(() => partnerWithDeveloper('Cookie Works', dev.email, dev.password));

    it('holds the refresh token HttpOnly, SameSite=Strict on /auth, never in the body, Secure over https', async () => {
      const { answer, cookie } = await cookieSignIn(dev.email, dev.password);
      expect(answer.body.data?.login.refreshToken).toBe('');
      expect(cookie).toMatch(/^[\w-]{40,}$/);
      const attributes = answer.headers.get('set-cookie')!.split(/;\s*/).slice(1);
      expect(attributes).toEqual(expect.arrayContaining(['Path=/auth', 'HttpOnly', 'SameSite=Strict']));
      expect(attributes).not.toContain('Secure');
      const https = await cookieSignIn(dev.email, dev.password, origin.replace('http:', 'https:'));
      expect(https.answer.headers.get('set-cookie')!.split(/;\s*/)).toContain('Secure');

      // A script or another client without the header keeps getting the token in the body, and no cookie.
      const plain = await post<{ login: { refreshToken: string } }>(stack.graphqlUrl, {
        query: `mutation { login(email: "${dev.email}", password: "${dev.password}") { refreshToken } }`,
      });
      expect(plain.body.data?.login.refreshToken).toMatch(/^[\w-]{40,}$/);
      expect(plain.headers.get('set-cookie')).toBeNull();
    });

    it('rotates on every refresh; a replayed old cookie ends the whole session', async () => {
      const { cookie: first } = await cookieSignIn(dev.email, dev.password);
      const renewed = await refresh(first);
      expect(renewed.status).toBe(200);
      const { accessToken } = (await renewed.json()) as { accessToken: string };
      const second = cookieOf(renewed.headers);
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      const me = await gql('{ me { email } }', {}, { authorization: `Bearer ${accessToken}` });
      expect(me.body.data).toEqual({ me: { email: dev.email } });

      // The first cookie, copied by a thief and sent again: refused, and the session it began is over.
      const replay = await refresh(first);
      expect(replay.status).toBe(401);
      expect(codeOf((await replay.json()) as Body)).toBe('UNAUTHENTICATED');
      expect(replay.headers.get('set-cookie')).toMatch(/^meridian_refresh=;.*Max-Age=0/);
      const owner = await refresh(second);
      expect(owner.status).toBe(401);
      await eventually(async () => {
        const after = await gql('{ me { email } }', {}, { authorization: `Bearer ${accessToken}` });
        return codeOf(after.body) === 'UNAUTHENTICATED';
      });
    });

    it('refuses a refresh from another site, or with no Origin, or with no cookie', async () => {
      const { cookie } = await cookieSignIn(dev.email, dev.password);
      for (const headers of [{ origin: 'https://evil.example' }, {}, { origin: 'null' }] as Record<
        string,
        string
      >[]) {
        const answer = await refresh(cookie, headers);
        expect({ headers, status: answer.status }).toEqual({ headers, status: 403 });
        const body = (await answer.json()) as Body;
        expect({ code: codeOf(body), reason: extensionsOf(body).reason }).toEqual({
          code: 'FORBIDDEN',
          reason: 'cross-origin',
        });
      }
      // The cookie was not spent by those attempts.
      expect((await refresh(cookie)).status).toBe(200);
      const none = await refresh(undefined);
      expect(none.status).toBe(401);
      expect(extensionsOf((await none.json()) as Body).reason).toBe('no-session');
      const junk = await refresh('not-a-token');
      expect(junk.status).toBe(401);
    });

    it('ends the session at logout, and the cookie with it', async () => {
      const { cookie } = await cookieSignIn(dev.email, dev.password);
      const crossSite = await fetch(`${stack.urls.gateway}/auth/logout`, {
        method: 'POST',
        headers: { cookie: `meridian_refresh=${cookie}`, origin: 'https://evil.example' },
      });
      expect(crossSite.status).toBe(403);
      const logout = await fetch(`${stack.urls.gateway}/auth/logout`, {
        method: 'POST',
        headers: { cookie: `meridian_refresh=${cookie}`, origin },
      });
      expect(logout.status).toBe(200);
      expect(logout.headers.get('set-cookie')).toMatch(/Max-Age=0/);
      expect((await refresh(cookie)).status).toBe(401);
    });

    it("does not renew a session opened before its partner's suspension", async () => {
      const suspended = { email: 'paused@accounts.example', password: 'Amber-Rocket-2026!' };
      const { partnerId } = await partnerWithDeveloper('Paused Cookies', suspended.email, suspended.password);
      const { cookie } = await cookieSignIn(suspended.email, suspended.password);
      await query(
        stack.graphqlUrl,
        'mutation ($p: ID!) { suspendPartner(partnerId: $p, reason: "test of a suspension") { id } }',
        { p: partnerId },
        admin,
      );
      const answer = await refresh(cookie);
      expect(answer.status).toBe(403);
      expect(codeOf((await answer.json()) as Body)).toBe('PARTNER_SUSPENDED');
      expect(answer.headers.get('set-cookie')).toMatch(/Max-Age=0/);
      // Signed in again while suspended, the session reads what a suspended partner may, and is renewed.
      const { cookie: after } = await cookieSignIn(suspended.email, suspended.password);
      expect((await refresh(after)).status).toBe(200);
      // Reactivated, the old cookie stays dead: its session was ended.
      await query(
        stack.graphqlUrl,
        'mutation ($p: ID!) { reactivatePartner(partnerId: $p, reason: "test of a reactivation") { id } }',
        { p: partnerId },
        admin,
      );
      expect((await refresh(cookie)).status).toBe(401);
    });
  });

  describe('password resets', () => {
    const dev = { email: 'forgetful@accounts.example', password: 'Silver-Otter-2026!' };
    const NEW_PASSWORD = 'Remembered-Pass-2027!';
    beforeAll(() => partnerWithDeveloper('Forgetful Ltd', dev.email, dev.password));
    const ask = (email: string) =>
      gql('mutation ($e: String!) { requestPasswordReset(email: $e) }', { e: email });
    const reset = (token: string, password: string) =>
      gql('mutation ($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { accessToken } }', {
        t: token,
        p: password,
      });

    it('answers an unknown address exactly as a known one, and mails only the known one', async () => {
      const known = await ask(dev.email);
      const unknown = await ask('nobody-here@accounts.example');
      expect(unknown.status).toBe(known.status);
      expect(unknown.body).toEqual(known.body);
      expect(known.body.data).toEqual({ requestPasswordReset: true });
      await mailTo(dev.email, /reset\?token=(\S+)/);
      expect(await outboxCount('nobody-here@accounts.example')).toBe(0);
    });

    it('sets the new password with the link once, and ends the sessions opened before', async () => {
      const before = await signIn(stack.graphqlUrl, dev);
      const { cookie } = await cookieSignIn(dev.email, dev.password);
      const [, token] = await mailTo(dev.email, /reset\?token=(\S+)/);
      const weak = await reset(token!, 'weak');
      expect({ code: codeOf(weak.body), argument: extensionsOf(weak.body).argument }).toEqual({
        code: 'BAD_USER_INPUT',
        argument: 'password',
      });
      const done = await reset(token!, NEW_PASSWORD);
      expect(done.body.errors).toBeUndefined();
      const replay = await reset(token!, 'Yet-Another-Pass-2028!');
      expect(extensionsOf(replay.body)).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'token',
        reason: 'used',
      });

      const old = await gql(
        'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { e: dev.email, p: dev.password },
      );
      expect(codeOf(old.body)).toBe('UNAUTHENTICATED');
      await signIn(stack.graphqlUrl, { email: dev.email, password: NEW_PASSWORD });
      expect((await refresh(cookie)).status).toBe(401);
      await eventually(
        async () => codeOf((await gql('{ me { email } }', {}, before)).body) === 'UNAUTHENTICATED',
      );
    });

    it('limits requests per address, known or not, the same way', async () => {
      const seen: unknown[] = [];
      for (const email of ['limited@accounts.example', 'limited-nobody@accounts.example']) {
        if (email.startsWith('limited@'))
          await partnerWithDeveloper('Limited Ltd', email, 'Quiet-Meadow-2026!');
        const answers = [];
        for (let i = 0; i <= REQUESTS_PER_HOUR; i += 1) answers.push(await ask(email));
        expect(answers.slice(0, REQUESTS_PER_HOUR).map((a) => a.body.data)).toEqual(
          Array(REQUESTS_PER_HOUR).fill({ requestPasswordReset: true }),
        );
        const last = answers[REQUESTS_PER_HOUR]!;
        expect(last.status).toBeLessThan(500);
        expect(extensionsOf(last.body)).toMatchObject({
          code: 'RATE_LIMITED',
          limit: 'account-requests',
          retryAfter: expect.any(Number),
        });
        seen.push(answers.map((a) => ({ status: a.status, data: a.body.data, code: codeOf(a.body) })));
      }
      // Known or not, the address gets the very same answers.
      expect(seen[1]).toEqual(seen[0]);
      // A refused reset request never locks the owner out of signing in.
      await signIn(stack.graphqlUrl, { email: 'limited@accounts.example', password: 'Quiet-Meadow-2026!' });
    });

    it('refuses made-up tokens and malformed input with codes, never a 5xx', async () => {
      const attempts = [
        reset('made-up-token', NEW_PASSWORD),
        reset('', NEW_PASSWORD),
        ask('not an address'),
        ask('x'.repeat(10_000)),
        gql('query ($t: String!) { invitation(token: $t) { email } }', { t: 'made-up' }),
      ];
      for (const answer of await Promise.all(attempts)) {
        expect(answer.status).toBeLessThan(500);
        expect(['BAD_USER_INPUT', 'BAD_REQUEST']).toContain(codeOf(answer.body));
        expect(extensionsOf(answer.body).argument).toEqual(expect.any(String));
      }
    });
  });

  describe('requests for access', () => {
    const requester = { email: 'newcomer@accounts.example', password: 'Copper-Kettle-2026!' };
    const requestAccess = (email: string, organisation = 'Newcomer Analytics') =>
      gql(
        'mutation ($o: String!, $n: String!, $e: String!, $u: String) { requestAccess(organisation: $o, name: $n, email: $e, useCase: $u) }',
        { o: organisation, n: 'Nia Newcomer', e: email, u: 'Live match centre' },
      );
    type Request = { id: string; email: string; status: string; organisation: string };
    const pendingOf = async (email: string) =>
      (
        await query<{ accessRequests: Request[] }>(
          stack.graphqlUrl,
          '{ accessRequests(status: PENDING) { id email status organisation } }',
          {},
          admin,
        )
      ).accessRequests.filter((request) => request.email === email);

    it('grants nothing until approved, then invites the requester, whose link names the organisation', async () => {
      expect((await requestAccess(requester.email)).body.data).toEqual({ requestAccess: true });
      const [pending] = await pendingOf(requester.email);
      expect(pending).toMatchObject({ status: 'PENDING', organisation: 'Newcomer Analytics' });
      const login = await gql(
        'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        { e: requester.email, p: requester.password },
      );
      expect(codeOf(login.body)).toBe('UNAUTHENTICATED');
      expect(await outboxCount(requester.email)).toBe(0);

      // Only the business team sees and decides requests.
      const { session: outsider } = await partnerWithDeveloper(
        'Nosy Ltd',
        'nosy@accounts.example',
        'Granite-Owl-2026!',
      );
      const peek = await gql('{ accessRequests { id } }', {}, outsider);
      expect(codeOf(peek.body)).toBe('FORBIDDEN');
      const selfApprove = await gql(
        'mutation ($id: ID!) { approveAccessRequest(id: $id, planId: "plan_enterprise") { request { id } } }',
        { id: pending!.id },
        outsider,
      );
      expect(codeOf(selfApprove.body)).toBe('FORBIDDEN');

      const approved = await gql(
        'mutation ($id: ID!) { approveAccessRequest(id: $id, planId: "plan_free") { request { status } } }',
        { id: pending!.id },
        admin,
      );
      expect(approved.body.data).toEqual({ approveAccessRequest: { request: { status: 'APPROVED' } } });
      const again = await gql(
        'mutation ($id: ID!) { approveAccessRequest(id: $id, planId: "plan_free") { request { status } } }',
        { id: pending!.id },
        admin,
      );
      expect(extensionsOf(again.body)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'approved' });

      const [, token] = await mailTo(requester.email, /accept\?token=(\S+)/);
      const preview = await gql('query ($t: String!) { invitation(token: $t) { email organisation role } }', {
        t: token,
      });
      expect(preview.body.data).toEqual({
        invitation: { email: requester.email, organisation: 'Newcomer Analytics', role: 'DEVELOPER' },
      });
      const accept = (password: string) =>
        gql(
          'mutation ($t: String!, $p: String!) { acceptInvitation(token: $t, name: "Nia", password: $p) { expiresAt } }',
          {
            t: token,
            p: password,
          },
        );
      expect((await accept(requester.password)).body.errors).toBeUndefined();
      expect(extensionsOf((await accept('Second-Try-Pass-2026!')).body)).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'token',
      });
      const usedPreview = await gql('query ($t: String!) { invitation(token: $t) { email } }', { t: token });
      expect(extensionsOf(usedPreview.body)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'used' });
      await signIn(stack.graphqlUrl, requester);
    });

    it('is limited per address, and refuses bad fields by name', async () => {
      const email = 'spammer@accounts.example';
      for (let i = 0; i < REQUESTS_PER_HOUR; i += 1) {
        expect((await requestAccess(email, `Spam ${i}`)).body.errors).toBeUndefined();
      }
      const over = await requestAccess(email, 'Spam again');
      expect({ serverError: over.status >= 500, code: codeOf(over.body) }).toEqual({
        serverError: false,
        code: 'RATE_LIMITED',
      });
      expect(await pendingOf(email)).toHaveLength(REQUESTS_PER_HOUR);

      const blank = await requestAccess('blank@accounts.example', '   ');
      expect(extensionsOf(blank.body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'organisation' });
      const long = await requestAccess('long@accounts.example', 'x'.repeat(201));
      expect(extensionsOf(long.body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'organisation' });
      const badEmail = await requestAccess('not-an-email');
      expect(extensionsOf(badEmail.body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'email' });
      const unknown = await gql('mutation { declineAccessRequest(id: "acr_nope") { id } }', {}, admin);
      expect(extensionsOf(unknown.body)).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
    });
  });

  describe('key scopes', () => {
    const KEY =
      'mutation ($s: [String!]!, $n: String!) { createApiKey(name: $n, scopes: $s) { secret key { id } } }';
    const UPDATE =
      'mutation ($id: ID!, $s: [String!]!) { updateApiKeyScopes(id: $id, scopes: $s) { id scopes } }';
    let mine: { partnerId: string; session: Record<string, string> };
    let theirs: { partnerId: string; session: Record<string, string> };

    beforeAll(async () => {
      mine = await partnerWithDeveloper('Scoped Media', 'scoped@accounts.example', 'Velvet-Tide-2026!');
      theirs = await partnerWithDeveloper('Other Media', 'other@accounts.example', 'Maple-Lighthouse-2026!');
    });

    it('changes what a key may do at the gateway within a second, keeping its secret', async () => {
      const { createApiKey } = await query<{ createApiKey: { secret: string; key: { id: string } } }>(
        stack.graphqlUrl,
        KEY,
        { s: ['matches:read'], n: 'widened' },
        mine.session,
      );
      const teams = () =>
        post(stack.graphqlUrl, { query: '{ teams { id } }' }, { 'x-api-key': createApiKey.secret });
      expect((await teams()).status).toBe(200);
      const updated = await gql(UPDATE, { id: createApiKey.key.id, s: ['billing:read'] }, mine.session);
      expect(updated.body.data).toEqual({
        updateApiKeyScopes: { id: createApiKey.key.id, scopes: ['billing:read'] },
      });
      await eventually(async () => codeOf((await teams()).body) === 'FORBIDDEN');
    });

    it("refuses scopes beyond the plan or the editor's own, and other partners' keys, with codes", async () => {
      const { createApiKey } = await query<{ createApiKey: { secret: string; key: { id: string } } }>(
        stack.graphqlUrl,
        KEY,
        { s: ['matches:read'], n: 'target' },
        mine.session,
      );
      const id = createApiKey.key.id;
      const beyondPlan = await gql(UPDATE, { id, s: ['matches:read', 'telemetry:catalog'] }, mine.session);
      expect(extensionsOf(beyondPlan.body)).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'scopes',
        reason: 'beyond-plan',
        refusedScopes: ['telemetry:catalog'],
      });
      const empty = await gql(UPDATE, { id, s: [] }, mine.session);
      expect(extensionsOf(empty.body)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'empty' });

      // A key that manages keys but cannot read telemetry cannot hand out telemetry reads.
      const manager = await query<{ createApiKey: { secret: string } }>(
        stack.graphqlUrl,
        KEY,
        { s: ['billing:read', 'keys:manage', 'matches:read'], n: 'manager' },
        mine.session,
      );
      const asManager = { 'x-api-key': manager.createApiKey.secret };
      const beyondOwn = await gql(UPDATE, { id, s: ['telemetry:read'] }, asManager);
      expect(extensionsOf(beyondOwn.body)).toMatchObject({
        code: 'FORBIDDEN',
        argument: 'scopes',
        reason: 'beyond-own-scopes',
      });
      const within = await gql(UPDATE, { id, s: ['billing:read', 'matches:read'] }, asManager);
      expect(within.body.data).toEqual({
        updateApiKeyScopes: { id, scopes: ['billing:read', 'matches:read'] },
      });

      const foreign = await gql(UPDATE, { id, s: ['matches:read'] }, theirs.session);
      expect(extensionsOf(foreign.body)).toMatchObject({ code: 'FORBIDDEN', argument: 'id' });
      for (const mutation of [
        `mutation { rollApiKey(id: "${id}") { secret } }`,
        `mutation { revokeApiKey(id: "${id}") { id } }`,
      ]) {
        expect(extensionsOf((await gql(mutation, {}, theirs.session)).body)).toMatchObject({
          code: 'FORBIDDEN',
        });
      }
      const missing = await gql(UPDATE, { id: 'key_missing', s: ['matches:read'] }, mine.session);
      expect(extensionsOf(missing.body)).toMatchObject({ code: 'NOT_FOUND', argument: 'id' });
    });

    it("shows until when a rolled key's old secret still works", async () => {
      const { createApiKey } = await query<{ createApiKey: { secret: string; key: { id: string } } }>(
        stack.graphqlUrl,
        KEY,
        { s: ['matches:read'], n: 'rolled' },
        mine.session,
      );
      const before = Date.now();
      const { rollApiKey } = await query<{ rollApiKey: { key: { previousSecretValidUntil: string } } }>(
        stack.graphqlUrl,
        'mutation ($id: ID!) { rollApiKey(id: $id, graceSeconds: 3600) { key { previousSecretValidUntil } } }',
        { id: createApiKey.key.id },
        mine.session,
      );
      const until = Date.parse(rollApiKey.key.previousSecretValidUntil);
      expect(until - before).toBeGreaterThan(3_590_000);
      expect(until - before).toBeLessThan(3_610_000);
    });
  });
});
