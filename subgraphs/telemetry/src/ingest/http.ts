/**
 * `POST /ingest`: bulk ingest over HTTP. The body is NDJSON (`content-type: application/x-ndjson`) or binary
 * frames (`application/vnd.meridian.readings`, see binary.ts); the `idempotency-key` header is required.
 * Answers 200 with the receipt once the batch is durable, 400 with every problem when it is rejected whole
 * (among them each engine that is not the sender's operator's to write). At most `maxPending` bodies are
 * taken at once (read, queued or being written); one more is refused with 429 RATE_LIMITED and `Retry-After`
 * before its body is read, so a sender faster than the store cannot fill the memory. 503 SERVICE_UNAVAILABLE
 * when the ingestor has stopped.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, type Principal } from '@meridian/kit';
import { accessOf, writableOperators } from '../access';
import { INGEST_RETRY_AFTER_S, MAX_INGEST_BYTES } from '../config';
import type { LivePublisher } from '../live/publisher';
import { BINARY_TYPE, NDJSON_TYPE } from '../wire';
import { batchOwner } from './batch';
import { checkIdempotencyKey } from './ingest';
import { IngestUnavailable, type IngestResult, type Ingestor } from './ingestor';

export const INGEST_PATH = '/ingest';

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const badRequest = (
  res: ServerResponse,
  argument: string,
  message: string,
  extra: Record<string, unknown> = {},
) => sendError(res, 'BAD_USER_INPUT', message, { argument, ...extra });

/**
 * Reads the body into one buffer of its own, from `allocate` (so a worker can take it whole), or resolves
 * null (after answering 413) when it is too large.
 */
async function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  allocate: (size: number) => Uint8Array,
): Promise<Uint8Array | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () => {
    sendError(res, 'PAYLOAD_TOO_LARGE', `the body exceeds ${MAX_INGEST_BYTES} bytes; split the batch`, {
      argument: 'body',
      limit: 'bytes',
      maximum: MAX_INGEST_BYTES,
    });
    req.resume();
    return null;
  };
  if (declared > MAX_INGEST_BYTES) return tooLarge();
  // Each part is copied as it arrives into a buffer of the declared size: one long copy at the end would
  // hold the event loop (and the queries waiting on it) for the whole body. Without a declared length the
  // buffer grows by doubling.
  let body = allocate(declared);
  let size = 0;
  for await (const part of req) {
    const length = (part as Buffer).length;
    if (size + length > MAX_INGEST_BYTES) return tooLarge();
    if (size + length > body.length) {
      const grown = new Uint8Array(Math.min(MAX_INGEST_BYTES, Math.max(2 * body.length, size + length)));
      grown.set(body.subarray(0, size));
      body = grown;
    }
    body.set(part as Buffer, size);
    size += length;
  }
  return size === body.length ? body : body.slice(0, size);
}

export function createIngestHandler(
  ingestor: Ingestor,
  live: LivePublisher,
  options: { readonly maxPending: number; readonly clock?: () => number },
) {
  const clock = options.clock ?? Date.now;
  const allocate = (size: number) => ingestor.bodyBuffer?.(size) ?? new Uint8Array(size);
  let pending = 0;
  return async (req: IncomingMessage, res: ServerResponse, principal: Principal | null): Promise<void> => {
    const key = String(req.headers['idempotency-key'] ?? '');
    const keyProblem = checkIdempotencyKey(key);
    if (keyProblem) return badRequest(res, 'idempotency-key', `the idempotency-key header ${keyProblem}`);
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    if (type !== NDJSON_TYPE && type !== BINARY_TYPE) {
      return badRequest(
        res,
        'content-type',
        `content-type must be ${NDJSON_TYPE} or ${BINARY_TYPE}, got ${JSON.stringify(type)}`,
      );
    }
    if (pending >= options.maxPending) {
      req.resume();
      return sendError(
        res,
        'RATE_LIMITED',
        `${pending} batches are being written already; send this one again after ${INGEST_RETRY_AFTER_S} s`,
        { limit: 'pendingBatches', maximum: options.maxPending },
        { 'retry-after': String(INGEST_RETRY_AFTER_S) },
      );
    }
    pending += 1;
    let result: IngestResult;
    try {
      const body = await readBody(req, res, allocate);
      if (!body) return;
      result = await ingestor.ingest({
        type: type === BINARY_TYPE ? 'binary' : 'ndjson',
        body,
        idempotencyKey: key,
        owner: batchOwner(principal),
        operators: writableOperators(accessOf(principal)),
        now: clock(),
      });
    } catch (error) {
      if (!(error instanceof IngestUnavailable)) throw error;
      return sendError(
        res,
        'SERVICE_UNAVAILABLE',
        error.message,
        {},
        {
          'retry-after': String(INGEST_RETRY_AFTER_S),
        },
      );
    } finally {
      pending -= 1;
    }
    const { outcome, windows } = result;
    await live.summarized(outcome, windows);
    if (!outcome.accepted) {
      return badRequest(res, 'body', `batch rejected: ${outcome.problemCount} problems, nothing written`, {
        problems: outcome.problems,
        problemCount: outcome.problemCount,
      });
    }
    reply(res, 200, { readings: outcome.readings, series: outcome.series, duplicate: outcome.duplicate });
  };
}
