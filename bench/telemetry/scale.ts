/**
 * Telemetry at scale on PostgreSQL (needs `DATABASE_URL`):
 * - replicas: readings/s ingested by 1, 2 and 4 telemetry processes writing to one PostgreSQL, in one run,
 *   `CLIENTS` clients spread over them, each sending its own engine's binary batches back to back; each
 *   count gets a fresh schema;
 * - storage: bytes on disk per million readings, PostgreSQL (`pg_total_relation_size` of the partitions of
 *   `reading_chunk` and of `rollup`) beside SQLite (`dbstat` pages of the same tables), for a dense shape
 *   (1 kHz) and a sparse one (1 Hz).
 * Schemas and data folders are removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { planEngine, sampleChannels } from '@meridian/telemetry/simulation';
import { binarySender, demoEngine, startTelemetry, type BinaryShape, type TelemetryProcess } from './service';

const REPLICA_COUNTS = [1, 2, 4];
const CLIENTS = 8;
const REPLICAS_PART_MS = Number(process.env.BENCH_REPLICAS_S ?? 20) * 1000;
/** One second of a 1 kHz engine's 1,000 channels a request: 1 M readings, 8 MB. */
const REPLICA_SHAPE: BinaryShape = { sensors: 1_000, samples: 1_000, periodMs: 1 };
const STORAGE_SHAPES: readonly { name: string; shape: BinaryShape; requests: number }[] = [
  {
    name: 'dense: 1,000 channels at 1 kHz',
    shape: { sensors: 1_000, samples: 1_000, periodMs: 1 },
    requests: 20,
  },
  {
    name: 'sparse: 100 channels at 1 Hz',
    shape: { sensors: 100, samples: 600, periodMs: 1_000 },
    requests: 20,
  },
];
/** Batches start this far back, so that clients sending faster than real time stay behind the clock. */
const HEAD_START_MS = 6 * 3_600_000;
const MIB = 1024 * 1024;

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Sizes {
  readonly chunks: number;
  readonly rollups: number;
}

async function postgresSizes(client: pg.Client, schema: string): Promise<Sizes> {
  const { rows } = await client.query<{ chunks: string; rollups: string }>(
    `select
       (select coalesce(sum(pg_total_relation_size(inhrelid)), 0) from pg_inherits
         where inhparent = format('%I.reading_chunk', $1::text)::regclass) as chunks,
       pg_total_relation_size(format('%I.rollup', $1::text)::regclass) as rollups`,
    [schema],
  );
  return { chunks: Number(rows[0]!.chunks), rollups: Number(rows[0]!.rollups) };
}

function sqliteSizes(file: string): Sizes {
  const db = new SQLite(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        `select s.tbl_name as tbl, sum(d.pgsize) as bytes from dbstat d join sqlite_schema s on s.name = d.name
         where s.tbl_name in ('reading_chunk', 'rollup') group by s.tbl_name`,
      )
      .all() as { tbl: string; bytes: number }[];
    const of = (table: string) => rows.find((r) => r.tbl === table)?.bytes ?? 0;
    return { chunks: of('reading_chunk'), rollups: of('rollup') };
  } finally {
    db.close();
  }
}

function valuesFor(engineIndex: number, shape: BinaryShape): Float64Array[] {
  const plan = planEngine(1, engineIndex);
  return sampleChannels(plan, plan.flown, shape.sensors, Date.now(), shape.periodMs, shape.samples);
}

/** A fresh schema prefix on `databaseUrl`, and a client to measure and finally drop it. */
async function freshSchema(
  databaseUrl: string,
): Promise<{ prefix: string; schema: string; client: pg.Client }> {
  const prefix = `bench_${randomBytes(4).toString('hex')}_`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return { prefix, schema: `${prefix}telemetry`, client };
}

async function dropSchema(client: pg.Client, schema: string): Promise<void> {
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}

const perMillion = (bytes: number, readings: number) => (bytes / readings) * 1e6;

