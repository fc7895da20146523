/**
 * Safelists at the edge, over real HTTP through the gateway: a partner registers operations, any of its keys
 * may then send only an operation's hash, and a key marked safelist-only runs nothing else, is refused
 * before any subgraph is called, and never registers automatic persisted queries. Changes to the list or to
 * the key reach the gateway within a second, through billing's change feed.
 */
import { createHash } from 'node:crypto';
import { post, query, signIn, startTestStack, type GraphQLResult, type TestStack } from './support/platform';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(text) } });

const TEAMS = 'query Teams { teams { name } }';
const MATCHES = 'query Matches { matches(first: 2) { id } }';
const PLAYERS = 'query Players { teams { players { name } } }';

/** How long a change in billing may take to be felt at the gateway. */
const PROPAGATION_MS = 1_000;

describe('safelists at the edge', () => {
  let stack: TestStack;
  let admin: Record<string, string>;
  let developer: Record<string, string>;
  let locked: Record<string, string>;
  let lockedKeyId: string;
  let partnerId: string;

  const gql = <Data>(text: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    query<Data>(stack.graphqlUrl, text, variables, headers);
  const register = (texts: string[]) =>
    gql(
      'mutation ($ops: [SafelistOperationInput!]!) { registerOperations(operations: $ops) { id } }',
      { ops: texts.map((text) => ({ text })) },
      developer,
    );
  const remove = (text: string) =>
    gql('mutation ($id: ID!) { removeOperation(id: $id) }', { id: sha256(text) }, developer);
  const byHash = (text: string, headers: Record<string, string>) =>
    post(stack.graphqlUrl, { extensions: persisted(text) }, headers);
  const byText = (text: string, headers: Record<string, string>) =>
    post(stack.graphqlUrl, { query: text }, headers);
  const code = (result: GraphQLResult) => result.body.errors?.[0]?.extensions?.code;
  const metric = async (pattern: RegExp) => {
    const text = await (await fetch(`${stack.urls.gateway}/metrics`)).text();
    return [...text.matchAll(new RegExp(pattern.source, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);
  };
  const subgraphFetches = () =>
    metric(/^meridian_gateway_subgraph_fetch_duration_seconds_count\{[^}]*\} (\d+)$/);
  /** Calls until the answer is what `done` waits for, or the time is up; resolves to the last answer and the wait. */
  const until = async (call: () => Promise<GraphQLResult>, done: (result: GraphQLResult) => boolean) => {
    const started = Date.now();
    let result = await call();
    while (!done(result) && Date.now() - started < 5 * PROPAGATION_MS) result = await call();
    return { result, elapsed: Date.now() - started };
  };

  beforeAll(async () => {
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '', METERING_INTERVAL_MS: '100' } });
    admin = await signIn(stack.graphqlUrl);
    partnerId = (
      await gql<{ createPartner: { id: string } }>(
        'mutation { createPartner(name: "Safelist Sports", planId: "plan_pro") { id } }',
        {},
        admin,
      )
    ).createPartner.id;
    const createKey = async (scopes: string[], safelistOnly: boolean) =>
      (
        await gql<{ createApiKey: { secret: string; key: { id: string; safelistOnly: boolean } } }>(
          'mutation ($p: ID!, $s: [String!]!, $only: Boolean) { createApiKey(partnerId: $p, name: "safelist test", scopes: $s, safelistOnly: $only) { secret key { id safelistOnly } } }',
          { p: partnerId, s: scopes, only: safelistOnly },
          admin,
        )
      ).createApiKey;
    // The partner's deployment key: it reads, and keeps the partner's safelist.
    developer = {
      'x-api-key': (await createKey(['matches:read', 'billing:read', 'safelist:write'], false)).secret,
    };
    const lockedKey = await createKey(['matches:read'], true);
    expect(lockedKey.key.safelistOnly).toBe(true);
    locked = { 'x-api-key': lockedKey.secret };
    lockedKeyId = lockedKey.key.id;
    await register([TEAMS]);
  });

  it("runs an operation on the partner's safelist from its hash alone, for any key of the partner", async () => {
    const reference = await byText(TEAMS, developer);
    expect(reference.body.errors).toBeUndefined();
    for (const headers of [developer, locked]) {
      const answer = await byHash(TEAMS, headers);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ data: reference.body.data });
    }
    expect((await byText(TEAMS, locked)).body.data).toEqual(reference.body.data);
  });

  it('refuses a safelist-only key anything else, before any subgraph is called', async () => {
    const fetchesBefore = await subgraphFetches();
    const text = await byText(MATCHES, locked);
    expect(text.status).toBe(403);
    expect(text.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'safelist',
      operationId: sha256(MATCHES),
    });
    expect(text.body.errors?.[0]?.message).toMatch(/only safelisted operations.*registerOperations/);

    const hash = await byHash(MATCHES, locked);
    expect(code(hash)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(hash.body.data).toBeUndefined();

    // Automatic persisted queries: the key may not register a hash, so nobody can send it afterwards.
    const registering = await post(
      stack.graphqlUrl,
      { query: PLAYERS, extensions: persisted(PLAYERS) },
      locked,
    );
    expect(registering.status).toBe(403);
    expect(registering.body.errors?.[0]?.message).toMatch(/cannot register persisted queries/);
    expect(code(await byHash(PLAYERS, developer))).toBe('PERSISTED_QUERY_NOT_FOUND');

    expect(await subgraphFetches()).toBe(fetchesBefore);
    expect(
      await metric(/^meridian_gateway_rejections_total\{code="PERSISTED_QUERY_NOT_FOUND"\} (\d+)$/),
    ).toBeGreaterThan(0);
  });

  it('lets a key that is not safelist-only register and use automatic persisted queries as before', async () => {
    expect(code(await byHash(PLAYERS, developer))).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(
      stack.graphqlUrl,
      { query: PLAYERS, extensions: persisted(PLAYERS) },
      developer,
    );
    expect(registered.body.errors).toBeUndefined();
    expect((await byHash(PLAYERS, developer)).body.data).toEqual(registered.body.data);
    // The shared APQ cache has it now, yet it is still not on the safelist: refused as the client's mistake.
    const known = await byHash(PLAYERS, locked);
    expect(code(known)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(known.status).toBeLessThan(500);
  });

  it('serves a newly registered operation within a second, and stops when it is removed', async () => {
    expect(code(await byText(MATCHES, locked))).toBe('FORBIDDEN');
    await register([MATCHES]);
    const added = await until(
      () => byHash(MATCHES, locked),
      (result) => result.status === 200 && !result.body.errors,
    );
    expect(added.result.body.errors).toBeUndefined();
    expect(added.elapsed).toBeLessThan(PROPAGATION_MS);

    await remove(MATCHES);
    const removed = await until(
      () => byText(MATCHES, locked),
      (result) => result.status === 403,
    );
    expect(code(removed.result)).toBe('FORBIDDEN');
    expect(removed.elapsed).toBeLessThan(PROPAGATION_MS);
  });

  it('applies a change of the key to safelist-only, and back, within a second', async () => {
    const set = (only: boolean) =>
      gql(
        'mutation ($id: ID!, $only: Boolean!) { setApiKeySafelistOnly(id: $id, safelistOnly: $only) { id } }',
        { id: lockedKeyId, only },
        admin,
      );
    await set(false);
    const opened = await until(
      () => byText(MATCHES, locked),
      (result) => result.status === 200,
    );
    expect(opened.result.body.errors).toBeUndefined();
    expect(opened.elapsed).toBeLessThan(PROPAGATION_MS);
    await set(true);
    const closed = await until(
      () => byText(MATCHES, locked),
      (result) => result.status === 403,
    );
    expect(code(closed.result)).toBe('FORBIDDEN');
    expect(closed.elapsed).toBeLessThan(PROPAGATION_MS);
  });

  it("meters the refusals as the key's rejected operations", async () => {
    const usage = async () =>
      (
        await gql<{ usage: { group: string; points: { requests: number; errors: number }[] }[] }>(
          'query ($p: ID, $from: DateTimeISO!, $to: DateTimeISO!) { usage(partnerId: $p, from: $from, to: $to, groupBy: KEY) { group points { requests errors } } }',
          {
            p: partnerId,
            from: new Date(Date.now() - 86_400_000).toISOString(),
            to: new Date(Date.now() + 86_400_000).toISOString(),
          },
          admin,
        )
      ).usage.find((series) => series.group === lockedKeyId)?.points ?? [];
    const started = Date.now();
    let points = await usage();
    while (points.reduce((sum, p) => sum + p.errors, 0) < 5 && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      points = await usage();
    }
    expect(points.reduce((sum, p) => sum + p.errors, 0)).toBeGreaterThanOrEqual(5);
  });
});
