/**
 * Warm start over real processes: the operations partners registered, and the explorer's examples, are
 * planned while a gateway starts, so after a restart the first request of each builds no query plan (the
 * gateway counts the plans requests build, `meridian_gateway_query_plans_built_total{when="request"}`). A
 * gateway whose billing cannot be reached still starts, says so, and plans the examples.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXAMPLE_QUERY } from '@meridian/stack';
import { post, signIn, startTestStack, type GraphQLResult, type TestStack } from './support/platform';

/** How long a log line may trail the gateway's ready message, and how often the logs are looked at meanwhile. */
const LOG_WAIT_MS = 5_000;
const LOG_POLL_MS = 25;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A join over the three subgraphs: the kind of operation whose plan costs most. */
const FIXTURES =
  'query WarmFixtures { matches(first: 5) { id kickoff venue homeTeam { name } awayTeam { name } broadcaster { name country industry aircraft { registration type } } } }';
const TEAMS = '{ teams { name city } }';
/** Registered (billing only parses), but it names a field the API does not have: skipped at start. */
const UNKNOWN_FIELD = 'query Unknown { teams { nickname } }';

describe('warm start of the gateway', () => {
  let stack: TestStack;
  let partnerKey: Record<string, string>;

  const metric = async (gatewayUrl: string, when: 'start' | 'request') => {
    const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
    const line = new RegExp(`^meridian_gateway_query_plans_built_total\\{when="${when}"\\} (\\d+)$`, 'm');
    return Number(line.exec(text)?.[1] ?? NaN);
  };
  const expectAnswered = (result: GraphQLResult) => {
    expect(result.body.errors).toBeUndefined();
    expect(result.status).toBe(200);
  };
  /** Restarts the gateway; resolves to its URL and where its lines start in the stack's logs. */
  const restartGateway = async () => {
    const from = stack.logs.length;
    return { url: await stack.restartService('gateway'), from };
  };
  /**
   * Whether the gateway logged a line with `text` since `from`. Its stdout may trail the ready message it sends
   * its parent, so lines are awaited for a moment.
   */
  const logged = async (from: number, text: string) => {
    const deadline = Date.now() + LOG_WAIT_MS;
    const seen = () =>
      stack.logs.slice(from).some((line) => line.startsWith('gateway') && line.includes(text));
    while (!seen() && Date.now() < deadline) await sleep(LOG_POLL_MS);
    return seen();
  };

  beforeAll(async () => {
    stack = await startTestStack();
    const admin = await signIn(stack.graphqlUrl);
    const gql = async <Data>(query: string, variables: Record<string, unknown>) => {
      const result = await post<Data>(stack.graphqlUrl, { query, variables }, admin);
      expect(result.body.errors).toBeUndefined();
      return result.body.data!;
    };
    const { createPartner } = await gql<{ createPartner: { id: string } }>(
      'mutation { createPartner(name: "Warm Start Media", planId: "plan_pro") { id } }',
      {},
    );
    await gql(
      'mutation ($p: ID!, $ops: [SafelistOperationInput!]!) { registerOperations(partnerId: $p, operations: $ops) { id } }',
      { p: createPartner.id, ops: [FIXTURES, TEAMS, UNKNOWN_FIELD].map((text) => ({ text })) },
    );
    const { createApiKey } = await gql<{ createApiKey: { secret: string } }>(
      'mutation ($p: ID!) { createApiKey(partnerId: $p, name: "warm", scopes: ["matches:read", "billing:read", "telemetry:read"]) { secret } }',
      { p: createPartner.id },
    );
    partnerKey = { 'x-api-key': createApiKey.secret };
  });

  it('plans the safelisted operations and the examples at start, so their first requests build no plan', async () => {
    const { url, from } = await restartGateway();
    expect(await logged(from, 'planned 2 safelisted operations in')).toBe(true);
    // The explorer's example and the one `npm start` prints, then the two safelisted operations that validate.
    expect(await metric(url, 'start')).toBe(4);
    expect(await metric(url, 'request')).toBe(0);

    const graphql = `${url}/graphql`;
    // The first request of each, in each form a client sends it: with its name, without, by hash alone.
    expectAnswered(await post(graphql, { query: FIXTURES, operationName: 'WarmFixtures' }, partnerKey));
    expectAnswered(await post(graphql, { query: FIXTURES }, partnerKey));
    expectAnswered(
      await post(
        graphql,
        { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(FIXTURES) } } },
        partnerKey,
      ),
    );
    expectAnswered(await post(graphql, { query: TEAMS }, partnerKey));
    expectAnswered(await post(graphql, { query: EXAMPLE_QUERY }));
    expect(await metric(url, 'request')).toBe(0);

    // An operation nobody registered is planned by its first request, as before, and counted.
    expectAnswered(await post(graphql, { query: '{ competitions { name } }' }));
    expect(await metric(url, 'request')).toBe(1);
  });

  it('starts when billing cannot be reached, says so, and plans the examples', async () => {
    // The gateway first, so that billing does not wait for its change feed to close before stopping.
    await stack.stopService('gateway');
    await stack.stopService('billing');
    try {
      const { url, from } = await restartGateway();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(await logged(from, 'billing could not list the safelisted operations')).toBe(true);
      expect(await logged(from, 'planned 0 safelisted operations in')).toBe(true);
      expect(await metric(url, 'start')).toBe(2);
      // Its customers come from billing, so it fails; but it was planned, and its request builds no plan.
      await post(`${url}/graphql`, { query: EXAMPLE_QUERY });
      expect(await metric(url, 'request')).toBe(0);
    } finally {
      await stack.restartService('billing');
    }
  });
});
