/** Schema migrations of the telemetry store, applied in name order. */
import { sql, type Kysely } from 'kysely';
import { columnTypes, isPostgres, type Migrations } from '@meridian/kit';
import { partitionName } from './partitions';

const DAY_MS = 86_400_000;

export const migrations: Migrations = {
  '0001_fleet': {
    async up(db: Kysely<unknown>) {
      const types = columnTypes(db);
      await db.schema
        .createTable('aircraft')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('registration', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('aircraft_operator').on('aircraft').column('operator_id').execute();
      await db.schema
        .createTable('engine')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('aircraft_id', 'text', (c) => c.notNull().references('aircraft.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema.createIndex('engine_aircraft').on('engine').column('aircraft_id').execute();
      await db.schema
        .createTable('sensor')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engine_model', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('normal_min', types.double, (c) => c.notNull())
        .addColumn('normal_max', types.double, (c) => c.notNull())
        .addUniqueConstraint('sensor_model_name', ['engine_model', 'name'])
        .execute();
    },
  },
  '0002_readings': {
    async up(db: Kysely<unknown>) {
      const types = columnTypes(db);
      await db.schema
        .createTable('fleet')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('fleet_operator').on('fleet').column('operator_id').execute();
      await db.schema
        .alterTable('aircraft')
        .addColumn('fleet_id', 'text', (c) => c.references('fleet.id'))
        .execute();
      await db.schema.createIndex('aircraft_fleet').on('aircraft').column('fleet_id').execute();
      await db.schema
        .createTable('flight')
        .addColumn('engine_id', 'text', (c) => c.notNull().references('engine.id'))
        .addColumn('cycle', 'integer', (c) => c.notNull())
        .addColumn('departed_at', types.bigint, (c) => c.notNull())
        .addColumn('arrived_at', types.bigint, (c) => c.notNull())
        // The C-MAPSS channel values of the flight, JSON: what the health and remaining-life models read.
        .addColumn('channels', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('flight_pk', ['engine_id', 'cycle'])
        .execute();
      await db.schema
        .createTable('assessment')
        .addColumn('engine_id', 'text', (c) => c.notNull().references('engine.id'))
        .addColumn('cycle', 'integer', (c) => c.notNull())
        .addColumn('assessed_at', types.bigint, (c) => c.notNull())
        .addColumn('health_index', types.double, (c) => c.notNull())
        .addColumn('health_trend', types.double, (c) => c.notNull())
        .addColumn('rul', types.double, (c) => c.notNull())
        .addColumn('rul_lower', types.double, (c) => c.notNull())
        .addColumn('rul_upper', types.double, (c) => c.notNull())
        .addPrimaryKeyConstraint('assessment_pk', ['engine_id', 'cycle'])
        .execute();
      await db.schema
        .createTable('reading_chunk')
        .addColumn('engine_id', 'text', (c) => c.notNull())
        .addColumn('sensor', 'text', (c) => c.notNull())
        .addColumn('first_time', types.double, (c) => c.notNull())
        .addColumn('last_time', types.double, (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        // Regular chunks store their period and no times; irregular ones a Float64Array of times.
        .addColumn('period', types.double, (c) => c.notNull())
        .addColumn('times', types.binary)
        .addColumn('values', types.binary, (c) => c.notNull())
        .addPrimaryKeyConstraint('reading_chunk_pk', ['engine_id', 'sensor', 'first_time'])
        .execute();
      await db.schema
        .createTable('rollup')
        .addColumn('engine_id', 'text', (c) => c.notNull())
        .addColumn('sensor', 'text', (c) => c.notNull())
        .addColumn('resolution', 'integer', (c) => c.notNull())
        .addColumn('bucket', types.bigint, (c) => c.notNull())
        .addColumn('min', types.double, (c) => c.notNull())
        .addColumn('max', types.double, (c) => c.notNull())
        .addColumn('sum', types.double, (c) => c.notNull())
        .addColumn('count', types.bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('rollup_pk', ['engine_id', 'sensor', 'resolution', 'bucket'])
        .execute();
      await db.schema
        .createTable('series_head')
        .addColumn('engine_id', 'text', (c) => c.notNull())
        .addColumn('sensor', 'text', (c) => c.notNull())
        .addColumn('time', types.double, (c) => c.notNull())
        .addColumn('value', types.double, (c) => c.notNull())
        .addPrimaryKeyConstraint('series_head_pk', ['engine_id', 'sensor'])
        .execute();
      await db.schema
        .createTable('ingest_batch')
        .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
        .addColumn('readings', types.bigint, (c) => c.notNull())
        .addColumn('series', 'integer', (c) => c.notNull())
        .addColumn('received_at', types.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('alert')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('engine_id', 'text', (c) => c.notNull())
        .addColumn('sensor', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('value', types.double, (c) => c.notNull())
        .addColumn('raised_at', types.bigint, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('alert_engine_time')
        .on('alert')
        .columns(['engine_id', 'raised_at'])
        .execute();
      await db.schema.createIndex('alert_time').on('alert').column('raised_at').execute();
    },
  },
  '0003_raw_partitions': {
    /**
     * PostgreSQL only: `reading_chunk` becomes a table partitioned by range on `first_time` (see
     * partitions.ts), with a DEFAULT partition. The existing table is attached as it is, without copying, as
     * one partition spanning the whole UTC days its chunks fall in; the retention drops it once its last day
     * is older than the retention. The primary key already holds the partition key, so it stays.
     */
    async up(db: Kysely<unknown>) {
      if (!isPostgres(db)) return;
      await sql`alter table reading_chunk rename to reading_chunk_unpartitioned`.execute(db);
      await sql`alter table reading_chunk_unpartitioned rename constraint reading_chunk_pk to reading_chunk_unpartitioned_pk`.execute(
        db,
      );
      await sql`create table reading_chunk (
        like reading_chunk_unpartitioned including defaults,
        constraint reading_chunk_pk primary key (engine_id, sensor, first_time)
      ) partition by range (first_time)`.execute(db);
      await sql`create table reading_chunk_default partition of reading_chunk default`.execute(db);
      const { rows } = await sql<{ first: number | null; last: number | null }>`
        select min(first_time) as first, max(first_time) as last from reading_chunk_unpartitioned`.execute(
        db,
      );
      const { first, last } = rows[0] ?? { first: null, last: null };
      if (first === null || last === null) {
        await sql`drop table reading_chunk_unpartitioned`.execute(db);
        return;
      }
      const from = Math.floor(first / DAY_MS) * DAY_MS;
      const to = (Math.floor(last / DAY_MS) + 1) * DAY_MS;
      const name = partitionName(from);
      await sql`alter table reading_chunk_unpartitioned rename to ${sql.id(name)}`.execute(db);
      await sql`alter table reading_chunk attach partition ${sql.id(name)}
        for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(db);
    },
  },
};
