/**
 * Writing readings: an ingested batch is stored whole, in one transaction, with its idempotency key, its
 * chunks, the rollups merged into stored buckets, the newest reading of each series (its head) and the
 * threshold alerts it raised. Several replicas may write at once (PostgreSQL): a batch's key is claimed
 * first and the writers of one engine take turns, so a batch is stored once and each series stays in order.
 */
import { isPostgres } from '@meridian/kit';
import { sql, type Kysely, type Transaction } from 'kysely';
import { insertAlerts, type AlertRecord } from './alerts';
import { bytes, insertInBatches } from './rows';
import type { Chunk, RollupBucket } from './series';
import type { TelemetryDatabase } from './tables';

export interface RollupRow extends RollupBucket {
  readonly engineId: string;
  readonly sensor: string;
  readonly resolution: number;
}

/** What one accepted batch writes, in one transaction. */
export interface BatchWrite {
  readonly idempotencyKey: string;
  readonly readings: number;
  readonly series: number;
  readonly receivedAt: number;
  readonly chunks: readonly Chunk[];
  readonly rollups: readonly RollupRow[];
  /**
   * The newest reading of each series of the batch, and the time of its first: the batch is written only
   * if no stored reading of the series is at or after `firstTime`.
   */
  readonly heads: readonly {
    engineId: string;
    sensor: string;
    firstTime: number;
    time: number;
    value: number;
  }[];
  readonly alerts: readonly AlertRecord[];
}

/**
 * What `writeBatch` did: wrote the batch, found its key stored already (by this replica or another), or
 * wrote nothing because another writer stored readings of one of its series at or after the batch's first
 * reading since the batch was validated.
 */
export type WriteOutcome =
  | { readonly outcome: 'written' | 'duplicate'; readonly batch: StoredBatch }
  | { readonly outcome: 'overtaken' };

export interface StoredBatch {
  readonly idempotencyKey: string;
  readonly readings: number;
  readonly series: number;
  readonly receivedAt: number;
}

export interface ReadingStore {
  /** Time of the newest stored reading per engine and sensor. */
  newestReadings(
    engineIds: readonly string[],
  ): Promise<{ engineId: string; sensor: string; time: number; value: number }[]>;
  findBatch(idempotencyKey: string): Promise<StoredBatch | null>;
  /**
   * Writes the batch, its key, chunks, rollups, newest values and alerts in one transaction, unless its key
   * is stored already or a stored reading of one of its series is at or after the series' first reading.
   * Writers of several replicas may write at once: those of one engine take turns.
   */
  writeBatch(write: BatchWrite): Promise<WriteOutcome>;
}

/** Thrown inside a write transaction to roll it back: see `WriteOutcome`. */
class Overtaken extends Error {}

async function findBatch(executor: Kysely<TelemetryDatabase>, key: string): Promise<StoredBatch | null> {
  const row = await executor
    .selectFrom('ingest_batch')
    .selectAll()
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row
    ? {
        idempotencyKey: row.idempotency_key,
        readings: Number(row.readings),
        series: row.series,
        receivedAt: Number(row.received_at),
      }
    : null;
}

