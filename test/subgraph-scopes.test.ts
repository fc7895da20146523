/**
 * Subgraphs check scopes themselves: a call that reaches one around the gateway, with a principal validly
 * signed with the stack's secret, gets only what that principal may see, over HTTP and graphql-ws, with the
 * gateway's codes, and before any resolver runs.
 */
import { randomBytes } from 'node:crypto';
import { PRINCIPAL_HEADER, signPrincipal, type Principal } from '@meridian/kit';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { post, startTestStack, type TestStack } from './support/platform';

const secret = randomBytes(32).toString('hex');
const ADMIN_PASSWORD = `Prod-${randomBytes(12).toString('hex')}`;

/** A partner's key that reads matches and nothing else. */
const MATCHES_ONLY: Principal = { partnerId: 'par_scopes', keyId: 'key_matches', scopes: ['matches:read'] };
/** The same partner's key that reads telemetry. */
const TELEMETRY_READER: Principal = {
  partnerId: 'par_scopes',
  keyId: 'key_fleet',
  scopes: ['telemetry:read'],
};
/** A caller with neither a key nor a session: the gateway's anonymous principal. */
const NOBODY: Principal = { scopes: ['billing:read', 'matches:read', 'telemetry:read'] };

const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Engine { id } } }';

function signed(principal: Principal): Record<string, string> {
  return { [PRINCIPAL_HEADER]: signPrincipal(principal, secret) };
}

describe('subgraphs check the scopes of a signed principal themselves', () => {
  let stack: TestStack;
  const clients: Client[] = [];

  /** A graphql-ws client straight to a subgraph, with `principal` in connection_init. */
  const subgraphClient = (name: 'matches' | 'telemetry', principal: Principal) => {
    const client = createClient({
      url: `${stack.urls[name].replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: signed(principal),
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  };

  /** The first thing an operation over `client` delivers: its result, or its error (an array of errors). */
  const first = (client: Client, query: string) =>
    new Promise<{ result?: unknown; error?: unknown }>((resolve) => {
      const stop = client.subscribe(
        { query },
        {
          next: (result) => {
            stop();
            resolve({ result });
          },
          error: (error) => resolve({ error }),
          complete: () => resolve({}),
        },
      );
    });

  beforeAll(async () => {
    stack = await startTestStack({
      env: {
        NODE_ENV: 'production',
        PRINCIPAL_SECRET: secret,
        INTERNAL_TOKEN: randomBytes(32).toString('hex'),
        ADMIN_PASSWORD,
      },
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it('refuses telemetry reads to a key that reads matches only, naming the scope it lacks', async () => {
    const { status, body } = await post(
      `${stack.urls.telemetry}/graphql`,
      { query: '{ fleets { id } }' },
      signed(MATCHES_ONLY),
    );
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      refused: [
        { field: 'Query.fleets', missingScopes: [['telemetry:read']] },
        { field: 'Fleet.id', missingScopes: [['telemetry:read']] },
      ],
    });
    const allowed = await post(
      `${stack.urls.telemetry}/graphql`,
      { query: '{ fleets { id } }' },
      signed(TELEMETRY_READER),
    );
    expect(allowed.status).toBe(200);
    expect(allowed.body.errors).toBeUndefined();
  });

  it('refuses billing fields that need an identity to a principal with neither a key nor a session', async () => {
    const { status, body } = await post(
      `${stack.urls.billing}/graphql`,
      { query: '{ me { email } }' },
      signed(NOBODY),
    );
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      refused: [{ field: 'Query.me', missingScopes: [] }],
    });
  });

  it('lets that principal call what is public: signing in', async () => {
    const { body } = await post(
      `${stack.urls.billing}/graphql`,
      {
        query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { user { email } } }',
        variables: { e: 'admin@meridian.example', p: ADMIN_PASSWORD },
      },
      signed({ scopes: [] }),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ login: { user: { email: 'admin@meridian.example' } } });
  });

  it('checks entities asked for through _entities by their type', async () => {
    const representations = { r: [{ __typename: 'Engine', id: 'eng_unknown' }] };
    const refused = await post(
      `${stack.urls.telemetry}/graphql`,
      { query: ENTITIES, variables: representations },
      signed(MATCHES_ONLY),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      refused: [{ field: 'Engine.id', missingScopes: [['telemetry:read']] }],
    });
    const allowed = await post(
      `${stack.urls.telemetry}/graphql`,
      { query: ENTITIES, variables: representations },
      signed(TELEMETRY_READER),
    );
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data).toEqual({ _entities: [null] });
  });

  it('leaves _service open to tooling with any signed principal', async () => {
    const { body } = await post(
      `${stack.urls.telemetry}/graphql`,
      { query: '{ _service { sdl } }' },
      signed({ scopes: [] }),
    );
    expect(body.errors).toBeUndefined();
    expect((body.data as { _service: { sdl: string } })._service.sdl).toMatch(/@requiresScopes/);
  });

  it('refuses a graphql-ws subscription to a key that lacks the scope, and keeps the connection', async () => {
    const client = subgraphClient('telemetry', MATCHES_ONLY);
    const { error } = await first(client, 'subscription { engineAlerts { id } }');
    expect(error).toEqual([
      expect.objectContaining({
        extensions: {
          code: 'FORBIDDEN',
          refused: [
            { field: 'Subscription.engineAlerts', missingScopes: [['telemetry:read']] },
            { field: 'Alert.id', missingScopes: [['telemetry:read']] },
          ],
        },
      }),
    ]);
    // The connection stays open for what the key may do.
    expect(await first(client, '{ __typename }')).toEqual({ result: { data: { __typename: 'Query' } } });
  });

  it('lets a key with the scope through over graphql-ws', async () => {
    const client = subgraphClient('telemetry', TELEMETRY_READER);
    const { result, error } = await first(client, '{ sensors(engineModel: "CFM56-7B") { id } }');
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ data: { sensors: expect.any(Array) } });
  });
});
