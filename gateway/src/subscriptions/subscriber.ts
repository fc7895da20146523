/**
 * One client's end of a shared subscription: a bounded queue between the shared upstream and the client's
 * socket. A slow client never slows the others: when its queue is full, frames of a droppable stream are
 * skipped (the next message it gets says how many in `extensions.skipped`); any other stream is ended with
 * SUBSCRIPTION_OVERFLOW, since silently losing an event would be worse.
 */
import type { ExecutionResult } from 'graphql';

export interface SubscriberOptions {
  readonly capacity: number;
  readonly droppable: boolean;
  /** Called once when the client is gone (it unsubscribed, disconnected or overflowed). */
  readonly onEnd: (subscriber: Subscriber) => void;
  /** Called for every message handed to the client. */
  readonly onDelivered: () => void;
}

export class Subscriber implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private waiting: ((result: IteratorResult<ExecutionResult>) => void) | undefined;
  private ended = false;
  /** Messages skipped so far because the client could not keep up. */
  skipped = 0;

  constructor(private readonly options: SubscriberOptions) {}

  push(result: ExecutionResult): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ done: false, value: this.annotate(result) });
      return;
    }
    if (this.queue.length < this.options.capacity) {
      this.queue.push(result);
    } else if (this.options.droppable) {
      this.queue.shift();
      this.queue.push(result);
      this.skipped += 1;
    } else {
      this.queue.length = 0;
      this.queue.push({
        errors: [
          {
            message: `the client fell ${this.options.capacity} messages behind; the subscription was ended`,
            extensions: { code: 'SUBSCRIPTION_OVERFLOW' },
          } as never,
        ],
      });
      this.finish();
    }
  }

  /** Ends the stream after what is queued; used when the upstream ends. */
  finish(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.waiting && this.queue.length === 0) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ done: true, value: undefined });
    }
    this.options.onEnd(this);
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const queued = this.queue.shift();
    if (queued) return { done: false, value: this.annotate(queued) };
    if (this.ended) return { done: true, value: undefined };
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.queue.length = 0;
    this.finish();
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  private annotate(result: ExecutionResult): ExecutionResult {
    this.options.onDelivered();
    return this.skipped > 0
      ? { ...result, extensions: { ...result.extensions, skipped: this.skipped } }
      : result;
  }
}