export function createReadingStore(db: Kysely<TelemetryDatabase>): ReadingStore {
  const postgres = isPostgres(db);

  /** Takes turns with the writers of the same engines, in every replica (see `writeBatch`). */
  const lockEngines = async (trx: Transaction<TelemetryDatabase>, engineIds: readonly string[]) => {
    if (!postgres) return; // SQLite runs one transaction at a time.
    // One key per schema and engine, taken in key order so two batches naming the same engines never wait
    // on each other in a circle.
    await sql`select pg_advisory_xact_lock(key) from (
        select distinct hashtextextended('meridian.telemetry:' || current_schema() || ':' || engine, 0) as key
        from unnest(${engineIds}::text[]) as engine
        order by key
      ) as keys`.execute(trx);
  };
  /** Whether a stored reading of a series of the batch is at or after the series' first reading in it. */
  const overtaken = async (trx: Transaction<TelemetryDatabase>, write: BatchWrite, engineIds: string[]) => {
    if (engineIds.length === 0) return false;
    const stored = await trx
      .selectFrom('series_head')
      .select(['engine_id', 'sensor', 'time'])
      .where('engine_id', 'in', engineIds)
      .execute();
    const newest = new Map(stored.map((row) => [`${row.engine_id}\u0000${row.sensor}`, row.time]));
    return write.heads.some(
      (head) => (newest.get(`${head.engineId}\u0000${head.sensor}`) ?? -Infinity) >= head.firstTime,
    );
  };
  /**
   * The key is claimed first: a writer in another replica holding the same key makes this one wait for its
   * commit, then find the key stored. Then the batch's engines are locked and its order checked against
   * what is stored now, since the validation read the newest readings before this transaction.
   */
  const writeBatch = async (
    trx: Transaction<TelemetryDatabase>,
    write: BatchWrite,
  ): Promise<WriteOutcome> => {
    const batch: StoredBatch = {
      idempotencyKey: write.idempotencyKey,
      readings: write.readings,
      series: write.series,
      receivedAt: write.receivedAt,
    };
    const claimed = await trx
      .insertInto('ingest_batch')
      .values({
        idempotency_key: batch.idempotencyKey,
        readings: batch.readings,
        series: batch.series,
        received_at: batch.receivedAt,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('idempotency_key')
      .executeTakeFirst();
    if (!claimed) {
      const stored = await findBatch(trx, write.idempotencyKey);
      if (!stored) throw new Error(`batch ${write.idempotencyKey} is neither new nor stored`);
      return { outcome: 'duplicate', batch: stored };
    }
    const engineIds = [...new Set(write.heads.map((head) => head.engineId))];
    await lockEngines(trx, engineIds);
    if (await overtaken(trx, write, engineIds)) throw new Overtaken();
    await insertInBatches(
      write.chunks.map((chunk) => ({
        engine_id: chunk.engineId,
        sensor: chunk.sensor,
        first_time: chunk.firstTime,
        last_time: chunk.lastTime,
        count: chunk.values.length,
        period: chunk.period,
        times: chunk.times ? bytes(chunk.times) : null,
        values: bytes(chunk.values),
      })),
      (rows) => trx.insertInto('reading_chunk').values(rows).execute(),
    );
    await insertInBatches(
      write.rollups.map((r) => ({
        engine_id: r.engineId,
        sensor: r.sensor,
        resolution: r.resolution,
        bucket: r.bucket,
        min: r.min,
        max: r.max,
        sum: r.sum,
        count: r.count,
      })),
      (rows) =>
        trx
          .insertInto('rollup')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['engine_id', 'sensor', 'resolution', 'bucket']).doUpdateSet({
              min: sql`case when ${sql.ref('excluded.min')} < ${sql.ref('rollup.min')} then ${sql.ref('excluded.min')} else ${sql.ref('rollup.min')} end`,
              max: sql`case when ${sql.ref('excluded.max')} > ${sql.ref('rollup.max')} then ${sql.ref('excluded.max')} else ${sql.ref('rollup.max')} end`,
              sum: sql`${sql.ref('rollup.sum')} + ${sql.ref('excluded.sum')}`,
              count: sql`${sql.ref('rollup.count')} + ${sql.ref('excluded.count')}`,
            }),
          )
          .execute(),
    );
    await insertInBatches(
      write.heads.map((h) => ({ engine_id: h.engineId, sensor: h.sensor, time: h.time, value: h.value })),
      (rows) =>
        trx
          .insertInto('series_head')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['engine_id', 'sensor']).doUpdateSet({
              time: sql`${sql.ref('excluded.time')}`,
              value: sql`${sql.ref('excluded.value')}`,
            }),
          )
          .execute(),
    );
    await insertAlerts(trx, write.alerts);
    return { outcome: 'written', batch };
  };

  return {
    newestReadings: async (engineIds) =>
      (await db.selectFrom('series_head').selectAll().where('engine_id', 'in', engineIds).execute()).map(
        (row) => ({
          engineId: row.engine_id,
          sensor: row.sensor,
          time: row.time,
          value: row.value,
        }),
      ),
    findBatch: (key) => findBatch(db, key),
    writeBatch: async (write) => {
      try {
        return await db.transaction().execute((trx) => writeBatch(trx, write));
      } catch (error) {
        if (error instanceof Overtaken) return { outcome: 'overtaken' };
        throw error;
      }
    },
  };
}
