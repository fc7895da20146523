/**
 * The processes the edge benchmark runs: Meridian's services started as `npm start` starts them (the built
 * `dist/main.js` with environment variables, ready when it says so over IPC), and other servers that only
 * open a port. Each is a child of the benchmark, stopped when it ends, and its CPU time can be read.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import type { ReadyMessage } from '@meridian/kit';

const READY_TIMEOUT_MS = 90_000;
/** Lines of a process's output kept to explain a failure. */
const KEPT_LINES = 30;
const CLOCK_TICKS_PER_SECOND = 100;

export interface BenchProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** User + system CPU seconds the process has used so far. */
  cpuSeconds(): number;
  /** Resident set size in bytes, from the kernel. */
  rssBytes(): number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function watch(name: string, child: ChildProcess, verbose: boolean): string[] {
  const recent: string[] = [];
  running.add(child);
  child.once('exit', () => running.delete(child));
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > KEPT_LINES) recent.shift();
      if (verbose) console.log(`${name} | ${line}`);
    });
  }
  return recent;
}

function handle(name: string, url: string, child: ChildProcess): BenchProcess {
  const pid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    url,
    pid,
    cpuSeconds: () => {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name): utime and stime.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    },
    rssBytes: () => {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) * 1024;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A Meridian service (a subgraph or the gateway) from its built entry; resolves once it reports ready. */
export function startService(
  name: string,
  entry: string,
  env: Readonly<Record<string, string>>,
  options: { execArgv?: string[]; verbose?: boolean; args?: string[] } = {},
): Promise<BenchProcess> {
  const child = fork(entry, options.args ?? [], {
    env: { ...env, PORT: env.PORT ?? '0' },
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const recent = watch(name, child, options.verbose ?? false);
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name} ${reason}\n${recent.map((line) => `  | ${line}`).join('\n')}`));
    };
    const timer = setTimeout(() => fail(`was not ready within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before it was ready`));
    child.on('message', (message: ReadyMessage) => {
      if (message?.type !== 'ready') return;
      clearTimeout(timer);
      resolve(handle(name, message.url, child));
    });
  });
}

/** A free TCP port on the loopback address, for servers that cannot be told to pick one and say which. */
export { freePort } from '@meridian/stack';

/**
 * A Node server that listens on `port` and says nothing to its parent: ready once `readyPath` answers
 * (any HTTP status counts: the server is up).
 */
export async function startServer(
  name: string,
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  port: number,
  readyPath: string,
  options: { execArgv?: string[]; verbose?: boolean; cwd?: string } = {},
): Promise<BenchProcess> {
  const child = fork(script, args, {
    env,
    cwd: options.cwd,
    execArgv: options.execArgv ?? [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const recent = watch(name, child, options.verbose ?? false);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited before it was ready\n${recent.map((l) => `  | ${l}`).join('\n')}`);
    }
    try {
      await fetch(`${url}${readyPath}`);
      return handle(name, url, child);
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
