/**
 * `startCluster()`: the platform as it runs on several machines, on this one. Two replicas of each subgraph on
 * PostgreSQL, two gateways, Redis between them all, and HAProxy in front (`deploy/haproxy/haproxy.cfg`): one
 * public endpoint for the gateways, and one endpoint per subgraph through which the gateways reach the
 * replicas, so a replica can die without a gateway noticing. `npm run start:cluster` and the failure tests
 * both use it.
 *
 * Each replica listens on a port chosen at start and keeps it across restarts (HAProxy's configuration names
 * it). The first replica of each subgraph starts alone and creates and seeds its schema; the others find it
 * done. Only the first replica of matches replays the demo match and only the first of telemetry streams the
 * demo engines: two producers would publish every live event twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { checkPostgres, checkRedis } from '@meridian/kit';
import { ServiceProcess } from './process';
import { serviceEntries, subgraphNames, type ServiceName, type SubgraphName } from './services';

const HAPROXY_CONFIG = path.resolve(__dirname, '..', '..', 'deploy', 'haproxy', 'haproxy.cfg');

/** Replicas of each service; HAProxy's configuration names this many servers per backend. */
const REPLICAS = 2;

/** The address HAProxy connects to the gateways from: the only peer whose X-Forwarded-For they believe. */
const LB_SOURCE = '127.0.0.2';

export interface ClusterOptions {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Public port (the gateways behind HAProxy). */
  readonly port: number;
  /** Ports of the subgraphs' own endpoints on HAProxy. */
  readonly subgraphPorts: Readonly<Record<SubgraphName, number>>;
  /** HAProxy's statistics page. */
  readonly statsPort: number;
  /** Every service gets this environment, then its own settings. */
  readonly env?: Readonly<Record<string, string>>;
  /** Where each replica keeps its files (the gateways' usage spool): `<dataDir>/<replica>`. */
  readonly dataDir: string;
  /** How long a stopping service keeps serving while HAProxy takes it out (`DRAIN_MS`). */
  readonly drainMs?: number;
  readonly haproxy?: string;
  readonly readyTimeoutMs?: number;
  readonly onLine?: (replica: string, service: ServiceName | 'haproxy', line: string) => void;
  readonly onUnexpectedExit?: (replica: string, code: number | null, signal: string | null) => void;
}

export interface Cluster {
  /** The public endpoint, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  readonly graphqlUrl: string;
  /** HAProxy's statistics page. */
  readonly statsUrl: string;
  /** Each subgraph's endpoint on HAProxy. */
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  /** The replicas by name (`gateway-1`, `matches-2`, …), with the address each listens on. */
  readonly replicas: readonly {
    readonly name: string;
    readonly service: ServiceName;
    readonly url: string;
  }[];
  /** The process id of a replica, while it runs. */
  pid(replica: string): number | undefined;
  /** Kills a replica with a signal (SIGKILL: as a crash would). */
  kill(replica: string, signal?: NodeJS.Signals): Promise<void>;
  /** Stops a replica the way an orchestrator does: SIGTERM, draining first. */
  stop(replica: string): Promise<void>;
  /** Starts a stopped or killed replica again on its port; resolves once it is ready. */
  restart(replica: string): Promise<void>;
  close(): Promise<void>;
}

/** Why the cluster cannot start, with what to do about it. */
export class ClusterPrerequisiteError extends Error {
  override name = 'ClusterPrerequisiteError';
}

