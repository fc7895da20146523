import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import {
  Arg,
  Ctx,
  Directive,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import WebSocket from 'ws';
import { Authenticated, Public, RequiresScopes } from './access';
import { DEVELOPMENT_PRINCIPAL_SECRET, EnvReader, readSubgraphConfig } from './env';
import { buildFederatedSchema } from './federation';
import type { RunningService } from './lifecycle';
import { PRINCIPAL_HEADER, signPrincipal, type Principal } from './principal';
import { startSubgraph, type RequestScope } from './subgraph';

@ObjectType()
class Tick {
  @Field(() => Int)
  n!: number;
}

@Directive('@key(fields: "id")')
@RequiresScopes('matches:read')
@ObjectType()
class Counter {
  @Field(() => ID)
  id!: string;
}

/** Ticks the mutation made: a refused call must not reach it. */
let ticked = 0;

@Resolver()
class TickResolver {
  @Public()
  @Query(() => String)
  hello() {
    return 'hello';
  }

  @Authenticated()
  @Query(() => String)
  whoami(@Ctx() { principal }: RequestScope) {
    return principal?.keyId ?? principal?.userId ?? 'nobody';
  }

  @RequiresScopes('telemetry:write')
  @Mutation(() => Boolean)
  async tick(@Arg('n', () => Int) n: number, @Ctx() { pubSub }: RequestScope) {
    ticked++;
    pubSub.publish('TICK', { n });
    return true;
  }

  @RequiresScopes('matches:read')
  @Subscription(() => Tick, { topics: 'TICK' })
  ticks(@Root() tick: Tick): Tick {
    return tick;
  }

  @RequiresScopes('matches:read')
  @Query(() => Counter)
  counter(): Counter {
    return { id: 'c1' };
  }
}

function startTicker(env: Record<string, string> = {}): Promise<RunningService> {
  const reader = new EnvReader('ticker', { PORT: '0', LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir(), ...env });
  const config = reader.done(readSubgraphConfig(reader, 'ticker', 0));
  return startSubgraph({
    name: `ticker`,
    config,
    openStore: async () => ({
      store: { ping: async () => undefined, close: async () => undefined },
      seeded: false,
    }),
    schema: (pubSub) =>
      buildFederatedSchema(
        { resolvers: [TickResolver], pubSub },
        { Counter: { __resolveReference: (reference) => ({ id: String(reference.id) }) } },
      ),
    context: (_store, scope) => scope,
    subscriptions: true,
  });
}

function connect(service: RunningService, params: Record<string, unknown> = {}): Client {
  return createClient({
    url: `${service.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
  });
}

/** The header the gateway sends for `principal`, signed with the development secret the ticker uses. */
function signed(principal: Principal): Record<string, string> {
  return { [PRINCIPAL_HEADER]: signPrincipal(principal, DEVELOPMENT_PRINCIPAL_SECRET) };
}

interface Answer {
  readonly status: number;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: Record<string, unknown> }[];
  };
}

async function call(
  service: RunningService,
  query: string,
  headers: Record<string, string> = {},
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** The values a subscription has delivered so far. */
function subscribeTicks(client: Client): number[] {
  const seen: number[] = [];
  client.subscribe<{ ticks: { n: number } }>(
    { query: 'subscription { ticks { n } }' },
    { next: ({ data }) => seen.push(data!.ticks.n), error: () => undefined, complete: () => undefined },
  );
  return seen;
}

/** Subscribing is asynchronous on the server: publish a probe until the subscriber has seen it. */
async function untilSubscribed(service: RunningService, seen: number[]): Promise<void> {
  for (let attempt = 0; attempt < 100 && !seen.includes(0); attempt++) {
    await mutate(service, 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(seen).toContain(0);
}

/** Waits until `count` values after the probes have arrived, or a few seconds have passed. */
async function afterProbes(seen: number[], count: number): Promise<number[]> {
  const values = () => seen.slice(seen.lastIndexOf(0) + 1);
  for (let attempt = 0; attempt < 200 && values().length < count; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return values();
}

async function mutate(service: RunningService, n: number): Promise<void> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { tick(n: ${n}) }` }),
  });
  expect(response.status).toBe(200);
}

