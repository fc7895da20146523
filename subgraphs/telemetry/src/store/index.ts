/**
 * The telemetry store: every read and write of fleet and sensor data goes through here, so loaders and
 * resolvers never see SQL. Rows leave it as camel-cased records; `bigint` columns (strings on PostgreSQL)
 * leave it as numbers, typed-array blobs as typed arrays. Reads of fleet data take the operators whose rows
 * they may return and narrow in SQL: an engine and its alerts belong to the operator of their aircraft.
 * On PostgreSQL raw readings live in time partitions (partitions.ts), and several replicas may write at once.
 */
import {
  isPostgres,
  openDatabase,
  pingDatabase,
  type DatabaseLocation,
  type OpenedStore,
} from '@meridian/kit';
import { sql, type Kysely, type Transaction } from 'kysely';
import { CHUNK_WINDOW_MS, DEFAULT_RAW_PARTITION_HOURS, DEFAULT_RAW_RETENTION_DAYS } from '../config';
import type { Chunk } from '../ingest/chunks';
import type { RollupBucket } from '../ingest/rollup';
import { migrations } from './migrations';
import {
  listRawPartitions,
  maintainRawPartitions,
  NOTHING_MAINTAINED,
  type MaintenanceReport,
  type PartitionSettings,
  type RawPartition,
} from './partitions';
import type {
  AircraftTable,
  AlertTable,
  AssessmentTable,
  EngineTable,
  FleetTable,
  FlightTable,
  ReadingChunkTable,
  SensorTable,
  TelemetryDatabase,
} from './tables';

export interface FleetRecord {
  id: string;
  name: string;
  operatorId: string;
}

export interface AircraftRecord {
  id: string;
  registration: string;
  type: string;
  operatorId: string;
  fleetId: string | null;
}

export interface EngineRecord {
  id: string;
  aircraftId: string;
  position: number;
  model: string;
  serial: string;
}

export interface SensorRecord {
  id: string;
  engineModel: string;
  name: string;
  description: string;
  unit: string;
  normalMin: number;
  normalMax: number;
}

export interface FlightRecord {
  engineId: string;
  cycle: number;
  departedAt: number;
  arrivedAt: number;
  /** The C-MAPSS channel values of the flight. */
  channels: number[];
}

export interface AssessmentRecord {
  engineId: string;
  cycle: number;
  assessedAt: number;
  healthIndex: number;
  healthTrend: number;
  rul: number;
  rulLower: number;
  rulUpper: number;
}

export type AlertKind = 'THRESHOLD' | 'TREND';
export type AlertSeverity = 'WARNING' | 'CRITICAL';

export interface AlertRecord {
  id: string;
  engineId: string;
  sensor: string | null;
  kind: AlertKind;
  severity: AlertSeverity;
  message: string;
  value: number;
  raisedAt: number;
}

/**
 * Whose fleet data a read returns: every operator's when undefined, else only these operators' (nothing
 * when the list is empty).
 */
export type Operators = readonly string[] | undefined;

export interface AlertFilter {
  readonly engineIds?: readonly string[];
  readonly operators?: Operators;
  readonly fleetId?: string;
  readonly kind?: AlertKind;
  readonly severity?: AlertSeverity;
  readonly since?: number;
  readonly first: number;
}

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

export interface FleetWrite {
  readonly fleets: readonly FleetRecord[];
  readonly aircraft: readonly AircraftRecord[];
  readonly engines: readonly EngineRecord[];
  readonly sensors: readonly SensorRecord[];
}

