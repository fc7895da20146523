/**
 * Ingest through the worker thread that owns the SQLite write connection: queries answered while a large
 * batch is written, the bounded queue's refusal, and what a failing worker does to batches.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createLogger, type RunningService } from '@meridian/kit';
import { loadConfig } from '../config';
import { auxiliaryName } from '../generate/fleet';
import { startTelemetry } from '../server';
import { openTelemetryStore, type TelemetryStore } from '../store';
import { seedIfEmpty } from '../seed';
import { encodeBinaryFrame } from './binary';
import { BINARY_TYPE } from '../wire';
import { IngestUnavailable, type IngestRequest } from './ingestor';
import { startWorkerIngestor } from './worker-ingestor';

const ENGINE = 'eng_0002_1';

/** `sensors` auxiliary channels of ENGINE, `samples` readings each at 1 kHz from `start`. */
function frame(sensors: number, samples: number, start: number): Buffer {
  return encodeBinaryFrame({
    engineId: ENGINE,
    start,
    period: 1,
    sensors: Array.from({ length: sensors }, (_, i) => auxiliaryName(i)),
    values: Array.from({ length: sensors }, (_, i) => new Float64Array(samples).fill(100 + i)),
  });
}

interface Answer {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly body: { readings?: number; errors?: { extensions: Record<string, unknown> }[] };
}

/** Posts a body; `sent` resolves once all of it is written to the connection, `answer` with the reply. */
function sendIngest(
  url: string,
  body: Buffer,
  key: string,
): { sent: Promise<void>; answer: Promise<Answer> } {
  let sent!: () => void;
  const sentPromise = new Promise<void>((resolve) => (sent = resolve));
  const answer = new Promise<Answer>((resolve, reject) => {
    const request = http.request(
      `${url}/ingest`,
      { method: 'POST', headers: { 'content-type': BINARY_TYPE, 'idempotency-key': key } },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            retryAfter: response.headers['retry-after'],
            body: JSON.parse(Buffer.concat(parts).toString('utf8')) as Answer['body'],
          }),
        );
      },
    );
    request.on('error', reject);
    request.on('finish', sent);
    request.end(body);
  });
  return { sent: sentPromise, answer };
}