/** Checks that PostgreSQL, Redis and HAProxy are there, naming each missing one and how to get it. */
export async function checkPrerequisites(
  options: Pick<ClusterOptions, 'databaseUrl' | 'redisUrl' | 'haproxy'>,
): Promise<void> {
  const problems: string[] = [];
  await checkPostgres(options.databaseUrl).catch((error: Error) =>
    problems.push(
      `PostgreSQL does not answer at ${redact(options.databaseUrl)} (${error.message}).\n` +
        '    Start it (Debian: pg_ctlcluster 15 main start; or docker run -d -p 5432:5432 ' +
        '-e POSTGRES_HOST_AUTH_METHOD=trust postgres:15), or point DATABASE_URL at one.',
    ),
  );
  await checkRedis(options.redisUrl).catch((error: Error) =>
    problems.push(
      `Redis does not answer at ${redact(options.redisUrl)} (${error.message || 'no answer'}).\n` +
        '    Start it (redis-server --daemonize yes; or docker run -d -p 6379:6379 redis:7), ' +
        'or point REDIS_URL at one.',
    ),
  );
  const haproxy = options.haproxy ?? 'haproxy';
  await runToEnd(haproxy, ['-v']).catch(() =>
    problems.push(
      `HAProxy (${haproxy}) is not installed.\n` +
        '    Install it (Debian/Ubuntu: apt-get install -y haproxy; macOS: brew install haproxy), ' +
        'or set HAPROXY to its path.',
    ),
  );
  if (problems.length > 0) {
    throw new ClusterPrerequisiteError(
      `The cluster needs PostgreSQL, Redis and HAProxy:\n  - ${problems.join('\n  - ')}`,
    );
  }
}

interface Replica {
  readonly name: string;
  readonly service: ServiceName;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  process?: ServiceProcess;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  await checkPrerequisites(options);
  const host = '127.0.0.1';
  const lbUrl = (port: number) => `http://${host}:${port}`;
  const subgraphUrls = Object.fromEntries(
    subgraphNames.map((name) => [name, `${lbUrl(options.subgraphPorts[name])}/graphql`]),
  ) as Record<SubgraphName, string>;
  const shared = {
    ...options.env,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    DRAIN_MS: String(options.drainMs ?? 3_000),
  };

  const replicas: Replica[] = [];
  for (const service of [...subgraphNames, 'gateway'] as ServiceName[]) {
    for (let n = 1; n <= REPLICAS; n += 1) {
      const name = `${service}-${n}`;
      const own: Record<string, string> = { DATA_DIR: path.join(options.dataDir, name) };
      if (n > 1 && service === 'matches') own.MATCHES_REPLAY_MATCH = 'none';
      if (n > 1 && service === 'telemetry') own.TELEMETRY_STREAM_RATE_HZ = '0';
      if (service === 'gateway') {
        own.SUBGRAPH_URLS = subgraphNames.map((s) => `${s}=${subgraphUrls[s]}`).join(',');
        own.TRUSTED_PROXIES = LB_SOURCE;
      }
      replicas.push({ name, service, port: await freePort(host), env: { ...shared, ...own } });
    }
  }
  const byName = new Map(replicas.map((replica) => [replica.name, replica]));

  const startReplica = async (replica: Replica) => {
    const service = new ServiceProcess({
      name: replica.service,
      entry: serviceEntries[replica.service],
      env: { ...replica.env, HOST: host, PORT: String(replica.port) },
      readyTimeoutMs: options.readyTimeoutMs ?? 120_000,
      stopTimeoutMs: (options.drainMs ?? 3_000) + 15_000,
      onLine: (_service, line) => options.onLine?.(replica.name, replica.service, line),
      onUnexpectedExit: (_service, code, signal) => options.onUnexpectedExit?.(replica.name, code, signal),
    });
    replica.process = service;
    await service.ready();
  };

  let haproxy: ChildProcess | undefined;
  const close = async () => {
    // The gateways first, so nothing new reaches the subgraphs; HAProxy last.
    const order = [...replicas].reverse();
    await Promise.all(order.filter((r) => r.service === 'gateway').map((r) => r.process?.stop()));
    await Promise.all(order.filter((r) => r.service !== 'gateway').map((r) => r.process?.stop()));
    if (haproxy && haproxy.exitCode === null && haproxy.signalCode === null) {
      const exited = new Promise((resolve) => haproxy!.once('exit', resolve));
      haproxy.kill('SIGTERM');
      await exited;
    }
  };

