/**
 * The cluster (`npm run start:cluster`: two replicas of each service behind HAProxy, on PostgreSQL and Redis)
 * under a steady load of queries and 500 live subscribers, while its parts fail one after the other: one
 * gateway killed (-9), one replica of each subgraph killed (-9), Redis restarted, PostgreSQL stopped for 10 s.
 * Clients do what real ones do: retry an idempotent query that failed, and let graphql-ws reconnect. Before
 * that, the rules that live in billing (a revoked key, a partner's safelist, a suspension) reach every gateway
 * within a second; after it, a caller without credentials has one rate budget across both gateways, whatever
 * X-Forwarded-For it claims through the load balancer or straight to a gateway.
 *
 * The test owns its PostgreSQL (a fresh cluster made with initdb) and its Redis (a child process), so it can
 * stop them without disturbing the rest of the suite. It needs PostgreSQL's server binaries, redis-server and
 * HAProxy, and skips, saying which is missing, without them. It prints the figures: requests failed,
 * reconnect time p50/p99, usage billed against requests answered.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { demoApiKey, DEVELOPMENT_PRINCIPAL_SECRET } from '@meridian/kit';
import { freePort, startCluster, type Cluster } from '@meridian/stack';
import { post, query, signIn } from './support/platform';

const SUBSCRIBERS = 500;
const LOAD_WORKERS = 6;
const PAUSE_BETWEEN_REQUESTS_MS = 100;
/** How long a client keeps retrying one query before it counts it as failed. */
const RETRY_BUDGET_MS = 30_000;
const POSTGRES_OUTAGE_MS = 10_000;
const OPERATION = 'ClusterFailureLoad';
/** The tests below; the services' logs are printed when fewer passed. */
const TESTS = 4;
/** Requests a minute a caller without credentials may make, on all gateways together. */
const ANONYMOUS_REQUESTS_PER_MINUTE = 40;
const LOAD_QUERY = `query ${OPERATION} { teams { id name } fleets { id name } plans { id name } }`;
const FRAMES = `subscription ClusterFailureFrames { matchFrames(matchId: "match_0001", every: 1) { frame period } }`;

/** PostgreSQL's server binaries, when installed (Debian puts them under /usr/lib/postgresql/<version>/bin). */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
  }
  return undefined;
}

const installed = (command: string, args: string[]) => spawnSync(command, args).status === 0;
const pgBin = postgresBin();
const missing = [
  ...(pgBin ? [] : ['PostgreSQL server binaries (initdb, pg_ctl)']),
  ...(installed('redis-server', ['--version']) ? [] : ['redis-server']),
  ...(installed('haproxy', ['-v']) ? [] : ['haproxy']),
];
if (missing.length > 0)
  console.warn(`skipping the cluster failure test: ${missing.join(', ')} not installed`);