export interface TelemetryStore {
  fleetsByIds(ids: readonly string[], operators?: Operators): Promise<FleetRecord[]>;
  fleetsByOperatorIds(operatorIds: readonly string[], operators?: Operators): Promise<FleetRecord[]>;
  listFleets(operators?: Operators): Promise<FleetRecord[]>;
  aircraftByIds(ids: readonly string[], operators?: Operators): Promise<AircraftRecord[]>;
  aircraftByOperatorIds(operatorIds: readonly string[], operators?: Operators): Promise<AircraftRecord[]>;
  aircraftByFleetIds(fleetIds: readonly string[], operators?: Operators): Promise<AircraftRecord[]>;
  listAircraft(operators?: Operators): Promise<AircraftRecord[]>;
  enginesByIds(ids: readonly string[], operators?: Operators): Promise<EngineRecord[]>;
  enginesByAircraftIds(aircraftIds: readonly string[], operators?: Operators): Promise<EngineRecord[]>;
  sensorsByIds(ids: readonly string[]): Promise<SensorRecord[]>;
  sensorsByEngineModels(models: readonly string[]): Promise<SensorRecord[]>;
  flightsByEngineIds(engineIds: readonly string[]): Promise<FlightRecord[]>;
  latestAssessmentsByEngineIds(engineIds: readonly string[]): Promise<AssessmentRecord[]>;
  /** Latest assessment of every engine (of one fleet), fewest remaining cycles first. */
  latestAssessments(fleetId?: string, operators?: Operators): Promise<AssessmentRecord[]>;
  /** The newest `perEngine` alerts of each engine, newest first. */
  latestAlertsByEngineIds(engineIds: readonly string[], perEngine: number): Promise<AlertRecord[]>;
  listAlerts(filter: AlertFilter): Promise<AlertRecord[]>;
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
  rollups(query: SeriesRange & { resolution: number }): Promise<RollupBucket[]>;
  chunks(query: SeriesRange): Promise<Chunk[]>;
  writeFleet(write: FleetWrite): Promise<void>;
  writeFlights(
    flights: readonly FlightRecord[],
    assessments: readonly AssessmentRecord[],
    alerts: readonly AlertRecord[],
  ): Promise<void>;
  /**
   * PostgreSQL: creates the partitions of raw readings ahead of `now`, moves stray chunks into partitions
   * of their own and drops partitions older than the retention (see partitions.ts). SQLite: nothing.
   */
  maintainRawPartitions(now: number): Promise<MaintenanceReport>;
  /** The time partitions of raw readings (PostgreSQL; none on SQLite), besides the DEFAULT one. */
  rawPartitions(): Promise<RawPartition[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PARTITION_SETTINGS: PartitionSettings = {
  widthMs: DEFAULT_RAW_PARTITION_HOURS * 3_600_000,
  retentionMs: DEFAULT_RAW_RETENTION_DAYS * 86_400_000,
};

/** How far before its window a chunk may start: chunks never span more than one window. */
const CHUNK_SPAN_BOUND_MS = CHUNK_WINDOW_MS;

export interface SeriesRange {
  readonly engineId: string;
  readonly sensor: string;
  /** Inclusive start and exclusive end, ms since the epoch. */
  readonly from: number;
  readonly to: number;
}

export async function openTelemetryStore(options: {
  location: DatabaseLocation;
  seedIfEmpty: (store: TelemetryStore) => Promise<boolean>;
  /** Partitions of raw readings on PostgreSQL; the defaults of config.ts when not given. */
  partitions?: PartitionSettings;
}): Promise<OpenedStore<TelemetryStore>> {
  const partitions = options.partitions ?? DEFAULT_PARTITION_SETTINGS;
  const { db, seeded } = await openDatabase<TelemetryDatabase>({
    location: options.location,
    migrations,
    seedIfEmpty: (fresh) => options.seedIfEmpty(createTelemetryStore(fresh, partitions)),
  });
  // An acknowledged batch must survive a power cut, not only a crash of the process (PostgreSQL's default
  // already flushes each commit). The demo data is written before this: it can be generated again.
  if (!isPostgres(db)) await sql`pragma synchronous = FULL`.execute(db);
  return { store: createTelemetryStore(db, partitions), seeded };
}

/** Rows per multi-row statement: SQLite accepts 32,766 bound values a statement, PostgreSQL 65,535. */
const MAX_BOUND_VALUES = 32_000;

async function insertInBatches<Row extends object>(
  rows: readonly Row[],
  insert: (rows: Row[]) => Promise<unknown>,
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += perStatement) await insert(rows.slice(i, i + perStatement));
}

const toFleet = (row: FleetTable): FleetRecord => ({
  id: row.id,
  name: row.name,
  operatorId: row.operator_id,
});

const toAircraft = (row: AircraftTable): AircraftRecord => ({
  id: row.id,
  registration: row.registration,
  type: row.type,
  operatorId: row.operator_id,
  fleetId: row.fleet_id,
});

const toEngine = (row: EngineTable): EngineRecord => ({
  id: row.id,
  aircraftId: row.aircraft_id,
  position: row.position,
  model: row.model,
  serial: row.serial,
});

const toSensor = (row: SensorTable): SensorRecord => ({
  id: row.id,
  engineModel: row.engine_model,
  name: row.name,
  description: row.description,
  unit: row.unit,
  normalMin: row.normal_min,
  normalMax: row.normal_max,
});

const toFlight = (row: FlightTable): FlightRecord => ({
  engineId: row.engine_id,
  cycle: row.cycle,
  departedAt: Number(row.departed_at),
  arrivedAt: Number(row.arrived_at),
  channels: JSON.parse(row.channels) as number[],
});

const toAssessment = (row: AssessmentTable): AssessmentRecord => ({
  engineId: row.engine_id,
  cycle: row.cycle,
  assessedAt: Number(row.assessed_at),
  healthIndex: row.health_index,
  healthTrend: row.health_trend,
  rul: row.rul,
  rulLower: row.rul_lower,
  rulUpper: row.rul_upper,
});

const toAlert = (row: AlertTable): AlertRecord => ({
  id: row.id,
  engineId: row.engine_id,
  sensor: row.sensor,
  kind: row.kind as AlertKind,
  severity: row.severity as AlertSeverity,
  message: row.message,
  value: row.value,
  raisedAt: Number(row.raised_at),
});

const bytes = (array: Float64Array): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

/** A blob back into a Float64Array, copying only when the driver's buffer is not 8-byte aligned. */
function float64s(blob: Uint8Array): Float64Array {
  if (blob.byteOffset % Float64Array.BYTES_PER_ELEMENT === 0) {
    return new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength / Float64Array.BYTES_PER_ELEMENT);
  }
  return new Float64Array(Uint8Array.from(blob).buffer);
}

