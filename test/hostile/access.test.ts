/**
 * The hostile corpus against the gateway's doors: guessing passwords (one account, or many from one
 * address), sign-in attempts that carry a key, and floods of well-formed keys and session tokens that do not
 * exist. Guessing is throttled with 429 RATE_LIMITED and Retry-After before billing is asked, and never locks
 * out the other accounts and partners that share the address.
 */
import { randomBytes } from 'node:crypto';
import { generateKey } from '@meridian/kit';
import {
  expectRefusal,
  expectRetryAfter,
  HostilePlatform,
  summarize,
  type Answer,
  type Developer,
  type Key,
} from './corpus';

const WRONG_PASSWORD = 'Wrong-Password-2026!';
/** "After a few failures": the sign-in attempt by which one account's guessing must be throttled. */
const FEW_FAILURES = 10;
/** "After some" unknown keys: the request by which a flood of them must be throttled. */
const SOME_UNKNOWN = 150;

describe('hostile sign-ins and unknown credentials at a production gateway', () => {
  let platform: HostilePlatform;
  let alphaId: string;
  let alphaKey: Key;
  let bravoKey: Key;

  beforeAll(async () => {
    // Billing logs each internal lookup at debug level: how the corpus sees which keys reached it.
    platform = await HostilePlatform.start({ LOG_LEVEL: 'debug' });
    const plan = await platform.createPlan('Hostile Access');
    alphaId = (await platform.createPartner('Alpha Hostile Access', plan)).id;
    const bravo = await platform.createPartner('Bravo Hostile Access', plan);
    alphaKey = await platform.createKey(alphaId, ['matches:read']);
    bravoKey = await platform.createKey(bravo.id, ['matches:read']);
  });

  const tokenOf = (answer: Answer) =>
    (answer.json as { data?: { login?: { accessToken?: string } } } | undefined)?.data?.login?.accessToken;

  const summaryOf = (answer: Answer) => ({
    status: answer.status,
    code: (answer.json as { errors?: { extensions?: { code?: string } }[] } | undefined)?.errors?.[0]
      ?.extensions?.code,
  });

  const throttled = (answer: Answer) => {
    expectRefusal(answer, { status: 429, code: 'RATE_LIMITED' });
    expectRetryAfter(answer);
  };

  /** Guesses one account's password from `from` until refused with 429, at most `attempts` times. */
  const guess = async (developer: Developer, from: string, attempts: number) => {
    const answers: Answer[] = [];
    for (let i = 0; i < attempts; i++)
      answers.push(await platform.signIn(developer.email, WRONG_PASSWORD, from));
    return answers;
  };

  it('throttles failed sign-ins to one account from one client, and then refuses even the right password', async () => {
    const victim = await platform.createDeveloper(alphaId, 'victim');
    const from = '127.0.0.31';
    const answers = await guess(victim, from, 30);
    const first = answers.findIndex((answer) => answer.status === 429);
    if (first < 0)
      throw new Error(`30 wrong passwords, never throttled; the last answer: ${summarize(answers.at(-1)!)}`);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThan(FEW_FAILURES);
    for (const answer of answers.slice(0, first)) {
      expectRefusal(answer, { status: [200, 401], code: 'UNAUTHENTICATED' });
      expect(tokenOf(answer)).toBeUndefined();
    }
    for (const answer of answers.slice(first)) throttled(answer);

    const right = await platform.signIn(victim.email, victim.password, from);
    throttled(right);
    expect(tokenOf(right)).toBeUndefined();
  });

  it('does not lock another account that signs in from the same client', async () => {
    const victim = await platform.createDeveloper(alphaId, 'victim-two');
    const bystander = await platform.createDeveloper(alphaId, 'bystander');
    const from = '127.0.0.32';
    const answers = await guess(victim, from, 15);
    expect(answers.some((answer) => answer.status === 429)).toBe(true);
    const signedIn = await platform.signIn(bystander.email, bystander.password, from);
    expect(signedIn.status).toBe(200);
    expect(tokenOf(signedIn)).toEqual(expect.any(String));
  });

  it('throttles sign-ins to many accounts from one client', async () => {
    // Password spraying: one guess per account stays under any per-account limit; the per-address one holds.
    const from = '127.0.0.33';
    const sprayed = () =>
      platform.signIn(`sprayed-${randomBytes(6).toString('hex')}@hostile.example`, WRONG_PASSWORD, from);
    let answer: Answer | undefined;
    // Four at a time: each wrong guess costs billing a password hash.
    for (let attempts = 0; attempts < 200 && answer?.status !== 429; attempts += 4) {
      const answers = await Promise.all([sprayed(), sprayed(), sprayed(), sprayed()]);
      for (const each of answers) expect(each.status).toBeLessThan(500);
      answer = answers.find((each) => each.status === 429) ?? answers[3];
    }
    throttled(answer!);
  });

  it("does not spend a key's rate budget on sign-in attempts that carry it", async () => {
    const from = '127.0.0.34';
    const remaining = async () => {
      const answer = await platform.post({ query: '{ matches(first: 1) { id } }' }, alphaKey.headers, {
        from,
      });
      expect(answer.status).toBe(200);
      const left = /"requests";r=(\d+)/.exec(String(answer.headers.ratelimit ?? ''))?.[1];
      if (left === undefined) throw new Error(`no requests budget in RateLimit: ${summarize(answer)}`);
      return Number(left);
    };
    const before = await remaining();
    for (let i = 0; i < 5; i++) {
      const answer = await platform.signIn(
        `nobody-${i}@hostile.example`,
        WRONG_PASSWORD,
        from,
        alphaKey.headers,
      );
      expect(answer.status).toBeLessThan(500);
    }
    // The read itself takes one request; a new window would only leave more.
    expect(await remaining()).toBeGreaterThanOrEqual(before - 1);
  });

  /** How many key lookups billing has answered so far. */
  const billingKeyLookups = () =>
    platform.stack.logs.filter(
      (line) => line.startsWith('billing:') && line.includes('/internal/keys/lookup'),
    ).length;

  it('throttles a flood of unknown keys from one client before billing looks each up, serving real keys meanwhile', async () => {
    const from = '127.0.0.41';
    const elsewhere = '127.0.0.42';
    const real = () => platform.post({ query: '{ teams { id } }' }, bravoKey.headers, { from: elsewhere });
    expect((await real()).status).toBe(200);
    const lookupsBefore = billingKeyLookups();
    expect(lookupsBefore).toBeGreaterThan(0);

    const answers: Answer[] = [];
    for (let i = 0; i < 200; i++) {
      answers.push(
        await platform.post({ query: '{ teams { id } }' }, { 'x-api-key': generateKey('live') }, { from }),
      );
      if (i % 20 === 19) {
        const served = await real();
        if (served.status !== 200)
          throw new Error(`a real key was refused during the flood: ${summarize(served)}`);
      }
    }
    const first = answers.findIndex((answer) => answer.status === 429);
    if (first < 0)
      throw new Error(`200 unknown keys, never throttled; the last answer: ${summarize(answers.at(-1)!)}`);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThan(SOME_UNKNOWN);
    for (const answer of answers.slice(0, first))
      expectRefusal(answer, { status: 401, code: 'UNAUTHENTICATED' });
    for (const answer of answers.slice(first)) throttled(answer);
    // Billing saw the keys before the throttle, and none after it (the real key was cached before).
    expect(billingKeyLookups() - lookupsBefore).toBeLessThanOrEqual(first + 2);
  });

  it('keeps serving a known key from the address that floods unknown ones', async () => {
    // Partners behind one NAT share an address with whoever floods it: the throttle is on lookups of
    // unknown credentials, not on the address, so a key the gateway already knows keeps working.
    const from = '127.0.0.43';
    const known = () => platform.post({ query: '{ teams { id } }' }, bravoKey.headers, { from });
    expect((await known()).status).toBe(200);
    let answer: Answer | undefined;
    for (let i = 0; i < 200 && answer?.status !== 429; i++) {
      answer = await platform.post(
        { query: '{ teams { id } }' },
        { 'x-api-key': generateKey('live') },
        { from },
      );
    }
    throttled(answer!);
    const served = await known();
    expect(served.status).toBe(200);
  });

  it('throttles a flood of forged session tokens from one client', async () => {
    const from = '127.0.0.44';
    let answer: Answer | undefined;
    for (let i = 0; i < 200 && answer?.status !== 429; i++) {
      const token = `${randomBytes(48).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
      answer = await platform.post(
        { query: '{ me { email } }' },
        { authorization: `Bearer ${token}` },
        { from },
      );
      if (answer.status !== 429) expectRefusal(answer, { status: 401, code: 'UNAUTHENTICATED' });
    }
    throttled(answer!);
  });

  it("counts a signed-in person's requests as theirs, not their network address's", async () => {
    // Partners behind one proxy share its address: one partner's console must not use up another's budget.
    const tight = await platform.createPlan('Hostile Three a Minute', { requestsPerMinute: 3 });
    const charlie = await platform.createPartner('Charlie Hostile Access', tight);
    const delta = await platform.createPartner('Delta Hostile Access', tight);
    const charlieDeveloper = await platform.createDeveloper(charlie.id, 'charlie');
    const deltaDeveloper = await platform.createDeveloper(delta.id, 'delta');
    const from = '127.0.0.45';
    const me = (developer: Developer) =>
      platform.post({ query: '{ me { email } }' }, developer.headers, { from });
    for (let i = 0; i < 3; i++) expect((await me(charlieDeveloper)).status).toBe(200);
    throttled(await me(charlieDeveloper));
    const other = await me(deltaDeveloper);
    expect(summarize(other)).toMatch(/^200/);
  });

  it('keeps a narrow key narrow: it cannot mint, roll or revoke keys, invite or list people, or edit the safelist', async () => {
    const narrow = await platform.createKey(alphaId, ['matches:read']);
    const victim = await platform.createKey(alphaId, ['matches:read']);
    const attempts: [string, string, Record<string, unknown>][] = [
      [
        'createApiKey',
        'mutation { createApiKey(name: "mine", scopes: ["matches:read", "telemetry:write", "billing:read"]) { secret } }',
        {},
      ],
      [
        'rollApiKey',
        'mutation ($id: ID!) { rollApiKey(id: $id, graceSeconds: 0) { secret } }',
        { id: victim.id },
      ],
      ['revokeApiKey', 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: victim.id }],
      [
        'inviteUser',
        'mutation { inviteUser(email: "attacker@evil.example", role: DEVELOPER) { token } }',
        {},
      ],
      ['users', '{ users { email } }', {}],
      ['removeOperation', 'mutation { removeOperation(id: "x") }', {}],
    ];
    for (const [field, query, variables] of attempts) {
      const answer = await platform.post({ query, variables }, narrow.headers);
      expect({ field, ...summaryOf(answer) }).toEqual({ field, status: 403, code: 'FORBIDDEN' });
    }
    // The other key still works with its own secret: nothing was rolled or revoked.
    const served = await platform.post({ query: '{ teams { id } }' }, victim.headers);
    expect(served.status).toBe(200);
  });

  it('counts every sign-in however it is dressed: aliases are refused, fragments are throttled', async () => {
    const target = await platform.createDeveloper(alphaId, 'dressed');
    const aliased = await platform.post(
      {
        query: `mutation ($e: String!) { a: login(email: $e, password: "${WRONG_PASSWORD}") { accessToken } b: login(email: $e, password: "Other-Guess-2026!") { accessToken } }`,
        variables: { e: target.email },
      },
      {},
      { from: '127.0.0.46' },
    );
    expectRefusal(aliased, { status: 400, code: 'BAD_REQUEST' });
    const inFragment = {
      query: `mutation ($e: String!, $p: String!) { ...SignIn } fragment SignIn on Mutation { login(email: $e, password: $p) { accessToken } }`,
      variables: { e: target.email, p: WRONG_PASSWORD },
    };
    let answer: Answer | undefined;
    for (let i = 0; i < FEW_FAILURES && answer?.status !== 429; i++) {
      answer = await platform.post(inFragment, {}, { from: '127.0.0.47' });
    }
    throttled(answer!);
    const right = await platform.post(
      { ...inFragment, variables: { e: target.email, p: target.password } },
      {},
      { from: '127.0.0.47' },
    );
    throttled(right);
  });
});
