/**
 * Telemetry benchmarks (`npm run bench -w @meridian/telemetry`): binary, NDJSON and mutation ingest rates
 * against the memory-copy bandwidth measured in the same run, series latency over 30 days at 500 buckets
 * (alone and with 50 concurrent clients), and the remaining-life model's held-out RMSE. Each part runs for a
 * bounded time; on a shared 2-core machine expect ±20 % between runs.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createIngestHandler, BINARY_TYPE, NDJSON_TYPE } from '@meridian/telemetry/dist/ingest/http';
import { encodeBinaryFrame } from '@meridian/telemetry/dist/ingest/binary';
import { sampleChannels, planEngine, auxiliaryName } from '@meridian/telemetry/dist/generate/fleet';
import { CMAPSS_SENSORS } from '@meridian/telemetry/dist/cmapss/sensors';
import { models } from '@meridian/telemetry/dist/models/assess';
import { openTelemetryStore } from '@meridian/telemetry/dist/store';
import { loadConfig, startTelemetry } from '@meridian/telemetry';

const SENSORS = 5_000;
const SAMPLES_PER_FRAME = 1_000;
const PART_MS = 15_000;
const ENGINE = 'eng_0001_1';

function memcpyBandwidth(): number {
  const size = 128 * 1024 * 1024;
  const from = Buffer.alloc(size, 1);
  const to = Buffer.alloc(size);
  const rounds = 8;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i += 1) from.copy(to);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (size * rounds) / seconds / 1e6;
}

async function post(url: string, body: Buffer | string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { method: 'POST', body, headers });
  if (response.status !== 200)
    throw new Error(`${response.status}: ${(await response.text()).slice(0, 300)}`);
  await response.arrayBuffer();
}

const names = Array.from(
  { length: SENSORS },
  (_, i) => CMAPSS_SENSORS[i]?.name ?? auxiliaryName(i - CMAPSS_SENSORS.length),
);

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-bench-'));
  const config = {
    ...loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', TELEMETRY_DEMO_FLIGHTS: '1', TELEMETRY_STREAM_RATE_HZ: '0' }),
  };
  const service = await startTelemetry(config);
  // The service's store is reached again here to serve the raw handler: /ingest waits for kit's routes option.
  const { store } = await openTelemetryStore({ location: config.database, seedIfEmpty: async () => false });
  const handler = createIngestHandler(store);
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ingestUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest`;
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

  const memcpy = memcpyBandwidth();
  console.log(`memcpy bandwidth: ${memcpy.toFixed(0)} MB/s (Buffer.copy of 128 MB)`);

  // Binary: 5,000 sensors × 100 samples at 1 kHz a frame, times continuing from frame to frame.
  const plan = planEngine(1, 0);
  const period = 1;
  // After the seeded flights, which end at start-up.
  let time = Date.now() + 1;
  const template = sampleChannels(plan, plan.flown, SENSORS, time, period, SAMPLES_PER_FRAME);
  let readings = 0;
  let bytes = 0;
  let started = Date.now();
  for (let batch = 0; Date.now() - started < PART_MS; batch += 1) {
    const body = encodeBinaryFrame({
      engineId: ENGINE,
      start: time,
      period,
      sensors: names,
      values: template,
    });
    await post(ingestUrl, body, { 'content-type': BINARY_TYPE, 'idempotency-key': `bin-${batch}` });
    time += SAMPLES_PER_FRAME * period;
    readings += SENSORS * SAMPLES_PER_FRAME;
    bytes += body.length;
  }
  let seconds = (Date.now() - started) / 1000;
  console.log(
    `binary /ingest: ${(readings / seconds / 1e6).toFixed(2)} M readings/s, ${(bytes / seconds / 1e6).toFixed(0)} MB/s ` +
      `(${((bytes / seconds / 1e6 / memcpy) * 100).toFixed(1)} % of memcpy), ${SENSORS} sensors × ${SAMPLES_PER_FRAME} samples a request, goal 5 M/s`,
  );

  // NDJSON: 5,000 readings a request (one per sensor at one instant).
  readings = 0;
  started = Date.now();
  for (let batch = 0; Date.now() - started < PART_MS / 2; batch += 1) {
    const iso = new Date(time).toISOString();
    const body = names
      .map((sensor, i) => JSON.stringify({ engine: ENGINE, sensor, time: iso, value: template[i]![0] }))
      .join('\n');
    await post(ingestUrl, body, { 'content-type': NDJSON_TYPE, 'idempotency-key': `nd-${batch}` });
    time += period;
    readings += SENSORS;
  }
  seconds = (Date.now() - started) / 1000;
  console.log(
    `NDJSON /ingest: ${(readings / seconds / 1e3).toFixed(0)} k readings/s (${SENSORS} readings a request)`,
  );

  // GraphQL mutation over HTTP: 100 readings a request (one sensor).
  readings = 0;
  started = Date.now();
  let requests = 0;
  const mutation = 'mutation ($batch: ReadingBatchInput!) { ingestReadings(batch: $batch) { readings } }';
  for (let batch = 0; Date.now() - started < PART_MS / 2; batch += 1) {
    const batchReadings = Array.from({ length: 100 }, (_, i) => ({
      sensor: 'T24',
      time: new Date(time + i).toISOString(),
      value: 642,
    }));
    time += 100;
    await post(
      `${service.url}/graphql`,
      JSON.stringify({
        query: mutation,
        variables: { batch: { idempotencyKey: `m-${batch}`, engine: ENGINE, readings: batchReadings } },
      }),
      {
        'content-type': 'application/json',
      },
    );
    readings += 100;
    requests += 1;
  }
  seconds = (Date.now() - started) / 1000;
  console.log(
    `GraphQL mutation: ${(readings / seconds / 1e3).toFixed(1)} k readings/s, ${(requests / seconds).toFixed(0)} requests/s (100 readings each)`,
  );
  clearInterval(rssTimer);
  console.log(`peak RSS during ingest: ${(peakRss / 1e6).toFixed(0)} MB`);

  // 30 days of one sensor at one reading every 10 s, then series over them at 500 buckets.
  const to = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 30 * 24 * 3_600_000 * 2;
  const from = to - 30 * 24 * 3_600_000;
  const step = 10_000;
  const count = (to - from) / step;
  const values = Float64Array.from({ length: count }, (_, i) => 100 + Math.sin(i / 500));
  await post(
    ingestUrl,
    encodeBinaryFrame({
      engineId: 'eng_0002_1',
      start: from,
      period: step,
      sensors: ['AUX0001'],
      values: [values],
    }),
    {
      'content-type': BINARY_TYPE,
      'idempotency-key': 'month',
    },
  );
  const query = JSON.stringify({
    query: `{ series(engine: "eng_0002_1", sensor: "AUX0001", from: "${new Date(from).toISOString()}", to: "${new Date(to).toISOString()}", buckets: 500) { source buckets { mean } } }`,
  });
  const once = async () => {
    const t = process.hrtime.bigint();
    await post(`${service.url}/graphql`, query, { 'content-type': 'application/json' });
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const alone: number[] = [];
  for (let i = 0; i < 100; i += 1) alone.push(await once());
  const concurrent: number[] = [];
  started = Date.now();
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (Date.now() - started < 5_000) concurrent.push(await once());
    }),
  );
  const pct = (list: number[], q: number) =>
    [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) * q)]!;
  console.log(
    `series 30 days × 500 buckets (${count} readings, from hourly rollups) over HTTP: median ${pct(alone, 0.5).toFixed(1)} ms alone (goal ≤ 20 ms); ` +
      `50 concurrent clients: p50 ${pct(concurrent, 0.5).toFixed(1)} ms, p99 ${pct(concurrent, 0.99).toFixed(1)} ms over ${concurrent.length} queries`,
  );
  const e = models.evaluation;
  console.log(
    `RUL model (${models.source}): held-out RMSE ${e.rmse.toFixed(1)} cycles on every cycle of ${e.heldOutEngines} engines, ` +
      `${e.rmseAtTruncation.toFixed(1)} at one truncation point each (trained on ${e.trainEngines})`,
  );

  await new Promise((resolve) => server.close(resolve));
  await store.close();
  await service.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
