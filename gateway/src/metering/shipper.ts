/**
 * Ships spooled usage events to billing: every interval (or sooner when enough events are waiting) the active
 * segment is cut and the closed segments are sent, oldest first, in batches with their event ids. A segment
 * is deleted once billing has acknowledged all of it; while billing is down the segments stay on disk and
 * the shipper retries with backoff, then catches up.
 */
import type { Logger } from '@meridian/kit';
import type { UsageEvent } from './event';
import type { Spool } from './spool';

export interface ShipperOptions {
  readonly spool: Spool;
  /** Billing's usage intake, e.g. `http://127.0.0.1:4003/internal/usage`. */
  readonly url: string;
  readonly internalToken: string;
  readonly intervalMs: number;
  /** Events per request to billing. */
  readonly batchSize: number;
  readonly logger: Logger;
  readonly timeoutMs: number;
}

/** Longest wait between retries while billing is unreachable. */
const MAX_BACKOFF_MS = 30_000;

export class Shipper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;
  private stopped = false;

  constructor(private readonly options: ShipperOptions) {}

  start(): void {
    this.schedule(0);
  }

  /** Ships now if enough events are waiting, instead of at the next interval. */
  nudge(): void {
    if (this.options.spool.pending >= this.options.batchSize && this.failures === 0) this.schedule(0);
  }

  /** Stops shipping after one last attempt to send what is spooled; what fails stays on disk. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.flush().catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running ??= this.flush()
        .then(
          () => {
            this.failures = 0;
          },
          (error: unknown) => {
            this.failures += 1;
            this.options.logger.warn({ err: error }, 'usage could not be shipped to billing; kept on disk');
          },
        )
        .finally(() => {
          this.running = undefined;
          const backoff = Math.min(MAX_BACKOFF_MS, this.options.intervalMs * 2 ** this.failures);
          this.schedule(this.failures === 0 ? this.options.intervalMs : backoff);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** Sends every closed segment; throws on the first one billing does not take. */
  async flush(): Promise<void> {
    const { spool } = this.options;
    if (spool.pending > 0) spool.cut();
    for (const file of spool.closedSegments()) {
      const events = spool.read(file);
      let malformed = false;
      for (let start = 0; start < events.length && !malformed; start += this.options.batchSize) {
        malformed = (await this.send(events.slice(start, start + this.options.batchSize))) === 'malformed';
      }
      if (malformed) {
        const kept = spool.quarantine(file);
        this.options.logger.error(`billing refused usage in ${file} as malformed; moved to ${kept}`);
      } else {
        spool.remove(file);
      }
    }
  }

  private async send(events: readonly UsageEvent[]): Promise<'ok' | 'malformed'> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-meridian-internal-token': this.options.internalToken,
      },
      body: JSON.stringify({ events }),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (response.ok) return 'ok';
    if (response.status === 400) return 'malformed';
    throw new Error(`billing answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  }
}
