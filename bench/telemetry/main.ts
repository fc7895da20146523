/**
 * Telemetry benchmarks (`npm run bench -w @meridian/telemetry`), against the real service in its own process
 * (SQLite in a temporary folder, demo stream off):
 * - the machine's memory-copy bandwidth, measured first, as the ceiling of any ingest rate;
 * - the disk's flushed write bandwidth, the other ceiling of a durable store;
 * - NDJSON `POST /ingest` and the `ingestReadings` mutation (first, before bulk writes load the disk);
 * - `POST /ingest` binary (one engine × 5,000 sensors × 1,000 samples a request), as fast as it goes;
 * - the same binary ingest held at the goal rate (5 M readings/s) for `BENCH_SUSTAIN_S` seconds (default
 *   90), with the service's RSS sampled and `series` asked every 200 ms meanwhile;
 * - `series` over 30 days at 500 buckets, alone and with 50 concurrent clients;
 * - the remaining-life model's held-out RMSE.
 * The service runs in production mode, so calls carry a signed principal as they would from the gateway.
 * With `DATABASE_URL`, then `scale.ts`: ingest by 1, 2 and 4 replicas on one PostgreSQL, and the bytes on
 * disk per million readings on PostgreSQL and SQLite. `BENCH_PARTS` picks parts (`embedded,replicas,storage`,
 * all by default). See README.md for what each prints and the figures measured.
 * The machine is shared (2 cores, other work running): expect ±20 % between runs.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PRINCIPAL_HEADER } from '@meridian/kit';
import { planEngine, sampleChannels, models } from '@meridian/telemetry/simulation';
import { encodeBinaryFrame, BINARY_TYPE, NDJSON_TYPE } from '@meridian/telemetry/wire';
import { Worker } from 'node:worker_threads';
import type { ProbeData, ProbeMessage } from './probe';
import { replicasPart, storagePart } from './scale';
import { timedPost } from './timed';
import {
  demoEngine,
  FRAME_START_OFFSET,
  post,
  principalOf,
  rssMb,
  SENSORS,
  sensorNames as names,
  startTelemetry,
} from './service';

const SAMPLES_PER_REQUEST = 1_000;
const PERIOD_MS = 1;
const GOAL_READINGS_PER_S = 5_000_000;
const FAST_PART_MS = 15_000;
const SIDE_PART_MS = 8_000;
const SUSTAIN_S = Number(process.env.BENCH_SUSTAIN_S ?? 90);
const RSS_SAMPLE_MS = 5_000;
const PROGRESS_EVERY_MS = 60_000;
/** A partner of the airline operating both benchmarked engines, which may write and read them. */
const WRITTEN = demoEngine(0);
const ENGINE = WRITTEN.id;
const SERIES_ENGINE = demoEngine(2).id;
const principal = () => principalOf(WRITTEN.operator);
const CONCURRENT_CLIENTS = 50;
const PROBE_EVERY_MS = 200;
/** Signed principals last a minute: the prober gets a fresh one this often. */
const RESIGN_PROBE_MS = 20_000;
const PARTS = (process.env.BENCH_PARTS ?? 'embedded,replicas,storage').split(',');

function memcpyBandwidth(): number {
  const size = 128 * 1024 * 1024;
  const from = Buffer.alloc(size, 1);
  const to = Buffer.alloc(size);
  const rounds = 8;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i += 1) from.copy(to);
  return (size * rounds) / (Number(process.hrtime.bigint() - started) / 1e9) / 1e6;
}

/** Sequential write bandwidth of the data folder's disk, flushed (what a durable store is bound by). */
function diskBandwidth(dir: string): number {
  const file = path.join(dir, 'disk-probe');
  const block = Buffer.alloc(8 * 1024 * 1024, 7);
  const blocks = 32;
  const started = process.hrtime.bigint();
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < blocks; i += 1) fs.writeSync(fd, block);
  fs.fdatasyncSync(fd);
  fs.closeSync(fd);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(file);
  return (block.length * blocks) / seconds / 1e6;
}