const toChunk = (row: ReadingChunkTable): Chunk => ({
  engineId: row.engine_id,
  sensor: row.sensor,
  firstTime: row.first_time,
  lastTime: row.last_time,
  period: row.period,
  times: row.times ? float64s(row.times) : null,
  values: float64s(row.values),
});

const fromAlert = (alert: AlertRecord): AlertTable => ({
  id: alert.id,
  engine_id: alert.engineId,
  sensor: alert.sensor,
  kind: alert.kind,
  severity: alert.severity,
  message: alert.message,
  value: alert.value,
  raised_at: alert.raisedAt,
});

async function insertAlerts(
  trx: Transaction<TelemetryDatabase>,
  alerts: readonly AlertRecord[],
): Promise<void> {
  await insertInBatches(alerts.map(fromAlert), (rows) =>
    trx
      .insertInto('alert')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute(),
  );
}

/** Whether `operators` rules out every row, so a read need not ask the database. */
const noOperators = (operators: Operators) => operators !== undefined && operators.length === 0;

/** Thrown inside a write transaction to roll it back: see `WriteOutcome`. */
class Overtaken extends Error {}

export function createTelemetryStore(
  db: Kysely<TelemetryDatabase>,
  partitions: PartitionSettings = DEFAULT_PARTITION_SETTINGS,
): TelemetryStore {
  const postgres = isPostgres(db);
  const fleets = (operators: Operators) => {
    const query = db.selectFrom('fleet').selectAll();
    return operators === undefined ? query : query.where('operator_id', 'in', operators);
  };
  const aircraft = (operators: Operators) => {
    const query = db.selectFrom('aircraft').selectAll();
    return operators === undefined ? query : query.where('operator_id', 'in', operators);
  };
  const engines = (operators: Operators) => {
    const query = db.selectFrom('engine').selectAll();
    if (operators === undefined) return query;
    return query.where('aircraft_id', 'in', (eb) =>
      eb.selectFrom('aircraft').select('aircraft.id').where('aircraft.operator_id', 'in', operators),
    );
  };
  /** Ids of the engines on the aircraft of a fleet and of some operators, for `engine_id in (…)`. */
  const engineIdsOf = (fleetId: string | undefined, operators: Operators) => {
    let query = db
      .selectFrom('engine')
      .innerJoin('aircraft', 'aircraft.id', 'engine.aircraft_id')
      .select('engine.id');
    if (fleetId !== undefined) query = query.where('aircraft.fleet_id', '=', fleetId);
    if (operators !== undefined) query = query.where('aircraft.operator_id', 'in', operators);
    return query;
  };
  const sensors = () => db.selectFrom('sensor').selectAll();
  const latestCycles = () =>
    db
      .selectFrom('assessment')
      .select(['engine_id as latest_engine', (eb) => eb.fn.max('cycle').as('latest_cycle')])
      .groupBy('engine_id');
  const latestAssessments = () =>
    db
      .selectFrom('assessment')
      .innerJoin(latestCycles().as('latest'), (join) =>
        join
          .onRef('latest.latest_engine', '=', 'assessment.engine_id')
          .onRef('latest.latest_cycle', '=', 'assessment.cycle'),
      )
      .selectAll('assessment');
  const findBatch = async (executor: Kysely<TelemetryDatabase>, key: string): Promise<StoredBatch | null> => {
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
  };

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
    fleetsByIds: async (ids, operators) =>
      noOperators(operators) ? [] : (await fleets(operators).where('id', 'in', ids).execute()).map(toFleet),
    fleetsByOperatorIds: async (operatorIds, operators) =>
      noOperators(operators)
        ? []
        : (await fleets(operators).where('operator_id', 'in', operatorIds).orderBy('id').execute()).map(
            toFleet,
          ),
    listFleets: async (operators) =>
      noOperators(operators) ? [] : (await fleets(operators).orderBy('id').execute()).map(toFleet),
    aircraftByIds: async (ids, operators) =>
      noOperators(operators)
        ? []
        : (await aircraft(operators).where('id', 'in', ids).execute()).map(toAircraft),
    aircraftByOperatorIds: async (operatorIds, operators) =>
      noOperators(operators)
        ? []
        : (
            await aircraft(operators)
              .where('operator_id', 'in', operatorIds)
              .orderBy('registration')
              .execute()
          ).map(toAircraft),
    aircraftByFleetIds: async (fleetIds, operators) =>
      noOperators(operators)
        ? []
        : (await aircraft(operators).where('fleet_id', 'in', fleetIds).orderBy('registration').execute()).map(
            toAircraft,
          ),
    listAircraft: async (operators) =>
      noOperators(operators)
        ? []
        : (await aircraft(operators).orderBy('registration').execute()).map(toAircraft),
    enginesByIds: async (ids, operators) =>
      noOperators(operators) ? [] : (await engines(operators).where('id', 'in', ids).execute()).map(toEngine),
    enginesByAircraftIds: async (aircraftIds, operators) =>
      noOperators(operators)
        ? []
        : (
            await engines(operators).where('aircraft_id', 'in', aircraftIds).orderBy('position').execute()
          ).map(toEngine),
    sensorsByIds: async (ids) => (await sensors().where('id', 'in', ids).execute()).map(toSensor),
    sensorsByEngineModels: async (models) =>
      (await sensors().where('engine_model', 'in', models).orderBy('id').execute()).map(toSensor),
    flightsByEngineIds: async (engineIds) =>
      (
        await db
          .selectFrom('flight')
          .selectAll()
          .where('engine_id', 'in', engineIds)
          .orderBy('engine_id')
          .orderBy('cycle')
          .execute()
      ).map(toFlight),
    latestAssessmentsByEngineIds: async (engineIds) =>
      (await latestAssessments().where('assessment.engine_id', 'in', engineIds).execute()).map(toAssessment),
    latestAssessments: async (fleetId, operators) => {
      if (noOperators(operators)) return [];
      let query = latestAssessments();
      if (fleetId !== undefined || operators !== undefined) {
        query = query.where('assessment.engine_id', 'in', engineIdsOf(fleetId, operators));
      }
      return (await query.orderBy('assessment.rul').orderBy('assessment.engine_id').execute()).map(
        toAssessment,
      );
    },
    latestAlertsByEngineIds: async (engineIds, perEngine) => {
      const ranked = db
        .selectFrom('alert')
        .selectAll()
        .select(
          sql<number>`row_number() over (partition by engine_id order by raised_at desc, id)`.as('rank'),
        )
        .where('engine_id', 'in', engineIds)
        .as('ranked');
      const rows = await db
        .selectFrom(ranked)
        .selectAll()
        .where('rank', '<=', perEngine)
        .orderBy('engine_id')
        .orderBy('raised_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toAlert);
    },
    listAlerts: async (filter) => {
      if (noOperators(filter.operators)) return [];
      let query = db.selectFrom('alert').selectAll();
      if (filter.engineIds) query = query.where('engine_id', 'in', filter.engineIds);
      if (filter.fleetId !== undefined || filter.operators !== undefined) {
        query = query.where('engine_id', 'in', engineIdsOf(filter.fleetId, filter.operators));
      }
      if (filter.kind) query = query.where('kind', '=', filter.kind);
      if (filter.severity) query = query.where('severity', '=', filter.severity);
      if (filter.since !== undefined) query = query.where('raised_at', '>=', filter.since);
      return (await query.orderBy('raised_at', 'desc').orderBy('id').limit(filter.first).execute()).map(
        toAlert,
      );
    },
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
    rollups: async ({ engineId, sensor, resolution, from, to }) => {
      const rows = await db
        .selectFrom('rollup')
        .select(['bucket', 'min', 'max', 'sum', 'count'])
        .where('engine_id', '=', engineId)
        .where('sensor', '=', sensor)
        .where('resolution', '=', resolution)
        .where('bucket', '>=', Math.floor(from / resolution) * resolution)
        .where('bucket', '<', to)
        .orderBy('bucket')
        .execute();
      return rows.map((row) => ({
        bucket: Number(row.bucket),
        min: row.min,
        max: row.max,
        sum: row.sum,
        count: Number(row.count),
      }));
    },
    chunks: async ({ engineId, sensor, from, to }) => {
      const rows = await db
        .selectFrom('reading_chunk')
        .selectAll()
        .where('engine_id', '=', engineId)
        .where('sensor', '=', sensor)
        // A chunk never spans more than one window, so this bound keeps the scan on the index.
        .where('first_time', '>=', from - CHUNK_SPAN_BOUND_MS)
        .where('first_time', '<', to)
        .where('last_time', '>=', from)
        .orderBy('first_time')
        .execute();
      return rows.map(toChunk);
    },
    writeFleet: (write) =>
      db.transaction().execute(async (trx) => {
        await insertInBatches(
          write.fleets.map((f) => ({ id: f.id, name: f.name, operator_id: f.operatorId })),
          (rows) => trx.insertInto('fleet').values(rows).execute(),
        );
        await insertInBatches(
          write.aircraft.map((a) => ({
            id: a.id,
            registration: a.registration,
            type: a.type,
            operator_id: a.operatorId,
            fleet_id: a.fleetId,
          })),
          (rows) => trx.insertInto('aircraft').values(rows).execute(),
        );
        await insertInBatches(
          write.engines.map((e) => ({
            id: e.id,
            aircraft_id: e.aircraftId,
            position: e.position,
            model: e.model,
            serial: e.serial,
          })),
          (rows) => trx.insertInto('engine').values(rows).execute(),
        );
        await insertInBatches(
          write.sensors.map((s) => ({
            id: s.id,
            engine_model: s.engineModel,
            name: s.name,
            description: s.description,
            unit: s.unit,
            normal_min: s.normalMin,
            normal_max: s.normalMax,
          })),
          (rows) =>
            trx
              .insertInto('sensor')
              .values(rows)
              .onConflict((oc) => oc.column('id').doNothing())
              .execute(),
        );
      }),
    writeFlights: (flights, assessments, alerts) =>
      db.transaction().execute(async (trx) => {
        await insertInBatches(
          flights.map((f) => ({
            engine_id: f.engineId,
            cycle: f.cycle,
            departed_at: f.departedAt,
            arrived_at: f.arrivedAt,
            channels: JSON.stringify(f.channels),
          })),
          (rows) => trx.insertInto('flight').values(rows).execute(),
        );
        await insertInBatches(
          assessments.map((a) => ({
            engine_id: a.engineId,
            cycle: a.cycle,
            assessed_at: a.assessedAt,
            health_index: a.healthIndex,
            health_trend: a.healthTrend,
            rul: a.rul,
            rul_lower: a.rulLower,
            rul_upper: a.rulUpper,
          })),
          (rows) => trx.insertInto('assessment').values(rows).execute(),
        );
        await insertAlerts(trx, alerts);
      }),
    maintainRawPartitions: async (now) =>
      postgres ? maintainRawPartitions(db, partitions, now) : NOTHING_MAINTAINED,
    rawPartitions: async () => (postgres ? listRawPartitions(db) : []),
    ping: () => pingDatabase(db),
    close: () => db.destroy(),
  };
}
