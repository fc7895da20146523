/**
 * Federated subscriptions through the gateway, with the real graphql-ws client: identity at connection_init,
 * scopes before anything runs, events completed with fields other subgraphs own, one upstream for many
 * identical clients, and a subgraph restart that clients ride through.
 */
import { demoApiKey, DEVELOPMENT_PRINCIPAL_SECRET } from '@meridian/kit';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestStack, type TestStack } from './support/platform';

const DEMO_KEY = demoApiKey(DEVELOPMENT_PRINCIPAL_SECRET);
const FRAMES = 'subscription { matchFrames(matchId: "match_0001") { frame period ball { x y } } }';
const EVENTS = `subscription {
  matchEvents(matchId: "match_0001") { type player { name } match { homeTeam { name } broadcaster { name } } }
}`;

interface Collected<T> {
  readonly values: T[];
  readonly errors: unknown[];
  stop(): void;
}

function connect(
  stack: TestStack,
  params: Record<string, unknown>,
  onClose?: (code: number, reason: string) => void,
): Client {
  return createClient({
    url: `${stack.urls.gateway.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    on: {
      closed: (event) => onClose?.((event as { code: number }).code, (event as { reason: string }).reason),
    },
  });
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
    const client = connect(
      stack,
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
    const client = connect(stack, {});
    clients.push(client);
    const { errors } = collect(client, FRAMES);
    await until(() => errors.length > 0);
    expect(JSON.stringify(errors[0])).toMatch(/UNAUTHENTICATED.*matches:read|matches:read.*UNAUTHENTICATED/s);
  });

  it('delivers frames in order', async () => {
    const client = connect(stack, { 'x-api-key': DEMO_KEY });
    clients.push(client);
    const frames = collect<{ matchFrames: { frame: number; period: number } }>(client, FRAMES);
    await until(() => frames.values.length >= 20);
    frames.stop();
    const order = frames.values.map((v) => v.matchFrames.period * 1_000_000 + v.matchFrames.frame);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(frames.errors).toEqual([]);
  });

  it('completes every event with fields of other subgraphs (the broadcaster, from billing)', async () => {
    const client = connect(stack, { 'x-api-key': DEMO_KEY });
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

  it('serves many identical clients from one upstream subscription', async () => {
    const many = Array.from({ length: 20 }, () => connect(stack, { 'x-api-key': DEMO_KEY }));
    clients.push(...many);
    const streams = many.map((client) => collect<{ matchFrames: { frame: number } }>(client, FRAMES));
    await until(() => streams.every((s) => s.values.length >= 5));
    const metrics = await (await fetch(`${stack.urls.gateway}/metrics`)).text();
    expect(metrics).toMatch(/meridian_gateway_subscriptions\{kind="clients"\} 20\b/);
    expect(metrics).toMatch(/meridian_gateway_subscriptions\{kind="upstreams"\} 1\b/);
    for (const stream of streams) stream.stop();
  });

  it('keeps clients subscribed through a restart of the subgraph', async () => {
    const client = connect(stack, { 'x-api-key': DEMO_KEY });
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
