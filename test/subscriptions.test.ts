/**
 * Federated subscriptions through the gateway, with the real graphql-ws client: identity at connection_init,
 * scopes before anything runs, events completed with fields other subgraphs own, one upstream for many
 * identical clients, and a subgraph restart that clients ride through.
 */
import { ApolloClient, gql, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { serviceEntries, subgraphNames } from '@meridian/stack';
import type { Client } from 'graphql-ws';
import { DEMO_KEY, gatewayClient, query, signIn, startTestStack, type TestStack } from './support/platform';

const FRAMES = 'subscription { matchFrames(matchId: "match_0001") { frame period ball { x y } } }';
const EVENTS = `subscription {
  matchEvents(matchId: "match_0001") { type player { name } match { homeTeam { name } broadcaster { name } } }
}`;

interface Collected<T> {
  readonly values: T[];
  readonly errors: unknown[];
  stop(): void;
}

function collect<T>(client: Client, query: string): Collected<T> {
  const values: T[] = [];
  const errors: unknown[] = [];
  const stop = client.subscribe<T>(
    { query },
    {
      next: (result) => (result.errors ? errors.push(result.errors) : values.push(result.data as T)),
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { values, errors, stop };
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('subscriptions through the gateway', () => {
  let stack: TestStack;
  const clients: Client[] = [];
  beforeAll(async () => {
    // Replayed fast, so that events come often.
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '', MATCHES_REPLAY_SPEED: '20' } });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it('closes a connection without a valid key with 4401', async () => {
    let closed: { code: number; reason: string } | undefined;
    const client = gatewayClient(
      stack.urls.gateway,
      { 'x-api-key': 'mer_live_not_a_key' },
      (code, reason) => (closed = { code, reason }),
    );
    clients.push(client);
    const { errors } = collect(client, FRAMES);
    await until(() => closed !== undefined || errors.length > 0);
    expect(closed?.code).toBe(4401);
    expect(closed?.reason).toMatch(/malformed/);
  });

  it('refuses a subscription outside the key scopes before anything runs', async () => {
    const client = gatewayClient(stack.urls.gateway, {});
    clients.push(client);
    const { errors } = collect(client, FRAMES);
    await until(() => errors.length > 0);
    expect(JSON.stringify(errors[0])).toMatch(/UNAUTHENTICATED.*matches:read|matches:read.*UNAUTHENTICATED/s);
  });

  it('delivers frames in order', async () => {
    const client = gatewayClient(stack.urls.gateway, { 'x-api-key': DEMO_KEY });
    clients.push(client);
    const frames = collect<{ matchFrames: { frame: number; period: number } }>(client, FRAMES);
    await until(() => frames.values.length >= 20);
    frames.stop();
    const order = frames.values.map((v) => v.matchFrames.period * 1_000_000 + v.matchFrames.frame);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(frames.errors).toEqual([]);
  });

  it('completes every event with fields of other subgraphs (the broadcaster, from billing)', async () => {
    const client = gatewayClient(stack.urls.gateway, { 'x-api-key': DEMO_KEY });
    clients.push(client);
    const events = collect<{
      matchEvents: {
        type: string;
        match: { homeTeam: { name: string }; broadcaster: { name: string } | null };
      };
    }>(client, EVENTS);
    await until(() => events.values.length >= 3, 60_000);
    events.stop();
    for (const { matchEvents } of events.values) {
      expect(matchEvents.match.homeTeam.name).toEqual(expect.any(String));
      expect(matchEvents.match.broadcaster?.name).toEqual(expect.any(String));
    }
  });

  it('works with Apollo Client over GraphQLWsLink', async () => {
    const wsClient = gatewayClient(stack.urls.gateway, { 'x-api-key': DEMO_KEY });
    clients.push(wsClient);
    const apollo = new ApolloClient({ link: new GraphQLWsLink(wsClient), cache: new InMemoryCache() });
    const received: { matchEvents: { match: { broadcaster: { name: string } | null } } }[] = [];
    const subscription = apollo.subscribe({ query: gql(EVENTS) }).subscribe({
      next: (result) => {
        if (result.data) received.push(result.data as (typeof received)[number]);
      },
    });
    await until(() => received.length >= 2, 60_000);
    subscription.unsubscribe();
    expect(received[0]!.matchEvents.match.broadcaster?.name).toEqual(expect.any(String));
    apollo.stop();
  });

  it('runs the example of the gateway README as it is printed there', async () => {
    const example = path.resolve(__dirname, '..', 'gateway', 'examples', 'live-events.mjs');
    const code = fs.readFileSync(example, 'utf8');
    const readme = fs.readFileSync(path.resolve(__dirname, '..', 'gateway', 'README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`js\n${code}\`\`\``);
    const child = spawn(process.execPath, [example], {
      env: {
        PATH: process.env.PATH,
        MERIDIAN_URL: `${stack.urls.gateway.replace('http', 'ws')}/graphql`,
        MERIDIAN_KEY: DEMO_KEY,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const printed: { matchEvents: { type: string; match: { broadcaster: { name: string } | null } } }[] =
        [];
      for await (const line of readline.createInterface({ input: child.stdout! })) {
        printed.push(JSON.parse(line));
        if (printed.length === 2) break;
      }
      for (const { matchEvents } of printed) {
        expect(matchEvents.type).toEqual(expect.any(String));
        expect(matchEvents.match.broadcaster?.name).toEqual(expect.any(String));
      }
    } finally {
      child.kill();
    }
  });

  it('serves many identical clients from one upstream subscription', async () => {
    const many = Array.from({ length: 20 }, () =>
      gatewayClient(stack.urls.gateway, { 'x-api-key': DEMO_KEY }),
    );
    clients.push(...many);
    const streams = many.map((client) => collect<{ matchFrames: { frame: number } }>(client, FRAMES));
    await until(() => streams.every((s) => s.values.length >= 5));
    const metrics = await (await fetch(`${stack.urls.gateway}/metrics`)).text();
    expect(metrics).toMatch(/meridian_gateway_subscriptions\{kind="clients"\} 20\b/);
    expect(metrics).toMatch(/meridian_gateway_subscriptions\{kind="upstreams"\} 1\b/);
    for (const stream of streams) stream.stop();
  });

  it('keeps clients subscribed through a restart of the subgraph', async () => {
    const client = gatewayClient(stack.urls.gateway, { 'x-api-key': DEMO_KEY });
    clients.push(client);
    const frames = collect<{ matchFrames: { frame: number } }>(client, FRAMES);
    await until(() => frames.values.length >= 3);
    await stack.restartService('matches');
    const before = frames.values.length;
    await until(() => frames.values.length >= before + 5, 60_000);
    expect(frames.errors).toEqual([]);
    frames.stop();
  });
});

describe('the limit on concurrent subscriptions', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: 'matches:read', ANONYMOUS_SUBSCRIPTIONS: '2' } });
  });

  it('refuses a caller one subscription more than it may hold, and lets it subscribe once one closes', async () => {
    const client = gatewayClient(stack.urls.gateway, {});
    const [first, second] = [collect(client, FRAMES), collect(client, FRAMES)];
    await until(() => first.values.length > 0 && second.values.length > 0);
    const third = collect(client, FRAMES);
    await until(() => third.errors.length > 0);
    expect(JSON.stringify(third.errors[0])).toMatch(/RATE_LIMITED/);
    first.stop();
    const clientsOpen = async () =>
      Number(
        /meridian_gateway_subscriptions\{kind="clients"\} (\d+)/.exec(
          await (await fetch(`${stack.urls.gateway}/metrics`)).text(),
        )?.[1],
      );
    let open = await clientsOpen();
    while (open > 1) open = await clientsOpen();
    const fourth = collect<{ matchFrames: { frame: number } }>(client, FRAMES);
    await until(() => fourth.values.length > 0 || fourth.errors.length > 0);
    expect(fourth.errors).toEqual([]);
    await client.dispose();
  });

  it('holds the limit against a burst of subscribe messages sent at once, on one connection or several', async () => {
    // The test before closed its subscriptions: the gateway has let go of them all first.
    const metrics = async () => (await fetch(`${stack.urls.gateway}/metrics`)).text();
    while (!/meridian_gateway_subscriptions\{kind="clients"\} 0\b/.test(await metrics())) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const clients = [gatewayClient(stack.urls.gateway, {}), gatewayClient(stack.urls.gateway, {})];
    const burst = Array.from({ length: 10 }, (_, i) => collect(clients[i % 2]!, FRAMES));
    await until(() => burst.every((one) => one.values.length > 0 || one.errors.length > 0));
    const streaming = burst.filter((one) => one.values.length > 0);
    const refused = burst.filter((one) => one.errors.length > 0);
    expect(streaming).toHaveLength(2);
    expect(refused).toHaveLength(8);
    for (const one of refused) expect(JSON.stringify(one.errors[0])).toMatch(/RATE_LIMITED/);
    await Promise.all(clients.map((client) => client.dispose()));
  });
});

describe('metering of subscription messages', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Live frames at their real 10 Hz, so that few are on the wire when the client stops.
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '', METERING_INTERVAL_MS: '100' } });
  });

  it('counts every message a key receives against its partner', async () => {
    const client = gatewayClient(stack.urls.gateway, { 'x-api-key': DEMO_KEY });
    const frames = collect(
      client,
      'subscription MeteredFrames { matchFrames(matchId: "match_0001") { frame } }',
    );
    await until(() => frames.values.length >= 30);
    frames.stop();
    const received = frames.values.length;
    await client.dispose();

    const admin = await signIn(stack.graphqlUrl);
    const metered = async () => {
      const { usage } = await query<{
        usage: { group: string; points: { subscriptionMessages: number }[] }[];
      }>(
        stack.graphqlUrl,
        'query ($from: DateTimeISO!, $to: DateTimeISO!) { usage(partnerId: "par_demo", from: $from, to: $to, groupBy: OPERATION) { group points { subscriptionMessages } } }',
        {
          from: new Date(Date.now() - 86_400_000).toISOString(),
          to: new Date(Date.now() + 86_400_000).toISOString(),
        },
        admin,
      );
      const points = usage.find((series) => series.group === 'MeteredFrames')?.points ?? [];
      return points.reduce((sum, point) => sum + point.subscriptionMessages, 0);
    };
    let counted = await metered();
    const started = Date.now();
    while (counted < received && Date.now() - started < 15_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      counted = await metered();
    }
    // Every frame the client got is counted; the few sent while its `complete` was on the way count too.
    expect(counted).toBeGreaterThanOrEqual(received);
    expect(counted).toBeLessThanOrEqual(received + 20);
  });
});

