/**
 * The telemetry store: every read and write of fleet and sensor data goes through here, so loaders and
 * resolvers never see SQL. Rows leave it as camel-cased records; `bigint` columns (strings on PostgreSQL)
 * leave it as numbers, typed-array blobs as typed arrays. Reads of fleet data take the operators whose rows
 * they may return and narrow in SQL (scope.ts). On PostgreSQL raw readings live in time partitions
 * (partitions.ts), and several replicas may write at once. One module per area (README.md), composed here.
 */
import { isPostgres, openDatabase, type DatabaseLocation, type OpenedStore } from '@meridian/kit';
import { sql, type Kysely } from 'kysely';
import { createAlertStore, type AlertStore } from './alerts';
import { createFleetStore, type FleetStore } from './fleet';
import { createHealthStore, type HealthStore } from './health';
import { createStoreLifecycle, DEFAULT_PARTITION_SETTINGS, type StoreLifecycle } from './lifecycle';
import { migrations } from './migrations';
import type { PartitionSettings } from './partitions';
import { createReadingStore, type ReadingStore } from './readings';
import { createSeriesStore, type SeriesStore } from './series';
import type { TelemetryDatabase } from './tables';

export type { AlertRecord, AlertSeverity } from './alerts';
export type { AircraftRecord, EngineRecord, FleetRecord, SensorRecord } from './fleet';
export type { AssessmentRecord, FlightRecord } from './health';
export type { BatchWrite, RollupRow, StoredBatch } from './readings';
export type { Operators } from './scope';
export type { Chunk, RollupBucket } from './series';

export interface TelemetryStore
  extends FleetStore, HealthStore, AlertStore, ReadingStore, SeriesStore, StoreLifecycle {}

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

/**
 * The store over an open database, its areas composed; `openTelemetryStore` opens, migrates and seeds.
 * @internal
 */
export function createTelemetryStore(
  db: Kysely<TelemetryDatabase>,
  partitions: PartitionSettings = DEFAULT_PARTITION_SETTINGS,
): TelemetryStore {
  return {
    ...createFleetStore(db),
    ...createHealthStore(db),
    ...createAlertStore(db),
    ...createReadingStore(db),
    ...createSeriesStore(db),
    ...createStoreLifecycle(db, partitions),
  };
}