describe('ingest on the embedded store, through its worker', () => {
  let service: RunningService;
  let url: string;
  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-worker-'));
    service = await startTelemetry(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        TELEMETRY_STREAM_RATE_HZ: '0',
        TELEMETRY_DEMO_FLIGHTS: '1',
        TELEMETRY_INGEST_QUEUE: '1',
      }),
    );
    url = service.url;
  });
  afterAll(() => service.close());

  const series = async (): Promise<number> => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const started = performance.now();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ series(engine: "${ENGINE}", sensor: "AUX0001", from: "${from}", to: "${to}", buckets: 100) { buckets { count } } }`,
      }),
    });
    const body = (await response.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    return performance.now() - started;
  };

  it('answers series queries while a large batch is being validated and written', async () => {
    // 4 M readings (32 MB): most of a second of the worker's time or more.
    const batch = sendIngest(url, frame(4_000, 1_000, Date.now() - 120_000), 'large-1');
    await batch.sent;
    const sentAt = performance.now();
    let acknowledged = false;
    const answer = batch.answer.finally(() => (acknowledged = true));
    const meanwhile: number[] = [];
    while (!acknowledged) {
      const took = await series();
      if (!acknowledged) meanwhile.push(took);
    }
    const { status, body } = await answer;
    const batchMs = performance.now() - sentAt;
    expect({ status, readings: body.readings }).toEqual({ status: 200, readings: 4_000_000 });
    // Queries that waited for the write would all end after it: these were answered during it, each in a
    // fraction of the batch's time.
    expect(meanwhile.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...meanwhile)).toBeLessThan(batchMs / 2);
  });

  it('refuses a batch with 429 RATE_LIMITED and Retry-After while its queue is full, and takes it after', async () => {
    const large = sendIngest(url, frame(4_000, 1_000, Date.now() - 60_000), 'large-2');
    await large.sent;
    const small = frame(1, 10, Date.now() - 30_000);
    const refused = await sendIngest(url, small, 'small-1').answer;
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body.errors![0]!.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      limit: 'pendingBatches',
      maximum: 1,
    });
    expect((await large.answer).status).toBe(200);
    const retried = await sendIngest(url, small, 'small-1').answer;
    expect({ status: retried.status, readings: retried.body.readings }).toEqual({
      status: 200,
      readings: 10,
    });
  });
});

describe('a worker that fails', () => {
  let store: TelemetryStore;
  let file: string;
  const now = Date.now();
  beforeAll(async () => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-crash-')), 't.sqlite');
    ({ store } = await openTelemetryStore({
      location: { dialect: 'sqlite', file },
      seedIfEmpty: (s) => seedIfEmpty(s, { seed: 1, sensors: 30, flights: 1, now: now - 86_400_000 }),
    }));
  });
  afterAll(() => store.close());

  const request = (key: string, start: number): IngestRequest => ({
    type: 'binary',
    body: frame(3, 100, start),
    idempotencyKey: key,
    owner: undefined,
    operators: undefined,
    now,
  });

  it('keeps what it acknowledged, refuses what came after instead of hanging, and says it is unavailable', async () => {
    const ingestor = await startWorkerIngestor(file, createLogger('telemetry', 'silent'));
    try {
      const first = await ingestor.ingest(request('before-crash', now - 10_000));
      expect(first.outcome).toMatchObject({ accepted: true, duplicate: false, readings: 300 });
      expect(() => ingestor.check()).not.toThrow();

      // A message the worker does not understand makes it throw, and it stops before the next batch.
      ingestor.worker.postMessage({ kind: 'unknown' });
      await expect(ingestor.ingest(request('after-crash', now - 5_000))).rejects.toBeInstanceOf(
        IngestUnavailable,
      );
      expect(() => ingestor.check()).toThrow(IngestUnavailable);
      await expect(ingestor.ingest(request('later', now - 1_000))).rejects.toBeInstanceOf(IngestUnavailable);

      const heads = await store.newestReadings([ENGINE]);
      const newest = heads.find((head) => head.sensor === 'AUX0001');
      expect(newest?.time).toBe(now - 10_000 + 99);
      expect(await store.findBatch('before-crash')).toMatchObject({ readings: 300 });
      expect(await store.findBatch('after-crash')).toBeNull();
    } finally {
      await ingestor.close();
    }
  });
});

describe('the buffers bodies arrive in', () => {
  let store: TelemetryStore;
  let file: string;
  const now = Date.now();
  beforeAll(async () => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-bodies-')), 't.sqlite');
    ({ store } = await openTelemetryStore({
      location: { dialect: 'sqlite', file },
      seedIfEmpty: (s) => seedIfEmpty(s, { seed: 1, sensors: 30, flights: 1, now: now - 86_400_000 }),
    }));
  });
  afterAll(() => store.close());

  const ingestIn = (body: Uint8Array, key: string) =>
    ({ type: 'binary', body, idempotencyKey: key, owner: undefined, operators: undefined, now }) as const;

  it('holds the next body in a large body’s memory once its batch is written, and reads only that body', async () => {
    const ingestor = await startWorkerIngestor(file, createLogger('telemetry', 'silent'));
    try {
      // 1.6 MB: large enough to be kept (the seeded catalog has a handful of auxiliary channels).
      const large = frame(5, 40_000, now - 200_000);
      const first = ingestor.bodyBuffer!(large.length);
      first.set(large);
      // Lent memory is not free again until the worker has answered for its batch.
      const pending = ingestor.ingest(ingestIn(first, 'large'));
      expect(ingestor.bodyBuffer!(large.length).buffer).not.toBe(first.buffer);
      expect((await pending).outcome).toMatchObject({ accepted: true, readings: 200_000 });

      // 1.1 MB, after the large batch in time.
      const smaller = encodeBinaryFrame({
        engineId: ENGINE,
        start: now - 150_000,
        period: 1,
        sensors: ['AUX0001', 'AUX0002'],
        values: [new Float64Array(70_000).fill(7.5), new Float64Array(70_000).fill(-2)],
      });
      const second = ingestor.bodyBuffer!(smaller.length);
      // The large body's memory holds this one; the rest of it is the old batch's bytes.
      expect(second.buffer).toBe(first.buffer);
      expect(second.byteLength).toBe(smaller.length);
      second.set(smaller);
      expect((await ingestor.ingest(ingestIn(second, 'smaller'))).outcome).toMatchObject({
        accepted: true,
        readings: 140_000,
      });
      const heads = await store.newestReadings([ENGINE]);
      expect(heads.filter((h) => h.sensor === 'AUX0001' || h.sensor === 'AUX0002')).toEqual([
        expect.objectContaining({ sensor: 'AUX0001', time: now - 150_000 + 69_999, value: 7.5 }),
        expect.objectContaining({ sensor: 'AUX0002', time: now - 150_000 + 69_999, value: -2 }),
      ]);
    } finally {
      await ingestor.close();
    }
  });
});