export async function replicasPart(databaseUrl: string): Promise<void> {
  console.log(
    `\nreplicas on one PostgreSQL: ${CLIENTS} clients (one engine each, spread over the replicas), ` +
      `${REPLICA_SHAPE.sensors} channels × ${REPLICA_SHAPE.samples} samples at ${1000 / REPLICA_SHAPE.periodMs} Hz a request ` +
      `(${((REPLICA_SHAPE.sensors * REPLICA_SHAPE.samples * 8) / MIB).toFixed(1)} MiB), ${REPLICAS_PART_MS / 1000} s per count`,
  );
  const results: { replicas: number; rate: number }[] = [];
  for (const count of REPLICA_COUNTS) {
    const { prefix, schema, client } = await freshSchema(databaseUrl);
    const env = { DATABASE_URL: databaseUrl, DATABASE_SCHEMA_PREFIX: prefix };
    const replicas: TelemetryProcess[] = [];
    try {
      // The first creates, migrates and seeds the schema; the others find it ready.
      replicas.push(await startTelemetry(env));
      replicas.push(...(await Promise.all(Array.from({ length: count - 1 }, () => startTelemetry(env)))));
      const before = await postgresSizes(client, schema);
      const start = Date.now() - HEAD_START_MS;
      const senders = Array.from({ length: CLIENTS }, (_, index) =>
        binarySender({
          ingestUrl: `${replicas[index % count]!.url}/ingest`,
          engine: demoEngine(index),
          shape: REPLICA_SHAPE,
          values: valuesFor(index, REPLICA_SHAPE),
          start,
          keyPrefix: `replicas-${index}`,
        }),
      );
      // One batch each first, not timed: connections open, code warms.
      await Promise.all(senders.map((send) => send()));
      let requests = 0;
      const latencies: number[] = [];
      const started = Date.now();
      await Promise.all(
        senders.map(async (send) => {
          while (Date.now() - started < REPLICAS_PART_MS) {
            const sent = Date.now();
            await send();
            latencies.push(Date.now() - sent);
            requests += 1;
          }
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      const perRequest = REPLICA_SHAPE.sensors * REPLICA_SHAPE.samples;
      const rate = (requests * perRequest) / seconds;
      const after = await postgresSizes(client, schema);
      const stored = (requests + CLIENTS) * perRequest;
      results.push({ replicas: count, rate });
      const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
      console.log(
        `  ${count} replica${count > 1 ? 's' : ''}: ${(rate / 1e6).toFixed(2)} M readings/s ` +
          `(${requests} requests in ${seconds.toFixed(1)} s, ${mean.toFixed(0)} ms each on average); ` +
          `on disk per million readings: chunks ${(perMillion(after.chunks - before.chunks, stored) / MIB).toFixed(2)} MiB, ` +
          `rollups ${(perMillion(after.rollups - before.rollups, stored) / MIB).toFixed(2)} MiB; load average ${loadAverage()}`,
      );
    } finally {
      for (const replica of replicas) await replica.stop();
      await dropSchema(client, schema);
    }
  }
  const one = results[0]!.rate;
  console.log(
    `  ratios to 1 replica: ${results.map((r) => `${r.replicas}: ${(r.rate / one).toFixed(2)}`).join(', ')}`,
  );
}

export async function storagePart(databaseUrl: string): Promise<void> {
  console.log('\nstorage on disk per million readings (the same batches on both engines, one client):');
  const { prefix, schema, client } = await freshSchema(databaseUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-bench-storage-'));
  const services: TelemetryProcess[] = [];
  try {
    const onPostgres = await startTelemetry({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA_PREFIX: prefix });
    services.push(onPostgres);
    const onSqlite = await startTelemetry({ DATA_DIR: dataDir });
    services.push(onSqlite);
    const engines = [
      { name: 'PostgreSQL', url: onPostgres.url, sizes: () => postgresSizes(client, schema) },
      {
        name: 'SQLite',
        url: onSqlite.url,
        sizes: async () => sqliteSizes(path.join(dataDir, 'telemetry.sqlite')),
      },
    ];
    for (const [shapeIndex, { name, shape, requests }] of STORAGE_SHAPES.entries()) {
      const engineIndex = CLIENTS + shapeIndex;
      const values = valuesFor(engineIndex, shape);
      const readings = requests * shape.sensors * shape.samples;
      const figures: string[] = [];
      for (const engine of engines) {
        const before = await engine.sizes();
        const send = binarySender({
          ingestUrl: `${engine.url}/ingest`,
          engine: demoEngine(engineIndex),
          shape,
          values,
          start: Date.now() - HEAD_START_MS,
          keyPrefix: `storage-${shapeIndex}`,
        });
        for (let request = 0; request < requests; request += 1) await send();
        const after = await engine.sizes();
        const chunks = perMillion(after.chunks - before.chunks, readings) / MIB;
        const rollups = perMillion(after.rollups - before.rollups, readings) / MIB;
        figures.push(
          `${engine.name} ${(chunks + rollups).toFixed(2)} MiB (chunks ${chunks.toFixed(2)}, rollups ${rollups.toFixed(2)}; ` +
            `${(((chunks + rollups) * MIB) / 1e6).toFixed(1)} bytes a reading)`,
        );
      }
      console.log(`  ${name}, ${(readings / 1e6).toFixed(1)} M readings: ${figures.join('; ')}`);
    }
    console.log(
      `  (a reading's value alone is 8 bytes: 7.63 MiB per million); load average ${loadAverage()}`,
    );
  } finally {
    for (const service of services) await service.stop();
    await dropSchema(client, schema);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
