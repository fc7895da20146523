/** The whole platform from the outside: four processes, one query across all three subgraphs. */
import { createHash } from 'node:crypto';
import { EXAMPLE_QUERY } from '@meridian/stack';
import { post, startTestStack, type TestStack } from './support/platform';

interface ExampleData {
  customers: {
    name: string;
    industry: string;
    broadcasts: { kickoff: string; homeTeam: { name: string }; awayTeam: { name: string } }[];
    aircraft: { registration: string; type: string }[];
  }[];
}

describe('the platform', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('answers the query npm start prints, joining billing, matches and telemetry', async () => {
    const { status, body } = await post<ExampleData>(stack.graphqlUrl, { query: EXAMPLE_QUERY });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const customers = body.data!.customers;
    const broadcasters = customers.filter((c) => c.industry === 'BROADCASTING');
    const operators = customers.filter((c) => c.industry === 'AVIATION');
    expect(broadcasters.length).toBeGreaterThan(0);
    expect(operators.length).toBeGreaterThan(0);
    // Every demo match is shown by some broadcaster; every aircraft has an operator.
    expect(broadcasters.flatMap((c) => c.broadcasts).length).toBeGreaterThan(0);
    for (const match of broadcasters.flatMap((c) => c.broadcasts)) {
      expect(match.homeTeam.name).not.toBe(match.awayTeam.name);
    }
    expect(operators.every((c) => c.aircraft.length > 0)).toBe(true);
    expect(operators.every((c) => c.broadcasts.length === 0)).toBe(true);
    expect(broadcasters.every((c) => c.aircraft.length === 0)).toBe(true);
  });

  it('follows links in the other direction: matches and aircraft to their billing customers', async () => {
    const { body } = await post<{
      matches: {
        broadcaster: { id: string; name: string; broadcasts: { id: string }[] } | null;
        id: string;
      }[];
      fleet: { registration: string; operator: { name: string; aircraft: { registration: string }[] } }[];
    }>(stack.graphqlUrl, {
      query: `{
        matches(first: 5) { id broadcaster { id name broadcasts { id } } }
        fleet { registration operator { name aircraft { registration } } }
      }`,
    });
    expect(body.errors).toBeUndefined();
    for (const match of body.data!.matches) {
      expect(match.broadcaster?.name).toEqual(expect.any(String));
      expect(match.broadcaster!.broadcasts.map((m) => m.id)).toContain(match.id);
    }
    for (const aircraft of body.data!.fleet) {
      expect(aircraft.operator.aircraft.map((a) => a.registration)).toContain(aircraft.registration);
    }
  });

  it('is ready when every subgraph answers', async () => {
    const response = await fetch(`${stack.urls.gateway}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      subgraphs: { matches: 'ok', telemetry: 'ok', billing: 'ok' },
    });
    expect((await fetch(`${stack.urls.gateway}/healthz`)).status).toBe(200);
  });

  it('rejects a body that is not JSON with 400 BAD_REQUEST', async () => {
    const { status, body } = await post(stack.graphqlUrl, '{"query": ');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('rejects malformed GraphQL with 400 GRAPHQL_PARSE_FAILED and no stack trace', async () => {
    const { status, body } = await post(stack.graphqlUrl, { query: '{ matches(first: 2) { id ' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.js:\d+/);
  });

  it('rejects an unknown field with 400 GRAPHQL_VALIDATION_FAILED naming it', async () => {
    const { status, body } = await post(stack.graphqlUrl, { query: '{ matches { goalsPerMinute } }' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toContain('goalsPerMinute');
  });

  it('passes a subgraph’s BAD_USER_INPUT through with the argument it names', async () => {
    const { body } = await post(stack.graphqlUrl, { query: '{ matches(first: 1000) { id } }' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it("sends a browser opening /graphql to the console's explorer, with the operation it names", async () => {
    const query = '{ teams { name } }';
    const response = await fetch(`${stack.graphqlUrl}?query=${encodeURIComponent(query)}&extensions=x`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!, stack.urls.gateway);
    expect(location.pathname).toBe('/console/explorer');
    expect([...location.searchParams]).toEqual([['query', query]]);
    // A client asking for JSON gets the API's answer.
    const api = await fetch(`${stack.graphqlUrl}?query=${encodeURIComponent(query)}`, {
      headers: {
        accept: 'application/graphql-response+json, application/json',
        'apollo-require-preflight': '1',
      },
      redirect: 'manual',
    });
    expect(api.status).toBe(200);
    expect(((await api.json()) as { data: { teams: unknown[] } }).data.teams.length).toBeGreaterThan(0);
  });

  it('runs automatic persisted queries: an unknown hash asks for the query once, then the hash alone serves', async () => {
    const query = '{ teams { shortName } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persisted = { extensions: { persistedQuery: { version: 1, sha256Hash } } };
    const unknown = await post(stack.graphqlUrl, persisted);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(stack.graphqlUrl, { query, ...persisted });
    expect(registered.body.errors).toBeUndefined();
    const byHash = await post(stack.graphqlUrl, persisted);
    expect(byHash.body.data).toEqual(registered.body.data);
  });

  it('refuses a key whose checksum is wrong without asking billing', async () => {
    const { status, body } = await post(
      stack.graphqlUrl,
      { query: '{ teams { id } }' },
      {
        'x-api-key': 'mer_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_AAAAAA',
      },
    );
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'malformed' });
    expect(body.errors?.[0]?.message).toBe('the API key is malformed');
  });

  it('echoes the request id it was given, makes one up otherwise, and passes it to the subgraphs', async () => {
    const given = await post(
      stack.graphqlUrl,
      { query: '{ teams { id } }' },
      { 'x-request-id': 'trace-me-42' },
    );
    expect(given.headers.get('x-request-id')).toBe('trace-me-42');
    const made = await post(stack.graphqlUrl, { query: '{ teams { id } }' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts operations, rejections and subgraph fetches in /metrics', async () => {
    await post(stack.graphqlUrl, { query: 'query TeamNames { teams { name } }' });
    await post(stack.graphqlUrl, { query: '{ teams { name } }' }, { 'x-api-key': 'not-a-key' });
    const metrics = await (await fetch(`${stack.urls.gateway}/metrics`)).text();
    expect(metrics).toMatch(
      /meridian_gateway_requests_total\{operation="TeamNames",outcome="ok",plan="anonymous"\} [1-9]/,
    );
    expect(metrics).toMatch(/meridian_gateway_rejections_total\{code="UNAUTHENTICATED"\} [1-9]/);
    expect(metrics).toMatch(
      /meridian_gateway_subgraph_fetch_duration_seconds_count\{subgraph="matches",outcome="ok"\} [1-9]/,
    );
  });

  it('answers unknown paths with 404 NOT_FOUND', async () => {
    const response = await fetch(`${stack.urls.gateway}/no/such/page`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
  });
});

describe('operation limits at the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { MAX_DEPTH: '4', MAX_COST: '200', MAX_ALIASES: '2' } });
  });
  afterAll(() => stack?.close());

  it('reports the estimated and actual cost and the limit on every response', async () => {
    const { body } = await post(stack.graphqlUrl, {
      query: '{ matches(first: 3) { id homeTeam { name } } }',
    });
    expect(body.errors).toBeUndefined();
    expect((body as { extensions?: unknown }).extensions).toEqual({
      cost: { estimated: 6, actual: 6, limit: 200, remaining: 50_000 - 6 },
    });
  });

  it('rejects a too-deep operation before any subgraph is called', async () => {
    const { status, body } = await post(stack.graphqlUrl, {
      query: '{ teams { players { team { players { team { name } } } } } }',
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      violations: [{ limit: 'depth', maximum: 4, actual: 6 }],
    });
    expect(body.data).toBeUndefined();
  });

  it('rejects too many aliases, naming the limit', async () => {
    const { status, body } = await post(stack.graphqlUrl, {
      query: '{ a: teams { id } b: teams { id } c: teams { id } }',
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.violations).toEqual([{ limit: 'aliases', maximum: 2, actual: 3 }]);
  });

  it('rejects an operation whose estimated cost is over the limit, giving both', async () => {
    const { status, body } = await post(stack.graphqlUrl, { query: '{ teams { players { name } } }' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'COST_LIMIT_EXCEEDED',
      estimated: 310,
      limit: 200,
    });
  });
});
