/**
 * The platform's three subgraphs and the gateways the edge benchmark compares, all serving the committed
 * supergraph with the subgraph URLs of this run:
 *   (a) a bare `@apollo/gateway` + `@apollo/server` (`apollo-gateway.ts`), the same with Meridian's
 *       subgraph fetcher (`apollo-fetcher`: Meridian without its edge), and that one served by Meridian's HTTP
 *       service instead of Apollo's standalone server (`apollo-kit`: what the HTTP layer adds alone);
 *   (b) Meridian's gateway with its whole edge, started as `npm start` starts it, and the same sharing
 *       nothing between requests (`DEDUPLICATE=off`, `CACHE=off`);
 *   (c) Hive Gateway from npm, from its own pinned install in `hive/`, installed on first use, in its usual
 *       configuration and with its deduplication of in-flight requests off.
 * Subgraphs run in development mode, so the two gateways that sign no principal may call them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serviceEntries, subgraphNames, type SubgraphName } from '@meridian/stack';
import { supergraphForPlanner } from '@meridian/gateway/auth';
import { freePort, startServer, startService, type BenchProcess } from './processes';
import type { GatewayLabel } from './config';

export const SUPERGRAPH_FILE = path.resolve(__dirname, '..', '..', '..', 'schema', 'supergraph.graphql');
const HIVE_DIR = path.resolve(__dirname, '..', 'hive');
const HIVE_BIN = path.join(HIVE_DIR, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
const APOLLO_ENTRY = path.join(__dirname, 'apollo-gateway.js');

export interface Subgraphs {
  readonly urls: Readonly<Record<SubgraphName, string>>;
  /** `SUBGRAPH_URLS` for Meridian's gateway. */
  readonly overrides: string;
  readonly processes: readonly BenchProcess[];
}

export interface Gateway {
  readonly label: string;
  /** Where GraphQL is posted. */
  readonly graphqlUrl: string;
  readonly process: BenchProcess;
}

export async function startSubgraphs(
  env: Readonly<Record<string, string>>,
  verbose: boolean,
): Promise<Subgraphs> {
  const processes: BenchProcess[] = [];
  const urls: Partial<Record<SubgraphName, string>> = {};
  for (const name of subgraphNames) {
    const service = await startService(name, serviceEntries[name], env, { verbose });
    processes.push(service);
    urls[name] = `${service.url}/graphql`;
  }
  const done = urls as Record<SubgraphName, string>;
  return {
    urls: done,
    overrides: subgraphNames.map((name) => `${name}=${done[name]}`).join(','),
    processes,
  };
}

/** The committed supergraph with this run's subgraph URLs, for the gateways that read URLs from the file. */
export function writeSupergraph(dir: string, urls: Readonly<Record<string, string>>): string {
  const sdl = fs
    .readFileSync(SUPERGRAPH_FILE, 'utf8')
    .replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (whole, name: string) =>
      urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
    );
  const file = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(file, sdl);
  return file;
}

/** What Meridian's gateway shares between requests: everything, identical requests in flight only, nothing. */
export type Sharing = 'all' | 'in-flight' | 'none';

const SHARING: Record<Sharing, { label: GatewayLabel; env: Record<string, string> }> = {
  all: { label: 'meridian', env: {} },
  'in-flight': { label: 'meridian-nocache', env: { CACHE: 'off' } },
  none: { label: 'meridian-nodedup', env: { DEDUPLICATE: 'off', CACHE: 'off' } },
};

/**
 * Meridian's gateway as configured by default (`all`: identical requests in flight share one execution and
 * subgraph answers are cached), without its answer cache (`in-flight`), or with nothing shared between
 * requests (`none`: `DEDUPLICATE=off`, `CACHE=off`), so that every request makes its own subgraph calls, as
 * the Apollo gateways do.
 */
export async function startMeridian(
  env: Readonly<Record<string, string>>,
  options: { execArgv?: string[]; verbose: boolean; sharing?: Sharing },
): Promise<Gateway> {
  const { label, env: sharing } = SHARING[options.sharing ?? 'all'];
  const process = await startService(label, serviceEntries.gateway, { ...env, ...sharing }, options);
  return { label, graphqlUrl: `${process.url}/graphql`, process };
}

/**
 * `@apollo/gateway` refuses a supergraph that links security directives it does not enforce (`for:
 * SECURITY`); Meridian's gateway drops the mark for its planner, and the bare gateway gets the same file.
 */
export async function startApollo(
  dir: string,
  supergraphFile: string,
  env: Readonly<Record<string, string>>,
  options: { execArgv?: string[]; verbose: boolean; meridianFetcher?: boolean; kitHttp?: boolean },
): Promise<Gateway> {
  const label = options.kitHttp ? 'apollo-kit' : options.meridianFetcher ? 'apollo-fetcher' : 'apollo';
  const file = path.join(dir, 'supergraph-for-apollo.graphql');
  fs.writeFileSync(file, supergraphForPlanner(fs.readFileSync(supergraphFile, 'utf8')));
  const process = await startService(label, APOLLO_ENTRY, env, {
    ...options,
    args: [
      file,
      String(await freePort()),
      ...(options.meridianFetcher || options.kitHttp ? ['meridian-fetcher'] : []),
      ...(options.kitHttp ? ['kit-http'] : []),
    ],
  });
  return { label, graphqlUrl: options.kitHttp ? `${process.url}/graphql` : `${process.url}/`, process };
}

/** Installs Hive Gateway from `hive/package-lock.json` when it is not installed yet. */
function ensureHive(): void {
  if (fs.existsSync(HIVE_BIN)) return;
  console.log('installing Hive Gateway for the comparison (npm ci --prefix bench/edge/hive)...');
  execFileSync('npm', ['ci', '--prefix', HIVE_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

/**
 * Hive's configuration file with its deduplication of in-flight subgraph requests turned off, as Hive's
 * documentation shows (`transportEntries['*.http'].options.deduplicateInflightRequests`).
 */
const HIVE_NO_DEDUPLICATION = `export const gatewayConfig = {
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
};
`;

export async function startHive(
  supergraphFile: string,
  env: Readonly<Record<string, string>>,
  options: { verbose: boolean; deduplicate?: boolean; dir: string },
): Promise<Gateway> {
  ensureHive();
  const label = options.deduplicate === false ? 'hive-nodedup' : 'hive';
  // Hive reads gateway.config.* from its working folder: the usual run has none.
  let cwd = HIVE_DIR;
  if (options.deduplicate === false) {
    cwd = path.join(options.dir, 'hive-nodedup');
    fs.mkdirSync(cwd, { recursive: true });
    fs.writeFileSync(path.join(cwd, 'gateway.config.mjs'), HIVE_NO_DEDUPLICATION);
  }
  const port = await freePort();
  const process = await startServer(
    label,
    HIVE_BIN,
    ['supergraph', supergraphFile, '--host', '127.0.0.1', '--port', String(port)],
    env,
    port,
    '/healthcheck',
    { verbose: options.verbose, cwd },
  );
  return { label, graphqlUrl: `${process.url}/graphql`, process };
}
