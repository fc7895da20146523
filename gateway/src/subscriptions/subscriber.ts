/**
 * One client's end of a shared subscription. Events reach it already serialized, once for every client of
 * the shared subscription, and it writes them onto the client's socket itself as graphql-ws `next` messages
 * (`{"id":<its id>,"type":"next","payload":<the shared payload>}`), so a thousand clients cost a thousand
 * writes but one `JSON.stringify`.
 *
 * The socket's own send buffer is the queue, bounded in bytes: when a client stops reading, the kernel's
 * buffers fill, then the bytes waiting in the gateway (`bufferedAmount`) grow. Past the bound, frames of a
 * droppable stream are skipped (every later message says how many so far in `extensions.skipped`); any
 * other stream is ended with SUBSCRIPTION_OVERFLOW, since silently losing an event would be worse. A slow
 * client therefore costs at most its bound in memory and never holds the others back.
 */
import type { ExecutionResult } from 'graphql';

/**
 * The part of a `ws` socket (`SubscriptionChannel['socket']`) a subscriber writes to.
 * @internal
 */
export interface SubscriberSocket {
  readonly readyState: number;
  /** Bytes handed to the socket that the kernel has not taken yet. */
  readonly bufferedAmount: number;
  send(data: Buffer, options: { readonly binary: boolean; readonly compress: boolean }): void;
}

export interface SubscriberOptions {
  readonly id: string;
  readonly socket: SubscriberSocket;
  /** Bytes that may wait in the gateway for this client's connection before it counts as slow. */
  readonly maxBufferedBytes: number;
  readonly droppable: boolean;
  /** Called once when the client is gone (it unsubscribed, disconnected or overflowed). */
  readonly onEnd: (subscriber: Subscriber) => void;
}

/** An event's payload (an execution result without `extensions`) as JSON, serialized once for every client. */
export type SerializedPayload = Buffer;

const OPEN = 1;
const CLOSING_BRACE = Buffer.from('}');
/** Sent as text frames: the payload is JSON, which graphql-ws clients read from text messages. */
const TEXT_FRAME = { binary: false, compress: false } as const;

export function serializePayload(result: ExecutionResult): SerializedPayload {
  return Buffer.from(JSON.stringify(result));
}

/**
 * graphql-ws iterates the subscriber for its messages; it yields none (they go straight onto the socket)
 * and ends when the subscription does, which makes graphql-ws send `complete`.
 */
export class Subscriber implements AsyncIterableIterator<ExecutionResult> {
  /** Messages written to the client since the owner last collected the count (for metering). */
  delivered = 0;
  /** Frames skipped so far because the client could not keep up. */
  skipped = 0;
  private readonly prefix: Buffer;
  private ended = false;
  private onEnded: ((result: IteratorResult<ExecutionResult>) => void) | undefined;

  constructor(private readonly options: SubscriberOptions) {
    this.prefix = Buffer.from(`{"id":${JSON.stringify(options.id)},"type":"next","payload":`);
  }

  get active(): boolean {
    return !this.ended;
  }

  send(payload: SerializedPayload): void {
    const { socket } = this.options;
    if (this.ended || socket.readyState !== OPEN) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      if (this.options.droppable) {
        this.skipped += 1;
      } else {
        this.endWith(
          'SUBSCRIPTION_OVERFLOW',
          `the client fell ${this.options.maxBufferedBytes} bytes behind; the subscription was ended`,
        );
      }
      return;
    }
    this.write(this.skipped > 0 ? withSkipped(payload, this.skipped) : payload);
  }

  /** Ends the stream with a last message carrying one coded error (overflow, access withdrawn). */
  endWith(code: string, message: string): void {
    if (this.ended) return;
    if (this.options.socket.readyState === OPEN) {
      this.write(serializePayload({ errors: [{ message, extensions: { code } } as never] }));
    }
    this.finish();
  }

  /** Ends the stream after what was written; used when the upstream ends. */
  finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnded?.({ done: true, value: undefined });
    this.onEnded = undefined;
    this.options.onEnd(this);
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.ended) return { done: true, value: undefined };
    return new Promise((resolve) => (this.onEnded = resolve));
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.finish();
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  private write(payload: SerializedPayload): void {
    const length = this.prefix.length + payload.length + CLOSING_BRACE.length;
    this.options.socket.send(Buffer.concat([this.prefix, payload, CLOSING_BRACE], length), TEXT_FRAME);
    this.delivered += 1;
  }
}

/** The payload with `"extensions":{"skipped":n}` added; payloads carry no extensions of their own. */
function withSkipped(payload: SerializedPayload, skipped: number): SerializedPayload {
  const separator = payload.length > 2 ? ',' : '';
  const extension = Buffer.from(`${separator}"extensions":{"skipped":${skipped}}}`);
  return Buffer.concat([payload.subarray(0, payload.length - 1), extension]);
}