describe('subgraph subscriptions over graphql-ws', () => {
  it('delivers what the subgraph publishes, in order', async () => {
    const service = await startTicker();
    const client = connect(service);
    try {
      const seen = subscribeTicks(client);
      await untilSubscribed(service, seen);
      for (const n of [1, 2, 3]) await mutate(service, n);
      expect(await afterProbes(seen, 3)).toEqual([1, 2, 3]);
    } finally {
      await client.dispose();
      await service.close();
    }
  });

  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) console.warn('REDIS_URL is not set: skipping the cross-replica subscription test');
  (redisUrl ? it : it.skip)('reaches a subscriber on another replica through Redis', async () => {
    // Replicas of a service share its Redis channels.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ticker-'));
    const env = { REDIS_URL: redisUrl!, DATA_DIR: dataDir };
    const [a, b] = await Promise.all([startTicker(env), startTicker(env)]);
    const client = connect(a);
    try {
      const seen = subscribeTicks(client);
      await untilSubscribed(b, seen);
      await mutate(b, 7);
      await mutate(b, 8);
      expect(await afterProbes(seen, 2)).toEqual([7, 8]);
    } finally {
      await client.dispose();
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('access checked by the subgraph itself', () => {
  let service: RunningService;
  const clients: Client[] = [];
  const reader = { keyId: 'key_reader', scopes: ['matches:read'] };
  const stranger = { keyId: 'key_stranger', scopes: ['other:read'] };

  beforeAll(async () => {
    service = await startTicker();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await service?.close();
  });

  it('refuses a field the principal lacks the scope for, before its resolver runs', async () => {
    const before = ticked;
    const { status, body } = await call(service, 'mutation { tick(n: 1) }', signed(reader));
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      refused: [{ field: 'Mutation.tick', missingScopes: [['telemetry:write']] }],
    });
    expect(ticked).toBe(before);
  });

  it('refuses a field that needs an identity to a principal without a key or a session', async () => {
    const { status, body } = await call(service, '{ whoami }', signed({ scopes: ['matches:read'] }));
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(service, '{ whoami }', signed(reader))).body.data).toEqual({ whoami: 'key_reader' });
  });

  it('answers what the principal may see, and public fields to anyone', async () => {
    expect((await call(service, '{ counter { id } }', signed(reader))).body).toEqual({
      data: { counter: { id: 'c1' } },
    });
    expect((await call(service, '{ hello }', signed({ scopes: [] }))).body).toEqual({
      data: { hello: 'hello' },
    });
  });

  it('checks entities by the type their fragment selects, and leaves _service open', async () => {
    const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Counter { id } } }';
    const representations = { r: [{ __typename: 'Counter', id: 'c9' }] };
    const refused = await call(service, entities, signed(stranger), representations);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      refused: [{ field: 'Counter.id', missingScopes: [['matches:read']] }],
    });
    const allowed = await call(service, entities, signed(reader), representations);
    expect(allowed.body).toEqual({ data: { _entities: [{ id: 'c9' }] } });
    const sdl = await call(service, '{ _service { sdl } }', signed({ scopes: [] }));
    expect(sdl.body.errors).toBeUndefined();
    // The subgraph SDL keeps the access directives, `@public` with them.
    expect((sdl.body.data?._service as { sdl: string }).sdl).toMatch(/hello: String! @public/);
  });

  it('lets an unsigned call through in development: local tooling has no principal', async () => {
    expect((await call(service, '{ counter { id } }')).body.data).toEqual({ counter: { id: 'c1' } });
  });

  it('refuses a subscription the principal lacks the scope for, and keeps the connection', async () => {
    const client = connect(service, signed(stranger));
    clients.push(client);
    const refusal = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { ticks { n } }' },
        { next: () => undefined, error: resolve, complete: () => resolve(undefined) },
      );
    });
    expect(refusal).toEqual([
      expect.objectContaining({
        extensions: {
          code: 'FORBIDDEN',
          refused: [{ field: 'Subscription.ticks', missingScopes: [['matches:read']] }],
        },
      }),
    ]);
    const answer = await new Promise<unknown>((resolve, reject) => {
      client.subscribe({ query: '{ hello }' }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(answer).toEqual({ data: { hello: 'hello' } });
  });

  it('lets a subscription with the scope through', async () => {
    const client = connect(service, signed(reader));
    clients.push(client);
    const seen: number[] = [];
    client.subscribe<{ ticks: { n: number } }>(
      { query: 'subscription { ticks { n } }' },
      { next: ({ data }) => seen.push(data!.ticks.n), error: () => undefined, complete: () => undefined },
    );
    await untilSubscribed(service, seen);
  });
});
