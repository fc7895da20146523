import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import {
  Arg,
  Ctx,
  Field,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import WebSocket from 'ws';
import { EnvReader, readSubgraphConfig } from './env';
import { buildFederatedSchema } from './federation';
import type { RunningService } from './lifecycle';
import { startSubgraph, type RequestScope } from './subgraph';

@ObjectType()
class Tick {
  @Field(() => Int)
  n!: number;
}

@Resolver()
class TickResolver {
  @Query(() => String)
  hello() {
    return 'hello';
  }

  @Mutation(() => Boolean)
  async tick(@Arg('n', () => Int) n: number, @Ctx() { pubSub }: RequestScope) {
    pubSub.publish('TICK', { n });
    return true;
  }

  @Subscription(() => Tick, { topics: 'TICK' })
  ticks(@Root() tick: Tick): Tick {
    return tick;
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
    schema: (pubSub) => buildFederatedSchema({ resolvers: [TickResolver], pubSub }),
    context: (_store, scope) => scope,
    subscriptions: true,
  });
}

function connect(service: RunningService): Client {
  return createClient({
    url: `${service.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
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