describe('shutdown', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      env: { ANONYMOUS_SCOPES: '' },
    });
  });

  it('closes every websocket properly when the gateway shuts down', async () => {
    let closed: number | undefined;
    const client = gatewayClient(stack.urls.gateway, { 'x-api-key': DEMO_KEY }, (code) => (closed = code));
    const frames = collect(client, FRAMES);
    await until(() => frames.values.length > 0);
    await stack.stopService('gateway');
    await until(() => closed !== undefined);
    expect(closed).toBe(1001);
  });
});

describe('several gateway replicas', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { ANONYMOUS_SCOPES: '' } });
  });

  it('serve subscriptions side by side from the same subgraphs', async () => {
    const second = fork(serviceEntries.gateway, [], {
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        LOG_LEVEL: 'warn',
        DATA_DIR: stack.dataDir,
        SPOOL_DIR: `${stack.dataDir}/second-gateway-usage`,
        SUBGRAPH_URLS: subgraphNames.map((name) => `${name}=${stack.urls[name]}/graphql`).join(','),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    try {
      const secondUrl = await new Promise<string>((resolve, reject) => {
        second.once('message', (message: { url: string }) => resolve(message.url));
        second.once('exit', (code) => reject(new Error(`second gateway exited with ${code}`)));
      });
      const first = gatewayClient(stack.urls.gateway, { 'x-api-key': DEMO_KEY });
      const other = gatewayClient(secondUrl, { 'x-api-key': DEMO_KEY });
      const [a, b] = [
        collect<{ matchFrames: { frame: number } }>(first, FRAMES),
        collect<{ matchFrames: { frame: number } }>(other, FRAMES),
      ];
      await until(() => a.values.length >= 5 && b.values.length >= 5);
      expect([...a.errors, ...b.errors]).toEqual([]);
      await Promise.all([first.dispose(), other.dispose()]);
    } finally {
      second.kill();
    }
  });
});
