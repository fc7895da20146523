import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createLogger, createPubSub } from '@meridian/kit';
import { createLivePublisher } from '../live/publisher';
import { openTelemetryStore, type TelemetryStore } from '../store';
import { seedIfEmpty } from '../seed';
import { encodeBinaryFrame } from './binary';
import { BINARY_TYPE, NDJSON_TYPE } from '../wire';
import { createIngestHandler } from './http';
import type { Ingestor } from './ingestor';
import { startWorkerIngestor } from './worker-ingestor';

interface Answer {
  errors: {
    extensions: {
      code: string;
      argument: string;
      problemCount?: number;
      problems: { at: string; message: string }[];
    };
  }[];
}

const NOW = Date.UTC(2026, 0, 10, 12);
/** An engine of the first demo airline, whose partners the test's senders are unless they say otherwise. */
const ENGINE = 'eng_0002_1';
const OPERATOR = 'cus_0004';
/** An engine of the second demo airline. */
const FOREIGN_ENGINE = 'eng_0004_1';

describe('POST /ingest over real HTTP', () => {
  let store: TelemetryStore;
  let ingestor: Ingestor;
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-http-'));
    const file = path.join(dir, 't.sqlite');
    ({ store } = await openTelemetryStore({
      location: { dialect: 'sqlite', file },
      seedIfEmpty: (s) => seedIfEmpty(s, { seed: 1, sensors: 30, flights: 3, now: NOW - 86_400_000 }),
    }));
    ingestor = await startWorkerIngestor(file, createLogger('telemetry', 'silent'));
    const handler = createIngestHandler(ingestor, createLivePublisher(store, await createPubSub()), {
      maxPending: 4,
      clock: () => NOW,
    });
    // The test's stand-in for the signed principal the subgraph verifies: a partner (and the operator it is
    // linked to) named in headers.
    server = http.createServer((req, res) => {
      const partnerId = req.headers['x-test-partner'];
      const customerId = String(req.headers['x-test-customer'] ?? OPERATOR);
      void handler(
        req,
        res,
        typeof partnerId === 'string' ? { partnerId, customerId, scopes: ['telemetry:write'] } : null,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await ingestor.close();
    await store.close();
  });

  const send = (body: Buffer | string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', body, headers }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Answer,
    }));

  it('takes binary frames once per idempotency key', async () => {
    const body = encodeBinaryFrame({
      engineId: ENGINE,
      start: NOW - 10_000,
      period: 10,
      sensors: ['AUX0001', 'AUX0002', 'T30'],
      values: [
        new Float64Array(1000).fill(100),
        new Float64Array(1000).fill(101),
        new Float64Array(1000).fill(1590),
      ],
    });
    const headers = { 'content-type': BINARY_TYPE, 'idempotency-key': 'http-bin-1' };
    expect(await send(body, headers)).toEqual({
      status: 200,
      body: { readings: 3000, series: 3, duplicate: false },
    });
    expect(await send(body, headers)).toEqual({
      status: 200,
      body: { readings: 3000, series: 3, duplicate: true },
    });
  });

  it('takes a body sent in chunks without a declared length', async () => {
    const body = encodeBinaryFrame({
      engineId: ENGINE,
      start: NOW - 8_000,
      period: 10,
      sensors: ['AUX0007'],
      values: [Float64Array.from({ length: 20_000 }, (_, i) => 100 + (i % 7))],
    });
    // Pieces of uneven sizes, so the server's buffer grows more than once.
    const pieces = [body.subarray(0, 1_000), body.subarray(1_000, 70_000), body.subarray(70_000)];
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': BINARY_TYPE, 'idempotency-key': 'http-chunked-1' },
      body: new ReadableStream({
        start(controller) {
          for (const piece of pieces) controller.enqueue(piece);
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { readings: 20_000, series: 1, duplicate: false },
    });
    const head = (await store.newestReadings([ENGINE])).find((h) => h.sensor === 'AUX0007');
    expect(head).toMatchObject({ time: NOW - 8_000 + 19_999 * 10, value: 100 + (19_999 % 7) });
  });

  it("keeps each partner's idempotency keys its own: the same key from another partner is another batch", async () => {
    const frame = (start: number) =>
      encodeBinaryFrame({
        engineId: ENGINE,
        start,
        period: 10,
        sensors: ['AUX0003'],
        values: [new Float64Array(10).fill(100)],
      });
    const key = { 'content-type': BINARY_TYPE, 'idempotency-key': 'shared-key-1' };
    const first = await send(frame(NOW - 5_000), { ...key, 'x-test-partner': 'par_a' });
    expect(first.body).toEqual({ readings: 10, series: 1, duplicate: false });
    // Another partner's batch under the same key is written, and learns nothing of the first one.
    const other = await send(frame(NOW - 4_000), { ...key, 'x-test-partner': 'par_b' });
    expect(other.body).toEqual({ readings: 10, series: 1, duplicate: false });
    // The first partner's retry is still recognised as its own.
    const retry = await send(frame(NOW - 5_000), { ...key, 'x-test-partner': 'par_a' });
    expect(retry.body).toEqual({ readings: 10, series: 1, duplicate: true });
  });

  it('rejects an NDJSON body whole with 400 BAD_USER_INPUT listing each bad line', async () => {
    const lines = [
      JSON.stringify({ engine: ENGINE, sensor: 'T50', time: NOW - 5000, value: 1400 }),
      '{oops',
      JSON.stringify({ engine: ENGINE, sensor: 'XX', time: NOW - 4000, value: 1 }),
    ].join('\n');
    const { status, body } = await send(lines, {
      'content-type': NDJSON_TYPE,
      'idempotency-key': 'http-nd-1',
    });
    expect(status).toBe(400);
    const error = body.errors[0];
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'body', problemCount: 2 });
    expect(error.extensions.problems.map((p: { at: string }) => p.at)).toEqual(['line 2', 'line 3']);
    expect(await store.newestReadings([ENGINE])).not.toContainEqual(
      expect.objectContaining({ sensor: 'T50', value: 1400 }),
    );
  });

  it("rejects a batch naming another operator's engine whole, with a problem for each such series", async () => {
    const frames = Buffer.concat([
      encodeBinaryFrame({
        engineId: ENGINE,
        start: NOW - 3_000,
        period: 10,
        sensors: ['AUX0005'],
        values: [new Float64Array(10).fill(100)],
      }),
      encodeBinaryFrame({
        engineId: FOREIGN_ENGINE,
        start: NOW - 3_000,
        period: 10,
        sensors: ['AUX0005', 'AUX0006'],
        values: [new Float64Array(10).fill(100), new Float64Array(10).fill(100)],
      }),
    ]);
    const headers = { 'content-type': BINARY_TYPE, 'x-test-partner': 'par_a' };
    const refused = await send(frames, { ...headers, 'idempotency-key': 'foreign-1' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'body',
      problemCount: 2,
    });
    // Nothing of the batch is written, not even the series of the sender's own engine.
    const written = await store.newestReadings([ENGINE, FOREIGN_ENGINE]);
    expect(written.filter((head) => head.sensor === 'AUX0005' || head.sensor === 'AUX0006')).toEqual([]);

    // The refusal reads the same whether the engine is another operator's or does not exist at all.
    const unknown = encodeBinaryFrame({
      engineId: 'eng_9999_1',
      start: NOW - 3_000,
      period: 10,
      sensors: ['AUX0005'],
      values: [new Float64Array(10).fill(100)],
    });
    const missing = await send(unknown, { ...headers, 'idempotency-key': 'foreign-2' });
    const messageOf = (answer: typeof refused, engine: string) =>
      answer.body.errors[0].extensions.problems[0]!.message.replace(engine, '<engine>');
    expect(messageOf(refused, FOREIGN_ENGINE)).toBe(messageOf(missing, 'eng_9999_1'));

    // The same batch from a partner of the second airline is refused for the first airline's engine instead.
    const other = await send(frames, {
      ...headers,
      'x-test-partner': 'par_b',
      'x-test-customer': 'cus_0005',
      'idempotency-key': 'foreign-3',
    });
    expect(other.body.errors[0].extensions).toMatchObject({ problemCount: 1 });
  });

  it('names the missing header or the wrong content type', async () => {
    const noKey = await send('{}', { 'content-type': NDJSON_TYPE });
    expect(noKey.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'idempotency-key',
    });
    const wrongType = await send('{}', { 'content-type': 'text/csv', 'idempotency-key': 'k' });
    expect(wrongType.body.errors[0].extensions).toMatchObject({ argument: 'content-type' });
  });
});