/** A PostgreSQL of the test's own, in a temporary folder; run as the `postgres` user when the test is root. */
class OwnPostgres {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-pg-'));
  private readonly data = path.join(this.dir, 'data');
  constructor(
    private readonly bin: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(command: string, args: string[]): void {
    const root = process.getuid?.() === 0;
    const [file, argv] = root
      ? ['runuser', ['-u', 'postgres', '--', path.join(this.bin, command), ...args]]
      : [path.join(this.bin, command), args];
    execFileSync(file, argv, { stdio: 'pipe' });
  }

  init(): void {
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', this.dir]);
    this.run('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
    this.run('pg_ctl', ['-D', this.data, '-l', path.join(this.dir, 'log'), '-o', options, '-w', 'start']);
  }

  stop(): void {
    this.run('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }

  remove(): void {
    try {
      this.stop();
    } catch {
      // Already stopped.
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A Redis of the test's own, keeping nothing on disk. */
class OwnRedis {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface LoadFigures {
  /** Requests that got their data, maybe after retries. */
  succeeded: number;
  /** Requests that still had no data when their retry budget ran out. */
  failed: number;
  /** Attempts that failed and were retried. */
  retried: number;
  /** Answers that came from a gateway (they carry its request id), whatever they said: what billing meters. */
  answeredByGateway: number;
  /** Failed attempts by what they got: an HTTP status and error code, or the connection's failure. */
  failures: Map<string, number>;
}

/** A client that retries a failed query (it is idempotent) until it gets data or its budget runs out. */
async function queryWithRetries(url: string, key: string, figures: LoadFigures): Promise<void> {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ query: LOAD_QUERY, operationName: OPERATION }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (response.headers.has('x-request-id')) figures.answeredByGateway += 1;
      const body = (() => {
        try {
          return JSON.parse(text) as { data?: unknown; errors?: unknown[] };
        } catch {
          return {};
        }
      })();
      if (response.ok && body.data && !body.errors) {
        figures.succeeded += 1;
        return;
      }
      const code = (body.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code;
      const kind = `${response.status} ${code ?? '-'}${response.headers.has('x-request-id') ? '' : ' (load balancer)'}`;
      figures.failures.set(kind, (figures.failures.get(kind) ?? 0) + 1);
    } catch (error) {
      // The connection broke (the gateway behind it died): retried below.
      const kind = `no answer: ${(error as Error).name}`;
      figures.failures.set(kind, (figures.failures.get(kind) ?? 0) + 1);
    }
    figures.retried += 1;
    await sleep(250);
  }
  figures.failed += 1;
}

interface Subscriber {
  client: Client;
  /** Frames seen, as period * 1e7 + frame. */
  last: number;
  frames: number;
  outOfOrder: number;
  /** The first frames that came out of order: the failure under way, the frame and the one before it. */
  disorder: { during: string; frame: number; after: number }[];
  /** When the stream broke, while it is broken. */
  brokenAt: number | undefined;
  gaps: number[];
  stopped: boolean;
}

/** What the failure test is doing at the moment, named in the report of a frame out of order. */
let phase = 'steady load';

function subscribe(wsUrl: string, key: string): Subscriber {
  const subscriber: Subscriber = {
    client: createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': key },
      lazy: false,
      retryAttempts: 1_000,
      retryWait: () => sleep(200 + Math.random() * 300),
      shouldRetry: () => true,
    }),
    last: 0,
    frames: 0,
    outOfOrder: 0,
    disorder: [],
    brokenAt: undefined,
    gaps: [],
    stopped: false,
  };
  const broke = () => (subscriber.brokenAt ??= Date.now());
  subscriber.client.on('closed', broke);
  const again = () => {
    broke();
    if (!subscriber.stopped) setTimeout(start, 250);
  };
  const start = () =>
    subscriber.client.subscribe<{ matchFrames: { frame: number; period: number } }>(
      { query: FRAMES },
      {
        next: ({ data }) => {
          if (!data) return;
          const at = data.matchFrames.period * 1e7 + data.matchFrames.frame;
          if (at <= subscriber.last) {
            subscriber.outOfOrder += 1;
            if (subscriber.disorder.length < 3)
              subscriber.disorder.push({ during: phase, frame: at, after: subscriber.last });
          }
          subscriber.last = at;
          subscriber.frames += 1;
          if (subscriber.brokenAt !== undefined) {
            subscriber.gaps.push(Date.now() - subscriber.brokenAt);
            subscriber.brokenAt = undefined;
          }
        },
        // The upstream subscription ended (its subgraph replica died): subscribe again, as a client would.
        error: again,
        complete: again,
      },
    );
  start();
  return subscriber;
}

(missing.length > 0 ? describe.skip : describe)('the cluster when its parts fail', () => {
  let postgres: OwnPostgres;
  let redis: OwnRedis;
  let cluster: Cluster | undefined;
  let dataDir: string;
  const subscribers: Subscriber[] = [];
  /** The last warnings and errors of each replica, printed at the end when a test did not pass. */
  const logs = new Map<string, string[]>();
  let passed = 0;

  beforeAll(async () => {
    postgres = new OwnPostgres(pgBin!, await freePort());
    postgres.init();
    postgres.start();
    redis = new OwnRedis(await freePort());
    await redis.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-cluster-'));
    cluster = await startCluster({
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      port: await freePort(),
      subgraphPorts: { matches: await freePort(), telemetry: await freePort(), billing: await freePort() },
      statsPort: await freePort(),
      dataDir,
      drainMs: 1_000,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'warn',
        TELEMETRY_DEMO_FLIGHTS: '4',
        TELEMETRY_STREAM_RATE_HZ: '0',
        METERING_INTERVAL_MS: '200',
        ANONYMOUS_SCOPES: 'matches:read',
        ANONYMOUS_REQUESTS_PER_MINUTE: String(ANONYMOUS_REQUESTS_PER_MINUTE),
      },
      readyTimeoutMs: 120_000,
      onLine: (replica, _service, line) => {
        const kept = logs.get(replica) ?? [];
        kept.push(line.slice(0, 300));
        if (kept.length > 20) kept.shift();
        logs.set(replica, kept);
      },
      onUnexpectedExit: (replica, code, signal) =>
        logs.set(replica, [...(logs.get(replica) ?? []), `exited (${signal ?? code})`]),
    });
  }, 240_000);

  afterAll(async () => {
    for (const s of subscribers) s.stopped = true;
    await Promise.all(subscribers.map((s) => s.client.dispose()));
    await cluster?.close();
    const lines = [...logs].flatMap(([replica, kept]) => kept.map((line) => `${replica} | ${line}`));
    if (passed < TESTS && lines.length > 0)
      console.log(`the services' last warnings and errors:\n${lines.join('\n')}`);
    await redis?.stop();
    postgres?.remove();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  /** The gateways, each called directly rather than through the load balancer. */
  const gatewayUrls = () =>
    cluster!.replicas.filter((r) => r.service === 'gateway').map((r) => `${r.url}/graphql`);

  /** Milliseconds until each gateway, polled directly, answers as `done` waits for (Infinity after 5 s). */
  const untilEveryGateway = (done: (url: string) => Promise<boolean>) => {
    const since = Date.now();
    return Promise.all(
      gatewayUrls().map(async (url) => {
        while (Date.now() - since < 5_000) {
          if (await done(url)) return Date.now() - since;
          await sleep(20);
        }
        return Infinity;
      }),
    );
  };

  it('reaches every gateway with a revocation made through any billing replica within a second', async () => {
    const c = cluster!;
    const admin = await signIn(c.graphqlUrl);
    const { createApiKey } = await query<{ createApiKey: { secret: string; key: { id: string } } }>(
      c.graphqlUrl,
      'mutation { createApiKey(partnerId: "par_demo", name: "replicas", scopes: ["matches:read"]) { secret key { id } } }',
      {},
      admin,
    );
    const { key, secret } = createApiKey;
    const status = async (url: string) =>
      (await post(url, { query: '{ teams { id } }' }, { 'x-api-key': secret })).status;
    // Each gateway, called directly, knows the key (and keeps it in its key cache).
    for (const url of gatewayUrls()) expect(await status(url)).toBe(200);
    // Revoked through one gateway and one billing replica; each gateway's feed may come from the other.
    await query(c.graphqlUrl, 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', { id: key.id }, admin);
    const refusedAfter = await untilEveryGateway(async (url) => (await status(url)) === 401);
    console.log(`revocation refused by each gateway after ${refusedAfter.join(' ms, ')} ms`);
    for (const ms of refusedAfter) expect(ms).toBeLessThanOrEqual(1_000);
    passed += 1;
  });

  it('reaches every gateway with a safelist change and a suspension within a second', async () => {
    const c = cluster!;
    const admin = await signIn(c.graphqlUrl);
    const gql = <Data>(text: string, variables: Record<string, unknown>, headers = admin) =>
      query<Data>(c.graphqlUrl, text, variables, headers);
    const partnerId = (
      await gql<{ createPartner: { id: string } }>(
        'mutation { createPartner(name: "Replicated Rules", planId: "plan_pro") { id } }',
        {},
      )
    ).createPartner.id;
    const keyOf = async (scopes: string[], safelistOnly: boolean) => ({
      'x-api-key': (
        await gql<{ createApiKey: { secret: string } }>(
          'mutation ($p: ID!, $s: [String!]!, $only: Boolean) { createApiKey(partnerId: $p, name: "rules", scopes: $s, safelistOnly: $only) { secret } }',
          { p: partnerId, s: scopes, only: safelistOnly },
        )
      ).createApiKey.secret,
    });
    const deployer = await keyOf(['matches:read', 'billing:read', 'safelist:write'], false);
    const key = await keyOf(['matches:read'], true);
    const operation = 'query ReplicatedRules { teams { id } }';
    const answer = (url: string) => post(url, { query: operation }, key);
    const codeOf = async (url: string) => {
      const { status, body } = await answer(url);
      return status === 200 && !body.errors ? 'OK' : body.errors?.[0]?.extensions?.code;
    };
    // Not on the partner's safelist yet: every gateway refuses the safelist-only key.
    for (const url of gatewayUrls()) expect(await codeOf(url)).toBe('FORBIDDEN');

    await gql(
      'mutation ($ops: [SafelistOperationInput!]!) { registerOperations(operations: $ops) { id } }',
      { ops: [{ text: operation }] },
      deployer,
    );
    const servedAfter = await untilEveryGateway(async (url) => (await codeOf(url)) === 'OK');

    await gql('mutation ($p: ID!) { suspendPartner(partnerId: $p, reason: "test of a suspension") { id } }', {
      p: partnerId,
    });
    const suspendedAfter = await untilEveryGateway(
      async (url) => (await codeOf(url)) === 'PARTNER_SUSPENDED',
    );
    console.log(
      `registered operation served by each gateway after ${servedAfter.join(' ms, ')} ms; suspension refused by each after ${suspendedAfter.join(' ms, ')} ms`,
    );
    for (const ms of [...servedAfter, ...suspendedAfter]) expect(ms).toBeLessThanOrEqual(1_000);
    passed += 1;
  });

  it('loses no query, resumes every subscriber in order, and bills each answer once', async () => {
    const c = cluster!;
    const key = demoApiKey(DEVELOPMENT_PRINCIPAL_SECRET);
    const wsUrl = c.graphqlUrl.replace(/^http/, 'ws');

    for (let i = 0; i < SUBSCRIBERS; i += 1) subscribers.push(subscribe(wsUrl, key));
    const deadline = Date.now() + 60_000;
    while (subscribers.some((s) => s.frames === 0) && Date.now() < deadline) await sleep(250);
    expect(subscribers.filter((s) => s.frames === 0)).toHaveLength(0);

    // Readiness, as the load balancer in front reports it.
    const readiness: { at: number; status: number }[] = [];
    let watching = true;
    const watchReadiness = (async () => {
      while (watching) {
        const status = await fetch(`${c.url}/readyz`, { signal: AbortSignal.timeout(2_000) })
          .then((r) => r.status)
          .catch(() => 0);
        readiness.push({ at: Date.now(), status });
        await sleep(250);
      }
    })();

    const figures: LoadFigures = {
      succeeded: 0,
      failed: 0,
      retried: 0,
      answeredByGateway: 0,
      failures: new Map(),
    };
    let loading = true;
    const workers = Array.from({ length: LOAD_WORKERS }, async () => {
      while (loading) {
        await queryWithRetries(c.graphqlUrl, key, figures);
        await sleep(PAUSE_BETWEEN_REQUESTS_MS);
      }
    });

    const steps: string[] = [];
    const totalFrames = () => subscribers.reduce((sum, s) => sum + s.frames, 0);
    const step = async (what: string, action: () => Promise<void> | void, thenWaitMs: number) => {
      phase = what;
      const before = totalFrames();
      await action();
      await sleep(thenWaitMs);
      steps.push(`${what} (${totalFrames() - before} frames delivered meanwhile)`);
    };
    await sleep(3_000);
    await step('kill -9 gateway-1', () => c.kill('gateway-1'), 5_000);
    // Restarted, it ships what its usage journal still held.
    await step('restart gateway-1', () => c.restart('gateway-1'), 3_000);
    await step(
      'kill -9 one replica of each subgraph',
      async () => {
        await Promise.all(['matches-2', 'telemetry-2', 'billing-2'].map((r) => c.kill(r)));
      },
      5_000,
    );
    await step(
      'restart them',
      async () => {
        await Promise.all(['matches-2', 'telemetry-2', 'billing-2'].map((r) => c.restart(r)));
      },
      3_000,
    );
    await step(
      'restart Redis',
      async () => {
        await redis.stop();
        await sleep(1_000);
        await redis.start();
      },
      5_000,
    );
    const outageStart = Date.now();
    await step('stop PostgreSQL for 10 s', () => postgres.stop(), POSTGRES_OUTAGE_MS);
    const outageEnd = Date.now();
    await step('start PostgreSQL', () => postgres.start(), 15_000);
    phase = 'after the last failure';

    loading = false;
    await Promise.all(workers);
    // Every subscriber hears the match again after the last failure.
    const framesNow = subscribers.map((s) => s.frames);
    const resumeDeadline = Date.now() + 30_000;
    while (subscribers.some((s, i) => s.frames <= framesNow[i]!) && Date.now() < resumeDeadline)
      await sleep(250);
    watching = false;
    await watchReadiness;

    // Usage: every answer a gateway gave is one usage event in billing, once, once the journals are shipped.
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    let billed = -1;
    for (let stable = 0, previous = -2; stable < 4;) {
      const { rows } = await db.query<{ count: string }>(
        'select count(*) from billing.usage_event where operation = $1',
        [OPERATION],
      );
      billed = Number(rows[0]!.count);
      stable = billed === previous ? stable + 1 : 0;
      previous = billed;
      await sleep(500);
    }
    await db.end();

    const gaps = subscribers.flatMap((s) => s.gaps);
    const outOfOrder = subscribers.reduce((sum, s) => sum + s.outOfOrder, 0);
    // Where frames came out of order, by the failure under way, with a few examples (frames are period × 10⁷ + frame).
    const reports = subscribers.flatMap((s) => s.disorder);
    const disorder = new Map<string, number>();
    for (const { during } of reports) disorder.set(during, (disorder.get(during) ?? 0) + 1);
    const examples = reports.slice(0, 3).map((r) => `${r.frame} after ${r.after} during ${r.during}`);
    const notResumed = subscribers.filter((s, i) => s.frames <= framesNow[i]!).length;
    const during = readiness.filter((r) => r.at >= outageStart && r.at <= outageEnd + 5_000);
    const afterwards = readiness.slice(-3);
    console.log(
      [
        `cluster failures: ${steps.join(', then ')}`,
        `queries: ${figures.succeeded} answered with data, ${figures.failed} failed after retries, ${figures.retried} attempts retried (${[...figures.failures].map(([kind, n]) => `${kind}: ${n}`).join('; ')})`,
        `subscribers: ${SUBSCRIBERS}, ${gaps.length} reconnections, reconnect time p50 ${percentile(gaps, 50)} ms p99 ${percentile(gaps, 99)} ms, ${outOfOrder} frames out of order${outOfOrder ? ` (${[...disorder].map(([during, n]) => `${n} during ${during}`).join(', ')}; e.g. ${examples.join('; ')})` : ''}, ${notResumed} not resumed`,
        `usage: ${figures.answeredByGateway} answers from a gateway, ${billed} usage events billed, difference ${billed - figures.answeredByGateway}`,
        `readiness during the PostgreSQL outage: ${[...new Set(during.map((r) => r.status))].join(', ')}; at the end: ${afterwards.map((r) => r.status).join(', ')}`,
      ].join('\n'),
    );

    expect(figures.failed).toBe(0);
    expect(figures.succeeded).toBeGreaterThan(100);
    expect(outOfOrder).toBe(0);
    expect(notResumed).toBe(0);
    expect(gaps.length).toBeGreaterThan(0);
    expect(during.some((r) => r.status === 503)).toBe(true);
    expect(afterwards.every((r) => r.status === 200)).toBe(true);
    // A request in flight on the gateway killed -9 may have been journalled but not answered: at most those.
    expect(billed - figures.answeredByGateway).toBeGreaterThanOrEqual(0);
    expect(billed - figures.answeredByGateway).toBeLessThanOrEqual(LOAD_WORKERS);
    passed += 1;
  }, 400_000);
  it('counts a caller without credentials once across gateways, whatever X-Forwarded-For it sends', async () => {
    const c = cluster!;
    const doors = [c.graphqlUrl, ...gatewayUrls()];
    const statuses: number[] = [];
    for (let i = 0; i < ANONYMOUS_REQUESTS_PER_MINUTE + 5; i += 1) {
      // Through the load balancer, which appends the address it saw, and straight to each gateway, which
      // trusts X-Forwarded-For from the load balancer only: each time a new address claimed.
      const { status } = await post(
        doors[i % doors.length]!,
        { query: '{ teams { id } }' },
        { 'x-forwarded-for': `203.0.113.${i % 250}` },
      );
      statuses.push(status);
    }
    const firstRefused = statuses.indexOf(429);
    console.log(
      `anonymous calls from one address with ${statuses.length} claimed addresses: first refused at call ${firstRefused + 1}`,
    );
    // The sign-ins above spent some of the budget; none of the claimed addresses earned a budget of its own.
    expect(firstRefused).toBeGreaterThan(0);
    expect(firstRefused).toBeLessThanOrEqual(ANONYMOUS_REQUESTS_PER_MINUTE);
    expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
    passed += 1;
  });
});