  try {
    // The first replica of each subgraph creates its schema; the second starts once it has.
    await Promise.all(subgraphNames.map((name) => startReplica(byName.get(`${name}-1`)!)));
    await Promise.all(subgraphNames.map((name) => startReplica(byName.get(`${name}-2`)!)));
    haproxy = startHaproxy(options, host, byName, (line) => options.onLine?.('haproxy', 'haproxy', line));
    const haproxyFailed = new Promise<never>((_resolve, reject) =>
      haproxy!.once('exit', (code, signal) =>
        reject(new Error(`haproxy exited (${signal ?? `code ${code}`}); its messages are above`)),
      ),
    );
    haproxyFailed.catch(() => undefined);
    await Promise.race([
      haproxyFailed,
      Promise.all(
        subgraphNames.map((name) =>
          waitFor(`${lbUrl(options.subgraphPorts[name])}/readyz`, options.readyTimeoutMs ?? 60_000),
        ),
      ),
    ]);
    await Promise.all(replicas.filter((r) => r.service === 'gateway').map(startReplica));
    await waitFor(`${lbUrl(options.port)}/readyz`, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await close();
    throw error;
  }

  const replica = (name: string) => {
    const found = byName.get(name);
    if (!found) throw new Error(`no replica ${name}; there are ${[...byName.keys()].join(', ')}`);
    return found;
  };
  return {
    url: lbUrl(options.port),
    graphqlUrl: `${lbUrl(options.port)}/graphql`,
    statsUrl: `${lbUrl(options.statsPort)}/`,
    subgraphUrls,
    replicas: replicas.map((r) => ({ name: r.name, service: r.service, url: `http://${host}:${r.port}` })),
    pid: (name) => replica(name).process?.pid,
    kill: async (name, signal = 'SIGKILL') => {
      await replica(name).process?.kill(signal);
    },
    stop: async (name) => {
      await replica(name).process?.stop();
    },
    restart: async (name) => {
      const found = replica(name);
      await found.process?.stop();
      await startReplica(found);
    },
    close,
  };
}

function startHaproxy(
  options: ClusterOptions,
  host: string,
  replicas: ReadonlyMap<string, Replica>,
  onLine: (line: string) => void,
): ChildProcess {
  const address = (name: string) => `${host}:${replicas.get(name)!.port}`;
  const env: Record<string, string> = {
    MERIDIAN_LB_HOST: host,
    MERIDIAN_LB_SOURCE: LB_SOURCE,
    MERIDIAN_PORT: String(options.port),
    MERIDIAN_LB_STATS_PORT: String(options.statsPort),
  };
  for (const service of [...subgraphNames, 'gateway'] as ServiceName[]) {
    for (let n = 1; n <= REPLICAS; n += 1) {
      env[`MERIDIAN_${service.toUpperCase()}_${n}`] = address(`${service}-${n}`);
    }
  }
  for (const name of subgraphNames) {
    env[`MERIDIAN_${name.toUpperCase()}_PORT`] = String(options.subgraphPorts[name]);
  }
  const child = spawn(options.haproxy ?? 'haproxy', ['-db', '-f', HAPROXY_CONFIG], {
    env: { PATH: options.env?.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its log goes to stdout; stderr repeats the same notices and adds only startup failures.
  readline.createInterface({ input: child.stdout }).on('line', onLine);
  readline
    .createInterface({ input: child.stderr })
    .on('line', (line) => /\[(ALERT|EMERG)\]/.test(line) && onLine(line));
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') onLine(`haproxy exited (${signal ?? `code ${code}`})`);
  });
  return child;
}

/** Resolves once `url` answers 200; rejects after `timeoutMs`. */
async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms (${last})`);
}

/** A port free on `host` now (the OS's choice). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function runToEnd(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit code ${code}`))));
  });
}

/** A URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
