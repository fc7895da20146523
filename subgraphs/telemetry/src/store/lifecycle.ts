/**
 * The store's upkeep and life: the time partitions of raw readings (PostgreSQL; see partitions.ts), the
 * health check and closing the connection.
 */
import { isPostgres, pingDatabase } from '@meridian/kit';
import type { Kysely } from 'kysely';
import { DEFAULT_RAW_PARTITION_HOURS, DEFAULT_RAW_RETENTION_DAYS } from '../config';
import {
  listRawPartitions,
  maintainRawPartitions,
  NOTHING_MAINTAINED,
  type MaintenanceReport,
  type PartitionSettings,
  type RawPartition,
} from './partitions';
import type { TelemetryDatabase } from './tables';

export interface StoreLifecycle {
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

export function createStoreLifecycle(
  db: Kysely<TelemetryDatabase>,
  partitions: PartitionSettings,
): StoreLifecycle {
  const postgres = isPostgres(db);
  return {
    maintainRawPartitions: async (now) =>
      postgres ? maintainRawPartitions(db, partitions, now) : NOTHING_MAINTAINED,
    rawPartitions: async () => (postgres ? listRawPartitions(db) : []),
    ping: () => pingDatabase(db),
    close: () => db.destroy(),
  };
}
