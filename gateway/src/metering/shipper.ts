/**
 * Ships spooled usage events to billing: every interval (or sooner when enough events are waiting) the active
 * segment is cut and the closed segments are sent, oldest first, in batches with their event ids. Billing
 * records every valid event of a batch and names the ones it refused as malformed; those alone are kept aside
 * in a quarantine file, so one bad event never costs the others. A segment is deleted once billing has
 * answered for all of it; while billing is down the segments stay on disk and the shipper retries with
 * backoff, then catches up.
 */
import { INTERNAL_TOKEN_HEADER, UsageIntakeAnswerSchema } from '@meridian/contracts';
import type { Logger } from '@meridian/kit/log';
import type { UsageEvent } from './event';
import type { RefusedUsage, Spool } from './spool';

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
/** How much of an unexpected answer from billing is kept in the error or the quarantine file. */
const ANSWER_EXCERPT_CHARS = 200;

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

  /**
   * Sends every closed segment; throws on the first batch billing does not answer, leaving that segment on
   * disk to be sent again (billing counts an event id once).
   */
  async flush(): Promise<void> {
    const { spool } = this.options;
    if (spool.pending > 0) spool.cut();
    for (const file of spool.closedSegments()) {
      const lines = spool.lines(file);
      const refused: RefusedUsage[] = [];
      for (let start = 0; start < lines.length; start += this.options.batchSize) {
        refused.push(...(await this.send(lines.slice(start, start + this.options.batchSize))));
      }
      if (refused.length > 0) {
        const kept = spool.quarantine(file, refused);
        this.options.logger.error(
          { segment: file, quarantine: kept, fields: [...new Set(refused.map((entry) => entry.field))] },
          `billing refused ${refused.length} of ${lines.length} usage events as malformed and recorded the rest; the refused events are kept in ${kept}`,
        );
      }
      spool.remove(file);
    }
  }

  /**
   * Sends one batch, given as the events' JSON texts the spool wrote (the body is made of them as they are);
   * resolves to the events billing refused, each with why.
   */
  private async send(lines: readonly string[]): Promise<RefusedUsage[]> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_TOKEN_HEADER]: this.options.internalToken,
      },
      body: `{"events":[${lines.join(',')}]}`,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const text = await response.text();
    if (response.status === 400) {
      // Billing could not read the request as a batch at all, so it recorded none of it.
      const reason = `billing refused the whole batch: ${text.slice(0, ANSWER_EXCERPT_CHARS)}`;
      return lines.map((line) => ({ event: JSON.parse(line) as UsageEvent, field: null, reason }));
    }
    if (!response.ok) {
      throw new Error(`billing answered ${response.status}: ${text.slice(0, ANSWER_EXCERPT_CHARS)}`);
    }
    return refusedIn(text, lines);
  }
}

/**
 * The events of a batch that billing's answer names as refused. An answer that cannot be read throws, so the
 * segment stays on disk rather than being dropped or quarantined on a guess.
 */
function refusedIn(answer: string, batch: readonly string[]): RefusedUsage[] {
  const unreadable = () =>
    new Error(`billing's usage answer cannot be read: ${answer.slice(0, ANSWER_EXCERPT_CHARS)}`);
  let parsed: ReturnType<typeof UsageIntakeAnswerSchema.safeParse>;
  try {
    parsed = UsageIntakeAnswerSchema.safeParse(JSON.parse(answer));
  } catch {
    throw unreadable();
  }
  if (!parsed.success) throw unreadable();
  const byIndex = new Map<number, RefusedUsage>();
  for (const { index, field, reason } of parsed.data.rejected) {
    if (index >= batch.length) throw unreadable();
    byIndex.set(index, { event: JSON.parse(batch[index]!) as UsageEvent, field, reason });
  }
  return [...byIndex.values()];
}
