/**
 * The ingest worker thread: owns the SQLite write connection and does all of a batch's work (see
 * worker-ingestor.ts, which starts it); the store's reads on a connection of their own, its batch writes
 * with prepared statements (sqlite-batch.ts). Answers each request with its result or its error; a message it does
 * not understand is a bug of the service, thrown so the worker stops and the service reports it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openTelemetryStore, type BatchWrite } from '../store';
import { openSqliteBatchWriter } from '../store/sqlite-batch';
import { windowBuffers } from '../live/downsample';
import { runIngest } from './ingestor';
import type { WorkerAnswer, WorkerData, WorkerRequest } from './worker-ingestor';

const port = parentPort!;
const { file } = workerData as WorkerData;

async function serve(): Promise<void> {
  // The serving thread migrated and seeded the store before starting this worker.
  const opened = await openTelemetryStore({
    location: { dialect: 'sqlite', file },
    seedIfEmpty: async () => false,
  });
  const writer = openSqliteBatchWriter(file);
  const store = { ...opened.store, writeBatch: async (write: BatchWrite) => writer.write(write) };
  port.on('message', (message: WorkerRequest) => {
    if (message.kind !== 'ingest') throw new Error(`unknown message ${JSON.stringify(message.kind)}`);
    const answer = (reply: WorkerAnswer, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
    runIngest(store, message.request).then(
      // The live summaries' typed arrays move to the serving thread rather than being copied. Nothing reads
      // the body once its result is known: the serving thread may reuse its memory after this answer.
      (result) => answer({ kind: 'result', id: message.id, result }, windowBuffers(result.windows)),
      (error: Error) => answer({ kind: 'failed', id: message.id, message: error.stack ?? error.message }),
    );
  });
  port.on('close', () => {
    writer.close();
    void store.close();
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerAnswer);
}

void serve();
