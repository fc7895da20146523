/**
 * Live match data on the matches subgraph over graphql-ws: the demo match replays (here 20 times faster than
 * real time) and subscribers get its frames in order from the current frame on, and its events as they happen.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { serviceEntries } from '@meridian/stack';
import { startTestStack, type TestStack } from '../support/platform';

const SPEED = 20;

interface LiveFrame {
  frame: number;
  period: number;
  time: number;
  players: { playerId: string }[];
}

/** Collects what a subscription delivers, and the error that ends it, if any. */
function collect<T>(client: Client, query: string, pick: (data: Record<string, unknown>) => T) {
  const seen: T[] = [];
  const errors: { extensions?: Record<string, unknown> }[] = [];
  const stop = client.subscribe<Record<string, unknown>>(
    { query },
    {
      next: ({ data, errors: failed }) => {
        if (failed) errors.push(...failed);
        if (data) seen.push(pick(data));
      },
      error: (error) => errors.push({ extensions: { error: String(error) } }),
      complete: () => undefined,
    },
  );
  return { seen, errors, stop };
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for live data');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('live match data over graphql-ws', () => {
  let stack: TestStack;
  const clients: Client[] = [];
  const connect = () => {
    const client = createClient({
      url: `${stack.urls.matches.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    stack = await startTestStack({ env: { MATCHES_REPLAY_SPEED: String(SPEED) } });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await stack?.close();
  });

  it('delivers frames in order, one every `every` seconds, with every player on the pitch', async () => {
    const live = collect(
      connect(),
      'subscription { matchFrames(matchId: "match_0001", every: 0.5) { frame period time players { playerId } } }',
      (data) => data.matchFrames as LiveFrame,
    );
    await until(() => live.seen.length >= 12);
    live.stop();
    expect(live.errors).toEqual([]);
    // The first frame comes at once, wherever the clock is; the following ones fall on the 0.5 s steps.
    const frames = live.seen.slice(1).filter((f) => f.period === live.seen[1]!.period);
    for (let i = 1; i < frames.length; i++) {
      expect(frames[i]!.frame - frames[i - 1]!.frame).toBe(5);
      expect(frames[i]!.time - frames[i - 1]!.time).toBeCloseTo(0.5, 3);
    }
    for (const frame of live.seen) expect(frame.players).toHaveLength(22);
  });

  it('starts a subscriber that joins late at the current frame, not at kick-off', async () => {
    const early = collect(
      connect(),
      'subscription { matchFrames(matchId: "match_0001") { frame period time players { playerId } } }',
      (data) => data.matchFrames as LiveFrame,
    );
    await until(() => early.seen.length >= 20);
    const seenBeforeJoin = early.seen.length;
    const late = collect(
      connect(),
      'subscription { matchFrames(matchId: "match_0001") { frame period time players { playerId } } }',
      (data) => data.matchFrames as LiveFrame,
    );
    await until(() => late.seen.length >= 10);
    early.stop();
    late.stop();
    const key = (f: LiveFrame) => f.period * 1e7 + f.frame;
    expect(key(late.seen[0]!)).toBeGreaterThanOrEqual(key(early.seen[seenBeforeJoin - 1]!));
    // Every frame the late subscriber got is one the early one got too, in the same order, with no gap.
    const earlyKeys = early.seen.map(key);
    const start = earlyKeys.indexOf(key(late.seen[0]!));
    expect(start).toBeGreaterThan(0);
    expect(late.seen.slice(0, 10).map(key)).toEqual(earlyKeys.slice(start, start + 10));
  });

  it('delivers only the event types asked for', async () => {
    const live = collect(
      connect(),
      'subscription { matchEvents(matchId: "match_0001", types: [PASS]) { type frame period player { id } } }',
      (data) => data.matchEvents as { type: string; frame: number; period: number; player: { id: string } },
    );
    await until(() => live.seen.length >= 3);
    live.stop();
    expect(live.errors).toEqual([]);
    for (const event of live.seen) {
      expect(event.type).toBe('PASS');
      expect(event.player.id).toEqual(expect.any(String));
    }
  });

  it('refuses an unknown match and an interval finer than the frame rate with BAD_USER_INPUT', async () => {
    const unknown = collect(connect(), 'subscription { matchFrames(matchId: "nope") { frame } }', (d) => d);
    const tooFine = collect(
      connect(),
      'subscription { matchFrames(matchId: "match_0001", every: 0.01) { frame } }',
      (d) => d,
    );
    await until(() => unknown.errors.length > 0 && tooFine.errors.length > 0);
    expect(unknown.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'matchId' });
    expect(tooFine.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'every' });
  });
});

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) console.warn('REDIS_URL is not set: skipping the live test across matches replicas');

/** Starts one more matches process on the stack's data, resolving with its URL once it is ready. */
function startReplica(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [serviceEntries.matches], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = output.match(/ready at (http:\/\/[\d.:]+)/);
      if (ready) resolve({ url: ready[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}: ${output}`)));
  });
}

(redisUrl ? describe : describe.skip)('live match data across replicas through Redis', () => {
  // A topic prefix of its own keeps this run apart from any other on the same Redis.
  const prefix = `test_${randomBytes(4).toString('hex')}:`;
  let stack: TestStack;
  let replica: { url: string; child: ChildProcess } | undefined;
  let client: Client | undefined;

  beforeAll(async () => {
    const live = { REDIS_URL: redisUrl!, MATCHES_LIVE_TOPIC_PREFIX: prefix };
    stack = await startTestStack({ env: { ...live, MATCHES_REPLAY_SPEED: String(SPEED) } });
    replica = await startReplica({
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: stack.dataDir,
      MATCHES_REPLAY_MATCH: 'none',
      ...live,
    });
  }, 60_000);
  afterAll(async () => {
    await client?.dispose();
    replica?.child.kill();
    await stack?.close();
  });

  it('delivers frames replayed by one replica to a subscriber of another, in order', async () => {
    client = createClient({
      url: `${replica!.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const live = collect(
      client,
      'subscription { matchFrames(matchId: "match_0001") { frame period time publishedAt players { playerId } } }',
      (data) => data.matchFrames as LiveFrame & { publishedAt: string },
    );
    await until(() => live.seen.length >= 30);
    live.stop();
    expect(live.errors).toEqual([]);
    for (const frame of live.seen) expect(Date.parse(frame.publishedAt)).toBeLessThanOrEqual(Date.now());
    const keys = live.seen.map((f) => f.period * 1e7 + f.frame);
    for (let i = 1; i < keys.length; i++) expect(keys[i]!).toBeGreaterThan(keys[i - 1]!);
  });
});
