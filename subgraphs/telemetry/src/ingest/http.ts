/**
 * `POST /ingest`: bulk ingest over HTTP. The body is NDJSON (`content-type: application/x-ndjson`) or binary
 * frames (`application/vnd.meridian.readings`, see binary.ts); the `idempotency-key` header is required.
 * Answers 200 with the receipt once the batch is durable, 400 with every problem when it is rejected whole
 * (among them each engine that is not the sender's operator's to write).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '@meridian/kit';
import { errorBody } from '@meridian/schema';
import { accessOf, writableOperators } from '../access';
import { MAX_INGEST_BYTES } from '../config';
import type { LivePublisher } from '../live/publisher';
import type { TelemetryStore } from '../store';
import { batchOwner, type SensorSeries } from './batch';
import { parseBinary } from './binary';
import { checkIdempotencyKey, ingestBatch } from './ingest';
import { parseNdjson } from './ndjson';
import type { IngestProblem } from './validate';

export const NDJSON_TYPE = 'application/x-ndjson';
export const BINARY_TYPE = 'application/vnd.meridian.readings';
export const INGEST_PATH = '/ingest';

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const badRequest = (
  res: ServerResponse,
  argument: string,
  message: string,
  extra: Record<string, unknown> = {},
) => reply(res, 400, errorBody('BAD_USER_INPUT', message, { argument, ...extra }));

/** Reads the body into one buffer, or resolves null (after answering 413) when it is too large. */
async function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () => {
    reply(
      res,
      413,
      errorBody('PAYLOAD_TOO_LARGE', `the body exceeds ${MAX_INGEST_BYTES} bytes; split the batch`, {
        argument: 'body',
        limit: 'bytes',
        maximum: MAX_INGEST_BYTES,
      }),
    );
    req.resume();
    return null;
  };
  if (declared > MAX_INGEST_BYTES) return tooLarge();
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_INGEST_BYTES) return tooLarge();
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts, size);
}

export function createIngestHandler(
  store: TelemetryStore,
  live: LivePublisher,
  clock: () => number = Date.now,
) {
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
    const body = await readBody(req, res);
    if (!body) return;
    let series: SensorSeries[];
    let problems: IngestProblem[];
    if (type === BINARY_TYPE) ({ series, problems } = parseBinary(body));
    else ({ series, problems } = parseNdjson(body.toString('utf8')));
    const batch = {
      idempotencyKey: key,
      series,
      owner: batchOwner(principal),
      operators: writableOperators(accessOf(principal)),
    };
    const outcome = await ingestBatch(store, batch, clock(), problems);
    await live.outcome(batch, outcome);
    if (!outcome.accepted) {
      return badRequest(res, 'body', `batch rejected: ${outcome.problemCount} problems, nothing written`, {
        problems: outcome.problems,
        problemCount: outcome.problemCount,
      });
    }
    reply(res, 200, { readings: outcome.readings, series: outcome.series, duplicate: outcome.duplicate });
  };
}
