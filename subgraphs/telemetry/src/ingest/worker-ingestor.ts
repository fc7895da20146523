/**
 * The ingestor of the embedded store: a worker thread (worker.ts) with its own connection to the SQLite
 * file does each batch's parsing, validation, rollups and write transaction, so the serving thread's
 * connection answers queries meanwhile (WAL: readers never wait for the writer). A large body is read into
 * memory shared with the worker and kept for the next body once the worker has answered (a fresh 40 MB buffer
 * a second cost the serving thread about 150 ms of page faults, and buffers moved between the threads each
 * counted as 40 MB new to its garbage collector); a smaller one is transferred, not copied. Batches are
 * written one after another in the order they arrive; the worker commits before it answers, so a batch is
 * acknowledged only once it is durable. If the worker dies, every batch in flight is refused with
 * `IngestUnavailable` (none of them was acknowledged, and an uncommitted transaction leaves nothing), and so
 * is every later one: `check` throws, which the health check reports.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '@meridian/kit';
import { IngestUnavailable, type IngestRequest, type IngestResult, type Ingestor } from './ingestor';

export interface WorkerData {
  readonly file: string;
}

export type WorkerRequest = { readonly kind: 'ingest'; readonly id: number; readonly request: IngestRequest };

export type WorkerAnswer =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly id: number; readonly result: IngestResult }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** The built worker, found from the package so this module also runs from its TypeScript source (tests). */
const WORKER_ENTRY = path.join(
  path.dirname(require.resolve('@meridian/telemetry/package.json')),
  'dist/ingest/worker.js',
);

/** Bodies from this size on are read into shared memory, the largest of which is kept for the next one. */
const REUSED_BODY_BYTES = 1 << 20;

export interface WorkerIngestor extends Ingestor {
  /** The thread itself, for the tests that make it fail. */
  readonly worker: Worker;
}

/** Starts the worker on the SQLite `file` (migrated already) and resolves once it is ready. */
export function startWorkerIngestor(file: string, logger: Logger): Promise<WorkerIngestor> {
  const worker = new Worker(WORKER_ENTRY, { workerData: { file } satisfies WorkerData });
  const waiting = new Map<
    number,
    { resolve: (result: IngestResult) => void; reject: (error: Error) => void }
  >();
  let nextId = 0;
  /** Shared memory free for a body; lent out for a body; and read by the worker, by batch. */
  let spare: SharedArrayBuffer | undefined;
  const lent = new WeakSet<SharedArrayBuffer>();
  const reading = new Map<number, SharedArrayBuffer>();
  let failure: Error | undefined;
  let closing = false;
  let started: { resolve: () => void; reject: (error: Error) => void } | undefined;

  const fail = (error: Error) => {
    if (failure || closing) return;
    failure = error;
    logger.error({ err: error }, 'the ingest worker stopped: batches are refused until the service restarts');
    started?.reject(error);
    const refused = new IngestUnavailable(
      'ingest is unavailable: its worker stopped; the batch was not written',
    );
    for (const { reject } of waiting.values()) reject(refused);
    waiting.clear();
    // No answer will come for the bodies the worker was reading: their memory is not kept for later ones.
    reading.clear();
    spare = undefined;
  };
  worker.on('message', (answer: WorkerAnswer) => {
    if (answer.kind === 'ready') return started?.resolve();
    const caller = waiting.get(answer.id);
    waiting.delete(answer.id);
    // The worker is done with the body once it has answered: its memory can hold the next one.
    const shared = reading.get(answer.id);
    reading.delete(answer.id);
    if (shared && shared.byteLength > (spare?.byteLength ?? 0)) spare = shared;
    if (answer.kind === 'result') caller?.resolve(answer.result);
    else caller?.reject(new Error(answer.message));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the ingest worker exited with code ${code}`)));

  const check = () => {
    if (failure) throw new IngestUnavailable(`ingest is unavailable: ${failure.message}`);
  };
  const ingestor: WorkerIngestor = {
    worker,
    check,
    bodyBuffer: (size) => {
      // A small body (or one of no declared length, which grows as it comes) gets a buffer of its own.
      if (size < REUSED_BODY_BYTES) return new Uint8Array(size);
      const buffer = spare && spare.byteLength >= size ? spare : new SharedArrayBuffer(size);
      if (buffer === spare) spare = undefined;
      lent.add(buffer);
      return new Uint8Array(buffer, 0, size);
    },
    ingest: (request) =>
      new Promise((resolve, reject) => {
        check();
        const id = (nextId += 1);
        waiting.set(id, { resolve, reject });
        const { buffer, byteOffset, byteLength } = request.body;
        // A body in memory lent by `bodyBuffer` is shared with the worker; one that is all of its buffer
        // moves to the worker; a view into Node's pool is copied.
        if (buffer instanceof SharedArrayBuffer && lent.has(buffer)) {
          lent.delete(buffer);
          reading.set(id, buffer);
        }
        const whole = buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength;
        worker.postMessage({ kind: 'ingest', id, request } satisfies WorkerRequest, whole ? [buffer] : []);
      }),
    close: async () => {
      closing = true;
      await worker.terminate();
    },
  };
  return new Promise((resolve, reject) => {
    started = { resolve: () => resolve(ingestor), reject };
  });
}
