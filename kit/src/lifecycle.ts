/**
 * Running a service as a process: start it, report readiness (a log line, and a message to the parent
 * process when there is one, which is how `npm start` and the tests learn the port it got), and stop it
 * cleanly on SIGINT, SIGTERM or when the parent goes away.
 */
import { ConfigError } from './env';
import type { Logger } from './log';

export interface RunningService {
  readonly name: string;
  /** Base URL of the service, e.g. `http://127.0.0.1:4001`. */
  readonly url: string;
  readonly logger: Logger;
  close(): Promise<void>;
}

/** What a service sends its parent process once it serves requests. */
export interface ReadyMessage {
  readonly type: 'ready';
  readonly name: string;
  readonly url: string;
}

/** Exit status of a service that refused to start because of its configuration. */
const EXIT_CONFIG = 78;

export function runService(start: () => Promise<RunningService>): void {
  Promise.resolve()
    .then(start)
    .then(
      (service) => {
        let stopping = false;
        const stop = (reason: string) => {
          if (stopping) return;
          stopping = true;
          service.logger.info(`stopping (${reason})`);
          service.close().then(
            () => process.exit(0),
            (error: unknown) => {
              service.logger.error({ err: error }, 'failed to stop cleanly');
              process.exit(1);
            },
          );
        };
        process.on('SIGINT', () => stop('SIGINT'));
        process.on('SIGTERM', () => stop('SIGTERM'));
        process.on('disconnect', () => stop('parent exited'));
        const ready: ReadyMessage = { type: 'ready', name: service.name, url: service.url };
        service.logger.info(`ready at ${service.url}`);
        process.send?.(ready);
      },
      (error: unknown) => {
        if (error instanceof ConfigError) {
          console.error(error.message);
          process.exit(EXIT_CONFIG);
        }
        console.error('failed to start:', error);
        process.exit(1);
      },
    );
}
