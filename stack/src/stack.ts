/**
 * `startStack()`: the whole platform as child processes, started in order (the three subgraphs, then the
 * gateway pointed at the URLs they really got), each waited for until ready. `npm start` and the
 * integration tests both use it. If any service fails to start, the ones already running are stopped before
 * the error is thrown, so nothing is left behind.
 */
import { ServiceProcess, type ServiceProcessOptions } from './process';
import { serviceEntries, subgraphNames, type ServiceName, type SubgraphName } from './services';

export interface StackOptions {
  /** Port of each service; a service not named here listens on its own default. 0 picks a free port. */
  readonly ports?: Partial<Record<ServiceName, number>>;
  /** The environment every service starts with, e.g. `{ DATA_DIR }`; ports and subgraph URLs are added. */
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
  readonly stopTimeoutMs?: number;
  readonly onLine?: ServiceProcessOptions['onLine'];
  readonly onUnexpectedExit?: ServiceProcessOptions['onUnexpectedExit'];
}

export interface Stack {
  /** Base URL of each service, e.g. `http://127.0.0.1:4000` for the gateway. */
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** The gateway's GraphQL endpoint. */
  readonly graphqlUrl: string;
  /** Stops one service, leaving the others running. */
  stopService(name: ServiceName): Promise<void>;
  /** Kills one service with a signal, as a crash would (SIGKILL: no clean-up at all). */
  killService(name: ServiceName, signal: NodeJS.Signals): Promise<void>;
  /**
   * Starts a stopped service again with the environment it had; resolves with its URL. A subgraph comes back
   * on the port it had; a restarted gateway may get a new one, and talks to the subgraphs as before.
   */
  restartService(name: ServiceName): Promise<string>;
  /** Stops everything, gateway first. */
  close(): Promise<void>;
}

const DEFAULT_READY_TIMEOUT_MS = 60_000;
const DEFAULT_STOP_TIMEOUT_MS = 10_000;

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const running = new Map<ServiceName, ServiceProcess>();
  const envs = new Map<ServiceName, Readonly<Record<string, string>>>();
  const urls: Partial<Record<ServiceName, string>> = {};
  const start = async (name: ServiceName, env: Readonly<Record<string, string>>, samePort?: number) => {
    envs.set(name, env);
    const port = samePort ?? options.ports?.[name];
    const service = new ServiceProcess({
      name,
      entry: serviceEntries[name],
      env: { ...options.env, ...env, ...(port === undefined ? {} : { PORT: String(port) }) },
      readyTimeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      stopTimeoutMs: options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
      onLine: options.onLine,
      onUnexpectedExit: options.onUnexpectedExit,
    });
    running.set(name, service);
    urls[name] = await service.ready();
  };
  const close = async () => {
    for (const name of ['gateway', ...subgraphNames.slice().reverse()] as ServiceName[]) {
      await running.get(name)?.stop();
    }
  };

  try {
    for (const name of subgraphNames) await start(name, {});
    const subgraphUrls = subgraphNames.map((name: SubgraphName) => `${name}=${urls[name]}/graphql`).join(',');
    await start('gateway', { SUBGRAPH_URLS: subgraphUrls });
  } catch (error) {
    await close();
    throw error;
  }

  const done = urls as Record<ServiceName, string>;
  return {
    urls: done,
    graphqlUrl: `${done.gateway}/graphql`,
    stopService: async (name) => {
      await running.get(name)?.stop();
    },
    killService: async (name, signal) => {
      await running.get(name)?.kill(signal);
    },
    restartService: async (name) => {
      await running.get(name)?.stop();
      // A restarted subgraph comes back where the gateway expects it: on the port it had.
      const port = name === 'gateway' ? undefined : Number(new URL(urls[name]!).port);
      await start(name, envs.get(name) ?? {}, port);
      return urls[name]!;
    },
    close,
  };
}
