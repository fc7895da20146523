/**
 * Raw readings on PostgreSQL: time partitions made ahead at start, readings of any time kept, the retention
 * dropping old partitions but not rollups, idempotency and order across replicas writing at once, and the
 * migration of a store at the previous schema. The PostgreSQL parts are skipped, saying so, without
 * `DATABASE_URL`.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { openDatabase, type DatabaseLocation } from '@meridian/kit';
import pg from 'pg';
import { loadConfig, RAW_PARTITIONS_AHEAD_MS } from '../config';
import type { SensorSeries } from '../ingest/batch';
import { ingestBatch } from '../ingest/ingest';
import { seedIfEmpty } from '../seed';
import { startTelemetry } from '../server';
import { createTelemetryStore, openTelemetryStore, type TelemetryStore } from './index';
import { migrations } from './migrations';
import { partitionName, uncovered, type PartitionSettings, type RawPartition } from './partitions';
import type { TelemetryDatabase } from './tables';
import { testLocations } from './test-locations';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 10, 12);
const ENGINE = 'eng_0001_1';
const KEEP_FOREVER: PartitionSettings = { widthMs: DAY, retentionMs: undefined };

describe('partition ranges', () => {
  const day = (n: number): RawPartition => ({ name: `p${n}`, from: n * DAY, to: (n + 1) * DAY });

  it('finds the pieces of a range no partition covers', () => {
    expect(uncovered(0, 4 * DAY, [day(1), day(2)])).toEqual([
      [0, DAY],
      [3 * DAY, 4 * DAY],
    ]);
    expect(uncovered(DAY, 2 * DAY, [day(1)])).toEqual([]);
    // Partitions of another width (the setting changed) are worked around, not overlapped.
    expect(uncovered(0, DAY, [{ name: 'six', from: 6 * 3_600_000, to: 12 * 3_600_000 }])).toEqual([
      [0, 6 * 3_600_000],
      [12 * 3_600_000, DAY],
    ]);
  });

  it('names a partition after the UTC time it starts at', () => {
    expect(partitionName(NOW - 12 * 3_600_000)).toBe('reading_chunk_20260110');
    expect(partitionName(NOW)).toBe('reading_chunk_20260110_1200');
    expect(partitionName(-1e300)).toBe('reading_chunk_tm1e300');
  });
});

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('DATABASE_URL is not set: skipping the PostgreSQL partition tests');
const describeWithPostgres = databaseUrl ? describe : describe.skip;

function series(sensor: string, start: number, values: number[], period = 1_000): SensorSeries {
  return { engineId: ENGINE, sensor, start, period, values: Float64Array.from(values) };
}

const seed = (store: TelemetryStore) =>
  seedIfEmpty(store, { seed: 1, sensors: 30, flights: 2, now: NOW - DAY });

describeWithPostgres('raw readings on PostgreSQL', () => {
  const locations = testLocations(databaseUrl).find((l) => l.name === 'postgres')!;
  const stores: TelemetryStore[] = [];
  const clients: pg.Client[] = [];
  const prefixes: string[] = [];

  async function open(location: DatabaseLocation, partitions?: PartitionSettings): Promise<TelemetryStore> {
    const { store } = await openTelemetryStore({ location, seedIfEmpty: seed, partitions });
    stores.push(store);
    return store;
  }

  /** A client working in the store's schema, to look at what the store does not show. */
  async function inspect(location: DatabaseLocation): Promise<pg.Client> {
    if (location.dialect !== 'postgres') throw new Error('a PostgreSQL location was expected');
    const client = new pg.Client({
      connectionString: databaseUrl,
      options: `-c search_path=${location.schema}`,
    });
    await client.connect();
    clients.push(client);
    return client;
  }

  const whereStored = async (client: pg.Client, firstTime: number) =>
    (
      await client.query<{ partition: string }>(
        'select tableoid::regclass::text as partition from reading_chunk where first_time = $1',
        [firstTime],
      )
    ).rows.map((row) => row.partition);

  afterAll(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const client of clients.splice(0)) await client.end();
    await locations.dropAll();
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    for (const prefix of prefixes) await admin.query(`drop schema if exists "${prefix}telemetry" cascade`);
    await admin.end();
  });

  it('has the partitions of the next days once the service has started', async () => {
    const prefix = `test_${randomBytes(4).toString('hex')}_`;
    prefixes.push(prefix);
    const env = {
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA_PREFIX: prefix,
      TELEMETRY_STREAM_RATE_HZ: '0',
      TELEMETRY_DEMO_SENSORS: '21',
      TELEMETRY_STREAM_SENSORS: '21',
      TELEMETRY_DEMO_FLIGHTS: '1',
    };
    const started = Date.now();
    const service = await startTelemetry(loadConfig(env));
    try {
      const replica = await open({ dialect: 'postgres', url: databaseUrl!, schema: `${prefix}telemetry` });
      const partitions = await replica.rawPartitions();
      const today = Math.floor(started / DAY) * DAY;
      expect(partitions[0]!.from).toBe(today);
      expect(partitions.at(-1)!.to).toBeGreaterThan(started + RAW_PARTITIONS_AHEAD_MS);
      // Back to back: no gap for a reading to fall through.
      partitions.slice(1).forEach((p, i) => expect(p.from).toBe(partitions[i]!.to));
      expect(partitions.every((p) => p.to - p.from === DAY)).toBe(true);
    } finally {
      await service.close();
    }
  });

  it('stores readings far in the past and the future, then moves them into partitions of their own', async () => {
    const location = locations.create();
    const store = await open(location, KEEP_FOREVER);
    await store.maintainRawPartitions(NOW);
    const past = Date.UTC(1990, 4, 1);
    const future = Date.UTC(2100, 0, 1);
    const sent = [
      await ingestBatch(store, { idempotencyKey: 'past', series: [series('AUX0001', past, [1, 2, 3])] }, NOW),
      await ingestBatch(
        store,
        { idempotencyKey: 'future', series: [series('AUX0001', future, [4, 5])] },
        future + 60_000,
      ),
    ];
    expect(sent.map((outcome) => outcome.accepted)).toEqual([true, true]);
    const client = await inspect(location);
    expect(await whereStored(client, past)).toEqual(['reading_chunk_default']);
    const read = async (from: number) =>
      (await store.chunks({ engineId: ENGINE, sensor: 'AUX0001', from, to: from + DAY })).flatMap((c) => [
        ...c.values,
      ]);
    expect(await read(past)).toEqual([1, 2, 3]);
    expect(await read(future)).toEqual([4, 5]);

    const report = await store.maintainRawPartitions(NOW);
    expect(report.moved).toBe(2);
    expect(report.created.map((p) => p.name)).toEqual(
      expect.arrayContaining(['reading_chunk_19900501', 'reading_chunk_21000101']),
    );
    expect(await whereStored(client, past)).toEqual(['reading_chunk_19900501']);
    expect(await whereStored(client, future)).toEqual(['reading_chunk_21000101']);
    expect(await read(past)).toEqual([1, 2, 3]);
    expect(await read(future)).toEqual([4, 5]);
  });

  it('drops partitions older than the retention and keeps their rollups', async () => {
    const store = await open(locations.create(), { widthMs: DAY, retentionMs: 7 * DAY });
    const old = NOW - 10 * DAY;
    await store.maintainRawPartitions(old);
    const values = Array.from({ length: 120 }, (_, i) => i);
    expect(
      await ingestBatch(
        store,
        { idempotencyKey: 'old', series: [series('AUX0002', old, values)] },
        old + DAY,
      ),
    ).toMatchObject({ accepted: true, duplicate: false });
    expect(
      await ingestBatch(
        store,
        { idempotencyKey: 'new', series: [series('AUX0002', NOW - 3_600_000, [7])] },
        NOW,
      ),
    ).toMatchObject({ accepted: true });
    const oldDay = partitionName(Math.floor(old / DAY) * DAY);
    expect((await store.rawPartitions()).map((p) => p.name)).toContain(oldDay);

    const report = await store.maintainRawPartitions(NOW);
    expect(report.dropped.map((p) => p.name)).toContain(oldDay);
    const partitions = await store.rawPartitions();
    expect(partitions.map((p) => p.name)).not.toContain(oldDay);
    expect(partitions[0]!.from).toBeGreaterThanOrEqual(NOW - 8 * DAY);

    const range = { engineId: ENGINE, sensor: 'AUX0002', from: old, to: old + 120_000 };
    expect(await store.chunks(range)).toEqual([]);
    for (const resolution of [1_000, 60_000, 3_600_000]) {
      const rollups = await store.rollups({ ...range, resolution });
      expect(rollups.reduce((sum, r) => sum + r.count, 0)).toBe(120);
      expect(rollups.reduce((sum, r) => sum + r.sum, 0)).toBe(values.reduce((a, b) => a + b));
    }
    const recent = await store.chunks({ ...range, from: NOW - 3_600_000, to: NOW });
    expect(recent.map((c) => [...c.values])).toEqual([[7]]);
  });

  it('stores a batch sent to two replicas at once once', async () => {
    const location = locations.create();
    const [a, b] = [await open(location), await open(location)];
    const rounds = 10;
    const samples = 100;
    for (let round = 0; round < rounds; round += 1) {
      const start = NOW - DAY + round * samples * 1_000;
      const batch = () => ({
        idempotencyKey: `twice-${round}`,
        series: ['AUX0003', 'AUX0004', 'AUX0005'].map((sensor) =>
          series(
            sensor,
            start,
            Array.from({ length: samples }, (_, i) => round * samples + i),
          ),
        ),
      });
      const outcomes = await Promise.all([ingestBatch(a, batch(), NOW), ingestBatch(b, batch(), NOW)]);
      expect(outcomes.map((o) => o.accepted && o.duplicate).sort()).toEqual([false, true]);
      expect(outcomes.map((o) => o.accepted && o.readings)).toEqual([3 * samples, 3 * samples]);
    }
    expect(await ingestBatch(b, { idempotencyKey: 'twice-0', series: [] }, NOW)).toMatchObject({
      duplicate: true,
      readings: 3 * samples,
    });
    const range = { from: NOW - 2 * DAY, to: NOW };
    for (const sensor of ['AUX0003', 'AUX0004', 'AUX0005']) {
      const chunks = await a.chunks({ engineId: ENGINE, sensor, ...range });
      expect(chunks.flatMap((c) => [...c.values])).toEqual(
        Array.from({ length: rounds * samples }, (_, i) => i),
      );
      const hours = await b.rollups({ engineId: ENGINE, sensor, ...range, resolution: 3_600_000 });
      expect(hours.reduce((sum, r) => sum + r.count, 0)).toBe(rounds * samples);
    }
    const client = await inspect(location);
    const { rows } = await client.query<{ count: string }>(
      `select count(*) from ingest_batch where idempotency_key like 'twice-%'`,
    );
    expect(Number(rows[0]!.count)).toBe(rounds);
  });

  it('keeps each series in order when two replicas write overlapping batches at once', async () => {
    const location = locations.create();
    const [a, b] = [await open(location), await open(location)];
    for (let round = 0; round < 5; round += 1) {
      const start = NOW - DAY / 2 + round * 10_000;
      const batch = (replica: string) => ({
        idempotencyKey: `overlap-${round}-${replica}`,
        series: [series('AUX0006', start, [1, 2, 3])],
      });
      const outcomes = await Promise.all([ingestBatch(a, batch('a'), NOW), ingestBatch(b, batch('b'), NOW)]);
      expect(outcomes.filter((o) => o.accepted)).toHaveLength(1);
      const refused = outcomes.find((o) => !o.accepted);
      expect(refused && !refused.accepted && refused.problems[0]!.message).toMatch(
        /not after the previous reading/,
      );
    }
    const chunks = await a.chunks({ engineId: ENGINE, sensor: 'AUX0006', from: NOW - DAY, to: NOW });
    expect(chunks.map((c) => c.firstTime)).toEqual(
      Array.from({ length: 5 }, (_, round) => NOW - DAY / 2 + round * 10_000),
    );
  });

  it('lets several replicas maintain the partitions at once', async () => {
    const location = locations.create();
    const replicas = [await open(location), await open(location), await open(location)];
    const later = NOW + 40 * DAY;
    const reports = await Promise.all(replicas.map((r) => r.maintainRawPartitions(later)));
    const created = reports.flatMap((r) => r.created.map((p) => p.name));
    expect(new Set(created).size).toBe(created.length);
    const partitions = await replicas[0]!.rawPartitions();
    expect(partitions.map((p) => p.name)).toEqual(expect.arrayContaining(created));
    expect(partitions.at(-1)!.to).toBeGreaterThan(later + RAW_PARTITIONS_AHEAD_MS);
  });

  it('migrates a store at the previous schema, keeping its readings', async () => {
    const location = locations.create();
    const previous = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name < '0003'),
    ) as typeof migrations;
    const { db } = await openDatabase<TelemetryDatabase>({
      location,
      migrations: previous,
      seedIfEmpty: (fresh) => seed(createTelemetryStore(fresh)),
    });
    const before = createTelemetryStore(db);
    const days = [NOW - 3 * DAY, NOW - 2 * DAY, NOW - 1 * DAY];
    for (const [index, day] of days.entries()) {
      const outcome = await ingestBatch(
        before,
        { idempotencyKey: `old-${index}`, series: [series('AUX0007', day, [index, index + 0.5])] },
        NOW,
      );
      expect(outcome.accepted).toBe(true);
    }
    await before.close();

    const after = await open(location);
    const client = await inspect(location);
    const kind = await client.query<{ relkind: string }>(
      `select relkind from pg_class where oid = 'reading_chunk'::regclass`,
    );
    expect(kind.rows[0]!.relkind).toBe('p');
    const range = { engineId: ENGINE, sensor: 'AUX0007', from: NOW - 4 * DAY, to: NOW };
    const values = async () => (await after.chunks(range)).flatMap((c) => [...c.values]);
    expect(await values()).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    // The old table is one partition spanning its days; the partitions made after it do not overlap it.
    expect(await after.rawPartitions()).toEqual([
      { name: 'reading_chunk_20260107', from: Date.UTC(2026, 0, 7), to: Date.UTC(2026, 0, 10) },
    ]);
    await after.maintainRawPartitions(NOW);
    const partitions = await after.rawPartitions();
    partitions.slice(1).forEach((p, i) => expect(p.from).toBe(partitions[i]!.to));
    expect(await ingestBatch(after, { idempotencyKey: 'old-0', series: [] }, NOW)).toMatchObject({
      duplicate: true,
    });
    await ingestBatch(
      after,
      { idempotencyKey: 'new-0', series: [series('AUX0007', NOW - 60_000, [3])] },
      NOW,
    );
    expect(await values()).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
  });
});
