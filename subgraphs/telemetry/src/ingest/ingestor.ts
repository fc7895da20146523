/**
 * Who does the work of a `POST /ingest` body (parsing, validation, rollups and the write transaction): on
 * SQLite a worker thread owning the write connection (worker-ingestor.ts), so the serving thread stays free
 * for queries; on PostgreSQL, whose server does the writing, the serving thread itself.
 */
import { LIVE_HORIZON_MS } from '../config';
import { liveWindows, type EngineWindows } from '../live/downsample';
import type { TelemetryStore } from '../store';
import { parseBinary } from './binary';
import { ingestBatch, type IngestOutcome } from './ingest';
import { parseNdjson } from './ndjson';

/** One body as it arrived, with what the request said about it; plain data, so it can cross to a worker. */
export interface IngestRequest {
  readonly type: 'binary' | 'ndjson';
  /**
   * Handed over to the ingestor: a worker shares the memory `bodyBuffer` lent, takes a buffer the body spans
   * all of (transferred, not copied), and copies a view into a shared pool.
   */
  readonly body: Uint8Array;
  readonly idempotencyKey: string;
  readonly owner: string | undefined;
  readonly operators: readonly string[] | undefined;
  /** The server's clock when the body arrived. */
  readonly now: number;
}

export interface IngestResult {
  readonly outcome: IngestOutcome;
  /** The live summaries of an accepted first-time batch, for `LivePublisher.summarized`. */
  readonly windows: readonly EngineWindows[];
}

export interface Ingestor {
  ingest(request: IngestRequest): Promise<IngestResult>;
  /**
   * Room for a body of `size` bytes that `ingest` takes as it is, when the ingestor keeps buffers for
   * bodies; a new buffer otherwise.
   */
  bodyBuffer?(size: number): Uint8Array;
  /** Throws `IngestUnavailable` once the ingestor cannot take batches any more (its worker died). */
  check(): void;
  close(): Promise<void>;
}

/** The ingestor cannot take batches: nothing of the batch it refused was acknowledged. */
export class IngestUnavailable extends Error {}

export async function runIngest(store: TelemetryStore, request: IngestRequest): Promise<IngestResult> {
  const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  const { series, problems } =
    request.type === 'binary' ? parseBinary(body) : parseNdjson(body.toString('utf8'));
  const outcome = await ingestBatch(
    store,
    {
      idempotencyKey: request.idempotencyKey,
      series,
      owner: request.owner,
      operators: request.operators,
    },
    request.now,
    problems,
  );
  const fresh = outcome.accepted && !outcome.duplicate;
  return { outcome, windows: fresh ? liveWindows(series, request.now - LIVE_HORIZON_MS) : [] };
}

export function createInlineIngestor(store: TelemetryStore): Ingestor {
  return {
    ingest: (request) => runIngest(store, request),
    check: () => undefined,
    close: async () => undefined,
  };
}