const percentile = (list: readonly number[], q: number) =>
  [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) * q)]!;

async function embeddedPart(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-bench-'));
  const service = await startTelemetry({ DATA_DIR: dataDir });
  const { url } = service;
  const pid = service.child.pid!;
  const ingestUrl = `${url}/ingest`;
  const graphqlUrl = `${url}/graphql`;
  try {
    const memcpy = memcpyBandwidth();
    console.log(`memcpy bandwidth: ${memcpy.toFixed(0)} MB/s (Buffer.copy of 128 MB, this process)`);
    const disk = diskBandwidth(dataDir);
    console.log(
      `disk write bandwidth: ${disk.toFixed(0)} MB/s (256 MB then fdatasync); stored readings take 8 bytes, written twice (WAL, then the database)`,
    );

    const plan = planEngine(1, 0);
    const values = sampleChannels(plan, plan.flown, SENSORS, Date.now(), PERIOD_MS, SAMPLES_PER_REQUEST);
    // After the seeded flights, which landed when the service started.
    let time = Date.now() + 1;
    let batch = 0;
    // Encoded once; each request gets its own start time written into the frame, so the client does not
    // spend a core encoding 40 MB a second.
    const binaryBody = encodeBinaryFrame({
      engineId: ENGINE,
      start: time,
      period: PERIOD_MS,
      sensors: names,
      values,
    });
    const sendBinary = async () => {
      const body = binaryBody;
      body.writeDoubleLE(time, FRAME_START_OFFSET);
      await post(ingestUrl, body, { 'content-type': BINARY_TYPE, 'idempotency-key': `bin-${(batch += 1)}` });
      time += SAMPLES_PER_REQUEST * PERIOD_MS;
      return body.length;
    };

    const instants = 10;
    let readings = 0;
    let started = Date.now();
    for (let n = 0; Date.now() - started < SIDE_PART_MS; n += 1) {
      const lines: string[] = [];
      for (let i = 0; i < instants; i += 1) {
        const at = time + i * PERIOD_MS;
        for (let s = 0; s < SENSORS; s += 1) {
          lines.push(JSON.stringify({ engine: ENGINE, sensor: names[s], time: at, value: values[s]![i] }));
        }
      }
      await post(ingestUrl, lines.join('\n'), { 'content-type': NDJSON_TYPE, 'idempotency-key': `nd-${n}` });
      time += instants * PERIOD_MS;
      readings += lines.length;
    }
    let seconds = (Date.now() - started) / 1000;
    console.log(
      `NDJSON POST /ingest: ${(readings / seconds / 1e3).toFixed(0)} k readings/s (${SENSORS} sensors × ${instants} instants a request)`,
    );

    const mutation = 'mutation ($batch: ReadingBatchInput!) { ingestReadings(batch: $batch) { readings } }';
    const perMutation = 100;
    readings = 0;
    started = Date.now();
    for (let n = 0; Date.now() - started < SIDE_PART_MS; n += 1) {
      const batchReadings = Array.from({ length: perMutation }, (_, i) => ({
        sensor: 'T24',
        time: new Date(time + i).toISOString(),
        value: 642,
      }));
      time += perMutation;
      await post(
        graphqlUrl,
        JSON.stringify({
          query: mutation,
          variables: { batch: { idempotencyKey: `m-${n}`, engine: ENGINE, readings: batchReadings } },
        }),
        { 'content-type': 'application/json' },
      );
      readings += perMutation;
    }
    seconds = (Date.now() - started) / 1000;
    console.log(
      `GraphQL ingestReadings: ${(readings / seconds / 1e3).toFixed(1)} k readings/s, ${(readings / perMutation / seconds).toFixed(0)} requests/s (${perMutation} readings each)`,
    );

    let peak = 0;
    readings = 0;
    let bytes = 0;
    started = Date.now();
    while (Date.now() - started < FAST_PART_MS) {
      bytes += await sendBinary();
      readings += SENSORS * SAMPLES_PER_REQUEST;
      peak = Math.max(peak, rssMb(pid));
    }
    seconds = (Date.now() - started) / 1000;
    console.log(
      `binary POST /ingest: ${(readings / seconds / 1e6).toFixed(2)} M readings/s (goal 5), ` +
        `${(bytes / seconds / 1e6).toFixed(0)} MB/s = ${((bytes / seconds / 1e6 / memcpy) * 100).toFixed(2)} % of memcpy; ` +
        `${SENSORS} sensors × ${SAMPLES_PER_REQUEST} samples (${(bytes / batch / 1e6).toFixed(0)} MB) a request, one client; service RSS peak ${peak.toFixed(0)} MB`,
    );

    const hour = 3_600_000;
    const to = Math.floor(Date.now() / hour) * hour - 60 * 24 * hour;
    const from = to - 30 * 24 * hour;
    const step = 10_000;
    const monthValues = Float64Array.from({ length: (to - from) / step }, (_, i) => 100 + Math.sin(i / 500));
    await post(
      ingestUrl,
      encodeBinaryFrame({
        engineId: SERIES_ENGINE,
        start: from,
        period: step,
        sensors: ['AUX0001'],
        values: [monthValues],
      }),
      { 'content-type': BINARY_TYPE, 'idempotency-key': 'month' },
    );
    const query = JSON.stringify({
      query: `{ series(engine: "${SERIES_ENGINE}", sensor: "AUX0001", from: "${new Date(from).toISOString()}", to: "${new Date(to).toISOString()}", buckets: 500) { source buckets { start min max mean count } } }`,
    });
    // Clients keep their connections, as real ones do: under saturation Node serves requests on open
    // connections before the first request of a new one, so cold connections would measure that instead.
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT_CLIENTS });
    const target = new URL(graphqlUrl);
    const timed = () =>
      timedPost(
        target,
        agent,
        { 'content-type': 'application/json', [PRINCIPAL_HEADER]: principal() },
        query,
      );
    // Held at the goal rate: one request a second carries one second of 1 kHz samples of 5,000 sensors.
    time = Math.max(time, Date.now());
    const rss: number[] = [];
    let behind = 0;
    started = Date.now();
    let nextSample = started;
    // `series` answered meanwhile: one query every `PROBE_EVERY_MS`, as a dashboard would ask, from a thread
    // of its own (probe.ts), which posts each timing as it is measured.
    const probeHeaders = () => ({ 'content-type': 'application/json', [PRINCIPAL_HEADER]: principal() });
    const prober = new Worker(path.join(__dirname, 'probe.js'), {
      workerData: {
        url: graphqlUrl,
        body: query,
        headers: probeHeaders(),
        everyMs: PROBE_EVERY_MS,
      } satisfies ProbeData,
    });
    const resign = setInterval(
      () => prober.postMessage(probeHeaders() satisfies ProbeMessage),
      RESIGN_PROBE_MS,
    );
    const meanwhile: number[] = [];
    const probed = new Promise<void>((resolve, reject) => {
      prober.on('message', (latency: number | null) =>
        latency === null ? resolve() : meanwhile.push(latency),
      );
      prober.once('error', reject);
    });
    let nextProgress = started + PROGRESS_EVERY_MS;
    for (let second = 0; second < SUSTAIN_S; second += 1) {
      await sendBinary();
      if (Date.now() >= nextSample) {
        rss.push(rssMb(pid));
        nextSample += RSS_SAMPLE_MS;
      }
      // A run on a loaded machine may take far longer than its data: say how it goes meanwhile.
      if (Date.now() >= nextProgress) {
        const elapsed = (Date.now() - started) / 1000;
        console.log(
          `  after ${elapsed.toFixed(0)} s: ${second + 1} of ${SUSTAIN_S} requests, ` +
            `${(((second + 1) * SENSORS * SAMPLES_PER_REQUEST) / elapsed / 1e6).toFixed(2)} M readings/s so far; ` +
            `series (${meanwhile.length}) p50 ${percentile(meanwhile, 0.5).toFixed(1)} ms, p99 ${percentile(meanwhile, 0.99).toFixed(1)} ms; ` +
            `RSS ${rss.at(-1)!.toFixed(0)} MB; load average ${loadAverage()}`,
        );
        nextProgress += PROGRESS_EVERY_MS;
      }
      const wait = started + (second + 1) * 1000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      else behind += 1;
    }
    seconds = (Date.now() - started) / 1000;
    clearInterval(resign);
    prober.postMessage('stop' satisfies ProbeMessage);
    await probed;
    await prober.terminate();
    const afterMinute = rss.slice(Math.ceil(60_000 / RSS_SAMPLE_MS));
    console.log(
      `sustained binary ingest at ${GOAL_READINGS_PER_S / 1e6} M readings/s for ${SUSTAIN_S} s: took ${seconds.toFixed(0)} s ` +
        `(${behind} seconds behind schedule); service RSS every ${RSS_SAMPLE_MS / 1000} s: ${rss.map((r) => r.toFixed(0)).join(' ')} MB; ` +
        (afterMinute.length > 1
          ? `after the first minute ${Math.min(...afterMinute).toFixed(0)}–${Math.max(...afterMinute).toFixed(0)} MB (goal flat, ≤ 512)`
          : `max ${Math.max(...rss).toFixed(0)} MB (goal ≤ 512; run longer than 60 s to see the plateau)`) +
        `; held ${((SUSTAIN_S * SENSORS * SAMPLES_PER_REQUEST) / seconds / 1e6).toFixed(2)} M readings/s on average; ` +
        `series meanwhile (${meanwhile.length} queries) p50 ${percentile(meanwhile, 0.5).toFixed(1)} ms, ` +
        `p99 ${percentile(meanwhile, 0.99).toFixed(1)} ms (goal ≤ 20 ms); load average after ${loadAverage()}`,
    );

    const alone: number[] = [];
    for (let i = 0; i < 200; i += 1) alone.push(await timed());
    await Promise.all(Array.from({ length: CONCURRENT_CLIENTS }, () => timed()));
    const concurrent: number[] = [];
    started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENT_CLIENTS }, async () => {
        while (Date.now() - started < 5_000) concurrent.push(await timed());
      }),
    );
    agent.destroy();
    console.log(
      `series, 30 days × 500 buckets (${monthValues.length} readings, read from hourly rollups), over HTTP: ` +
        `one client p50 ${percentile(alone, 0.5).toFixed(1)} ms, p99 ${percentile(alone, 0.99).toFixed(1)} ms (goal ≤ 20 ms); ` +
        `${CONCURRENT_CLIENTS} concurrent clients p50 ${percentile(concurrent, 0.5).toFixed(1)} ms, p99 ${percentile(concurrent, 0.99).toFixed(1)} ms, ` +
        `${(concurrent.length / 5).toFixed(0)} queries/s`,
    );

    const v = models.validation;
    console.log(
      `remaining-life model (${models.source}): ${v.folds}-fold validation by engine on ${v.engines} engines, ` +
        `${v.cuts} random cuts: RMSE ${v.rmse.toFixed(1)} cycles, MAE ${v.mae.toFixed(1)}, ` +
        `PHM08 ${v.phm08Score.toFixed(0)} per 100, 80 % interval held ${(100 * v.coverage).toFixed(1)} %`,
    );
  } finally {
    await service.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  console.log(`${os.cpus().length} cores; load average ${loadAverage()}`);
  if (PARTS.includes('embedded')) await embeddedPart();
  const databaseUrl = process.env.DATABASE_URL;
  const onPostgres = PARTS.filter((part) => part === 'replicas' || part === 'storage');
  if (onPostgres.length > 0 && !databaseUrl) {
    console.log(`DATABASE_URL is not set: skipping ${onPostgres.join(' and ')}`);
    return;
  }
  if (PARTS.includes('replicas')) await replicasPart(databaseUrl!);
  if (PARTS.includes('storage')) await storagePart(databaseUrl!);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
