/**
 * One service as a child process: started with an IPC channel, considered up when it sends its ready
 * message, and stopped with SIGTERM (then SIGKILL if it hangs). Its output is kept, the last lines of it
 * quoted when it fails to start.
 */
import { fork, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { ReadyMessage } from '@meridian/kit';
import type { ServiceName } from './services';

/** Lines of a service's output kept for error reports. */
const KEPT_LINES = 40;

export interface ServiceProcessOptions {
  readonly name: ServiceName;
  readonly entry: string;
  readonly env: NodeJS.ProcessEnv;
  readonly readyTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly onLine?: (name: ServiceName, line: string, stream: 'stdout' | 'stderr') => void;
  /** Called when the process exits without having been asked to stop. */
  readonly onUnexpectedExit?: (name: ServiceName, code: number | null, signal: string | null) => void;
}

export class ServiceStartError extends Error {
  override name = 'ServiceStartError';
}

export class ServiceProcess {
  readonly name: ServiceName;
  private readonly child: ChildProcess;
  private readonly recent: string[] = [];
  private readonly exited: Promise<void>;
  private stopping = false;
  url = '';

  constructor(private readonly options: ServiceProcessOptions) {
    this.name = options.name;
    this.child = fork(options.entry, [], { env: options.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    for (const stream of ['stdout', 'stderr'] as const) {
      readline.createInterface({ input: this.child[stream]! }).on('line', (line) => {
        this.recent.push(line);
        if (this.recent.length > KEPT_LINES) this.recent.shift();
        options.onLine?.(this.name, line, stream);
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        if (!this.stopping && this.url) options.onUnexpectedExit?.(this.name, code, signal);
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves with the service's URL once it is ready; rejects if it exits or is too slow first. */
  ready(): Promise<string> {
    return new Promise((resolve, reject) => {
      const fail = (reason: string) => {
        clearTimeout(timer);
        reject(
          new ServiceStartError(`${this.name} ${reason}\n${this.recent.map((l) => `  | ${l}`).join('\n')}`),
        );
      };
      const timer = setTimeout(
        () => fail(`was not ready within ${this.options.readyTimeoutMs} ms`),
        this.options.readyTimeoutMs,
      );
      this.child.once('exit', (code, signal) =>
        fail(`exited (${signal ?? `code ${code}`}) before it was ready`),
      );
      this.child.on('message', (message: ReadyMessage) => {
        if (message?.type !== 'ready') return;
        clearTimeout(timer);
        this.url = message.url;
        resolve(message.url);
      });
    });
  }

  /** Kills the process with `signal` (no chance to clean up with SIGKILL); resolves once it has exited. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(signal);
      await this.exited;
    }
  }

  /** Stops the process; resolves once it has exited. Safe to call more than once. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), this.options.stopTimeoutMs);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
