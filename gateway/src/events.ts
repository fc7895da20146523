/**
 * Following a server-sent-event stream of an internal route (billing's key changes, each subgraph's change
 * feed) for as long as the gateway runs: reconnecting with a growing pause when it breaks, and saying when it
 * is connected and when it is lost, since changes may have been missed meanwhile. The stream is read by
 * `eventsource-parser` (every line ending, comments, events of several data lines).
 */
import { INTERNAL_TOKEN_HEADER } from '@meridian/contracts';
import type { Logger } from '@meridian/kit/log';
import { createParser } from 'eventsource-parser';

export interface EventStreamOptions {
  readonly url: string;
  readonly internalToken: string;
  readonly logger: Logger;
  /** Each event's data, parsed from JSON. */
  readonly onEvent: (data: unknown) => void;
  /** Connected: anything cached from before may be stale. */
  readonly onConnected?: () => void;
  /** The stream broke or could not be opened. */
  readonly onLost?: () => void;
}

/** Longest wait between reconnection attempts. */
const MAX_BACKOFF_MS = 10_000;
const FIRST_BACKOFF_MS = 200;

export class EventStream {
  private readonly abort = new AbortController();
  private backoff = FIRST_BACKOFF_MS;
  private connectedOnce: () => void = () => undefined;
  /** Resolves when the stream has connected once; lets tests and start-up wait for it. */
  readonly connected = new Promise<void>((resolve) => (this.connectedOnce = resolve));

  constructor(private readonly options: EventStreamOptions) {}

  start(): void {
    void this.run();
  }

  close(): void {
    this.abort.abort();
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        await this.listen();
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.options.logger.debug({ err: error, url: this.options.url }, 'event stream interrupted');
      }
      this.options.onLost?.();
      await new Promise((resolve) => setTimeout(resolve, this.backoff).unref());
      this.backoff = Math.min(MAX_BACKOFF_MS, this.backoff * 2);
    }
  }

  private async listen(): Promise<void> {
    const response = await fetch(this.options.url, {
      headers: { [INTERNAL_TOKEN_HEADER]: this.options.internalToken, accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`${this.options.url} answered ${response.status}`);
    this.backoff = FIRST_BACKOFF_MS;
    this.options.onConnected?.();
    this.connectedOnce();
    const parser = createParser({
      onEvent: ({ data }) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(data);
        } catch {
          // Not JSON: passed on as text, for the listener to refuse (the key-change feed then drops everything).
          parsed = data;
        }
        this.options.onEvent(parsed);
      },
    });
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      parser.feed(decoder.decode(read.value, { stream: true }));
    }
  }
}
