/**
 * Honest metering and the request log, through the real gateway and billing: the portal's own calls (within
 * its partner's monthly allowance) and calls refused at the edge spend no quota; every answered call with a
 * key is counted exactly once; each request is in its partner's request log with its status, error code,
 * cost and latency, found by the id the gateway echoed, and by no other partner.
 */
import { post, query, signIn, startTestStack, type TestStack } from './support/platform';

/** Session operations a partner may make per month for free here: small, so a test can go beyond it. */
const PORTAL_ALLOWANCE = 20;
const WAIT_MS = 20_000;

interface LogEntry {
  requestId: string;
  keyId: string;
  operation: string;
  status: number | null;
  errorCode: string | null;
  cost: number;
  durationMs: number;
  outcome: string;
  billable: boolean;
}

const LOG_FIELDS = 'requestId keyId operation status errorCode cost durationMs outcome billable';

describe('honest metering and the request log', () => {
  let stack: TestStack;
  let admin: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        METERING_INTERVAL_MS: '100',
        ANONYMOUS_SCOPES: '',
        PORTAL_OPERATIONS_PER_MONTH: String(PORTAL_ALLOWANCE),
      },
    });
    admin = await signIn(stack.graphqlUrl);
  });

  /** A partner on `planId` and a signed-in developer of it (the admin's calls are no partner's usage). */
  const partnerWithDeveloper = async (name: string, planId = 'plan_pro') => {
    const { createPartner } = await query<{ createPartner: { id: string } }>(
      stack.graphqlUrl,
      'mutation ($name: String!, $plan: ID!) { createPartner(name: $name, planId: $plan) { id } }',
      { name, plan: planId },
      admin,
    );
    const email = `dev.${createPartner.id}@metering.example`;
    const { inviteUser } = await query<{ inviteUser: { token: string } }>(
      stack.graphqlUrl,
      'mutation ($p: ID!, $e: String!) { inviteUser(partnerId: $p, email: $e, role: DEVELOPER) { token } }',
      { p: createPartner.id, e: email },
      admin,
    );
    const password = 'Lantern-Harbour-77';
    await query(
      stack.graphqlUrl,
      'mutation ($t: String!, $pw: String!) { acceptInvitation(token: $t, name: "Dev", password: $pw) { accessToken } }',
      { t: inviteUser.token, pw: password },
      {},
    );
    return { partnerId: createPartner.id, session: await signIn(stack.graphqlUrl, { email, password }) };
  };

  const createKey = async (session: Record<string, string>, name: string, scopes: string[]) => {
    const { createApiKey } = await query<{ createApiKey: { secret: string; key: { id: string } } }>(
      stack.graphqlUrl,
      'mutation ($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) { secret key { id } } }',
      { name, scopes },
      session,
    );
    return { id: createApiKey.key.id, headers: { 'x-api-key': createApiKey.secret } };
  };

  /** Read by the admin, whose calls spend no partner's quota or allowance. */
  const quotaUsed = async (partnerId: string) =>
    (
      await query<{ quota: { used: number } }>(
        stack.graphqlUrl,
        'query ($p: ID!) { quota(partnerId: $p) { used } }',
        { p: partnerId },
        admin,
      )
    ).quota.used;

  const logOf = async (
    partnerId: string | null,
    headers: Record<string, string>,
    filter: { requestId?: string; keyId?: string } = {},
  ) =>
    post<{ requestLog: LogEntry[] }>(
      stack.graphqlUrl,
      {
        query: `query ($p: ID, $r: String, $k: ID) { requestLog(partnerId: $p, requestId: $r, keyId: $k, limit: 200) { ${LOG_FIELDS} } }`,
        variables: { p: partnerId, r: filter.requestId, k: filter.keyId },
      },
      headers,
    );

  /** The partner's log once it holds `count` entries (metering ships every 100 ms). */
  const logWith = async (partnerId: string, count: number) => {
    const started = Date.now();
    for (;;) {
      const { body } = await logOf(partnerId, admin);
      const entries = body.data?.requestLog ?? [];
      if (entries.length >= count || Date.now() - started > WAIT_MS) return entries;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it("spends no quota on the portal's own calls or on refused calls, and counts each answered key call once", async () => {
    const { partnerId, session } = await partnerWithDeveloper('Honest Metering Media');
    const key = await createKey(session, 'backend', ['matches:read', 'billing:read']);
    // The console's own pages: answered, with the developer's session.
    for (let i = 0; i < 5; i += 1)
      await query(stack.graphqlUrl, 'query Console { teams { name } }', {}, session);
    // Refused at the edge: not valid against the schema, and a field the key has no scope for.
    const invalid = await post(stack.graphqlUrl, { query: 'query Typo { teamz { name } }' }, key.headers);
    expect(invalid.status).toBe(400);
    const forbidden = await post(stack.graphqlUrl, { query: 'query Fleets { fleets { id } }' }, key.headers);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Answered with the key.
    const answered: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await post(
        stack.graphqlUrl,
        { query: 'query Answered { teams { name } }' },
        key.headers,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      answered.push(answer.headers.get('x-request-id')!);
    }

    // createApiKey and five console queries by the session, two refused and three answered key calls.
    const log = await logWith(partnerId, 11);
    expect(log).toHaveLength(11);
    expect(await quotaUsed(partnerId)).toBe(3);
    expect(
      log
        .filter((entry) => entry.billable)
        .map((entry) => entry.requestId)
        .sort(),
    ).toEqual([...answered].sort());
    const portal = log.filter((entry) => entry.keyId === 'anonymous');
    expect(portal.map((entry) => entry.operation).sort()).toEqual([
      'Console',
      'Console',
      'Console',
      'Console',
      'Console',
      expect.stringMatching(/^anonymous:/),
    ]);
    const refused = log.filter((entry) => entry.outcome === 'rejected');
    expect(refused.map((entry) => [entry.operation, entry.status, entry.errorCode]).sort()).toEqual([
      ['Fleets', forbidden.status, 'FORBIDDEN'],
      // An operation that does not validate has no name yet: it is named by its hash.
      [expect.stringMatching(/^anonymous:/), 400, 'GRAPHQL_VALIDATION_FAILED'],
    ]);

    // Found by the id the gateway echoed, with what a developer needs to tell what happened.
    const { body } = await logOf(null, session, { requestId: answered[1] });
    expect(body.data?.requestLog).toEqual([
      {
        requestId: answered[1],
        keyId: key.id,
        operation: 'Answered',
        status: 200,
        errorCode: null,
        cost: expect.any(Number),
        durationMs: expect.any(Number),
        outcome: 'ok',
        billable: true,
      },
    ]);
    expect(body.data!.requestLog[0]!.cost).toBeGreaterThan(0);
    expect(body.data!.requestLog[0]!.durationMs).toBeGreaterThan(0);
  });

  it('charges rate-limited calls nothing, and counts the answered ones exactly', async () => {
    const { partnerId, session } = await partnerWithDeveloper('Rate Limited Media', 'plan_free');
    const key = await createKey(session, 'busy', ['matches:read']);
    const statuses: number[] = [];
    // The Free plan allows 60 requests a minute.
    for (let i = 0; i < 65; i += 1) {
      statuses.push(
        (await post(stack.graphqlUrl, { query: 'query Busy { teams { id } }' }, key.headers)).status,
      );
    }
    const ok = statuses.filter((status) => status === 200).length;
    expect(statuses.filter((status) => status === 429)).toHaveLength(65 - ok);
    expect(ok).toBeLessThanOrEqual(60);
    const log = await logWith(partnerId, 66);
    expect(log.filter((entry) => entry.errorCode === 'RATE_LIMITED')).toHaveLength(65 - ok);
    expect(await quotaUsed(partnerId)).toBe(ok);
  });

  it('charges portal sessions once their monthly allowance is used, so a session is no free API key', async () => {
    const { partnerId, session } = await partnerWithDeveloper('Scripted Session Media');
    for (let i = 0; i < PORTAL_ALLOWANCE + 5; i += 1) {
      await query(stack.graphqlUrl, 'query Scripted { teams { id } }', {}, session);
    }
    const log = await logWith(partnerId, PORTAL_ALLOWANCE + 5);
    expect(log.filter((entry) => entry.billable)).toHaveLength(5);
    expect(await quotaUsed(partnerId)).toBe(5);
  });

  it("shows a partner its own requests only: another partner's request id finds nothing", async () => {
    const first = await partnerWithDeveloper('Isolated First');
    const second = await partnerWithDeveloper('Isolated Second');
    const key = await createKey(first.session, 'reader', ['matches:read', 'billing:read']);
    const other = await createKey(first.session, 'other', ['matches:read']);
    const answer = await post(stack.graphqlUrl, { query: 'query Mine { teams { id } }' }, key.headers);
    const requestId = answer.headers.get('x-request-id')!;
    await post(stack.graphqlUrl, { query: 'query Theirs { teams { id } }' }, other.headers);
    await logWith(first.partnerId, 4);

    expect((await logOf(null, first.session, { requestId })).body.data?.requestLog).toHaveLength(1);
    expect((await logOf(null, second.session, { requestId })).body.data?.requestLog).toEqual([]);
    const across = await logOf(first.partnerId, second.session, { requestId });
    expect(across.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The log is read in the console: no API key reads it, whatever its scopes.
    for (const headers of [key.headers, other.headers]) {
      const refused = await logOf(null, headers);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.body.data?.requestLog ?? null).toBeNull();
    }
  });
});
